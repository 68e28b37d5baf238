/**
 * The embedded Cosmos server behind the fault-injecting proxy with its random faults off, for tests that
 * switch a whole-store outage on and off (`proxy.outage`), and the app started on that store.
 */
import { startApp, type AppOptions, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { startFaultyCosmosProxy, type FaultyProxy } from './faulty-cosmos-proxy';

export interface StoreBehindProxy {
  cosmos: EmbeddedCosmos;
  proxy: FaultyProxy;
  /** the proxy's endpoint and the server's key: what a client of the store is given */
  endpoint: string;
  key: string;
  close(): Promise<void>;
}

export async function startStoreBehindProxy(): Promise<StoreBehindProxy> {
  const cosmos = await startEmbeddedCosmos(0);
  const proxy = await startFaultyCosmosProxy(cosmos.port, { rate429: 0, rate503: 0 });
  return {
    cosmos,
    proxy,
    endpoint: proxy.endpoint,
    key: cosmos.key,
    async close() {
      await proxy.close();
      await cosmos.close();
    },
  };
}

export type AppBehindProxy = StoreBehindProxy & { app: RunningApp };

/** the app (PORT 0) on a store behind the proxy; `env` adds to the configuration (e.g. DEMO_DATA); close() closes all three */
export async function startAppBehindProxy(env: Record<string, string>, options: AppOptions = {}): Promise<AppBehindProxy> {
  const store = await startStoreBehindProxy();
  let app: RunningApp;
  try {
    app = await startApp(loadConfig({ PORT: '0', COSMOS_ENDPOINT: store.endpoint, COSMOS_KEY: store.key, ...env }), options);
  } catch (err) {
    await store.close();
    throw err;
  }
  return {
    ...store,
    app,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
