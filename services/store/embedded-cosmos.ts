/**
 * The local default store: @vercel/cosmosdb-server (a Cosmos DB protocol server) in this process,
 * over HTTPS with its self-signed certificate. Everything lives in memory; `npm start` keeps it across
 * restarts with a snapshot on disk (local-snapshot.ts), told of every write through `onWrite`.
 */
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMULATOR_KEY } from '../config/config';
import { useLinearQueryCode, useLinearStripUndefined } from './embedded-query-engine';

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  port: number;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** a request that may change data: any POST, PUT, PATCH or DELETE except a query */
function isWrite(req: IncomingMessage): boolean {
  if (!req.method || !WRITE_METHODS.has(req.method)) return false;
  const query = String(req.headers['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true' || req.headers['content-type'] === 'application/query+json';
  return !query;
}

export interface EmbeddedCosmosOptions {
  /** called after each request that may have changed data has been answered, with its method and path */
  onWrite?: (request: { method: string; path: string }) => void;
}

/** Starts the server on 127.0.0.1:`port` (0: any free port). */
export async function startEmbeddedCosmos(port = 0, options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  useLinearStripUndefined();
  useLinearQueryCode();
  // keep-alive as the Cosmos DB gateway does (the package's default closes every connection: a TLS handshake per request)
  const server = createHttpsServer({ keepAlive: true });
  const onWrite = options.onWrite;
  if (onWrite) server.on('request', (req, res) => {
    if (isWrite(req)) res.once('finish', () => onWrite({ method: req.method ?? '', path: (req.url ?? '').split('?')[0] }));
  });
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
