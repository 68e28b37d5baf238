/**
 * The HTTP edge: a small node:http router. Routes are a table; each handler gets the parsed request.
 * Other parts (bot messages, tab API) register their routes here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../services/logging/logger';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;
export type Routes = Record<string, RouteHandler>; // key: 'GET /healthz'

export interface RunningServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startHttpServer(options: { host: string; port: number; routes: Routes; logger: Logger }): Promise<RunningServer> {
  const { routes, logger } = options;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      logger.error({ err, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
