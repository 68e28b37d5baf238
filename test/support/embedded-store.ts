/**
 * Integration tests use the real @azure/cosmos SDK against the embedded Cosmos DB protocol server,
 * started here on a free port: no fakes.
 */
import { randomUUID } from 'node:crypto';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../services/store';

export interface TestStore {
  server: EmbeddedCosmos;
  store: Store;
  /** opens another client on the same database (a second instance, a second CLI run) */
  openAnother(): Promise<Store>;
  close(): Promise<void>;
}

export async function startTestStore(): Promise<TestStore> {
  const server = await startEmbeddedCosmos(0);
  const database = `test-${randomUUID().slice(0, 8)}`;
  const target = { endpoint: server.endpoint, key: server.key, database };
  const store = await openStore(target);
  const others: Store[] = [];
  return {
    server,
    store,
    openAnother: async () => {
      const s = await openStore(target);
      others.push(s);
      return s;
    },
    close: async () => {
      for (const s of [store, ...others]) await s.close();
      await server.close();
    },
  };
}
