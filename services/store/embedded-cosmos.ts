/**
 * The local default store: @vercel/cosmosdb-server (a Cosmos DB protocol server) in this process,
 * over HTTPS with its self-signed certificate. Everything lives in memory and is gone at exit.
 */
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { AddressInfo } from 'node:net';
import { EMULATOR_KEY } from '../config/config';

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1:`port` (0: any free port). */
export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  // keep-alive as the Cosmos DB gateway does (the package's default closes every connection: a TLS handshake per request)
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://localhost:${actual}`,
    key: EMULATOR_KEY,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
