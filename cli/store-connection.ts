/**
 * Where the CLI's data lives: the configured Cosmos DB account (COSMOS_ENDPOINT), or else the
 * embedded store of the locally running app (`npm start`) at https://localhost:EMBEDDED_COSMOS_PORT
 * with the emulator key. If nothing answers there, the user is told to start the app first.
 */
import net from 'node:net';
import { EMULATOR_KEY, type Config } from '../services/config/config';
import { TertialError } from '../services/errors';
import { openStore, type Store } from '../services/store';

const PROBE_TIMEOUT_MS = 2000;

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function connectConfiguredStore(config: Config): Promise<Store> {
  if (config.cosmos.endpoint) {
    try {
      return await openStore({ endpoint: config.cosmos.endpoint, key: config.cosmos.key, database: config.cosmos.database });
    } catch (e) {
      throw new TertialError(
        'store-unavailable',
        `Kan inte nå Cosmos DB på ${config.cosmos.endpoint} (cannot reach the store): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  const port = config.cosmos.embeddedPort;
  const endpoint = `https://localhost:${port}`;
  if (!(await answers('127.0.0.1', port))) {
    throw new TertialError(
      'store-unavailable',
      `Ingen Tertial-databas svarar på ${endpoint}. Starta appen först med \`npm start\` i ett annat fönster, ` +
        `eller sätt COSMOS_ENDPOINT (nothing answers at ${endpoint}: run \`npm start\` first, or set COSMOS_ENDPOINT).`,
    );
  }
  return openStore({ endpoint, key: EMULATOR_KEY, database: config.cosmos.database });
}
