/**
 * The HTTP host: an Express 5 application. The composition root (bot/app.ts) hands it a list of
 * mounts (a path and its routers or middleware); each mount brings its own body parser with its own
 * size limit and, where it needs one, its own authentication. The host adds what every route shares:
 * security headers (helmet), a JSON 404, and one error handler that answers JSON with the right status
 * (a body parser's 400/413 included) and never sends a stack trace.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from '../services/logging/logger';

export interface Mount {
  /** where the routers are mounted ('/api/messages', '/tab', '/api/tab', '/' for routers with full paths) */
  path: string;
  handlers: (Router | RequestHandler)[];
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * Pages the host serves are shown inside Teams (tabs run in an iframe of the Teams clients), so framing
 * is allowed for Teams' and Microsoft 365's origins only, by CSP frame-ancestors; X-Frame-Options cannot
 * name several origins and is left out.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.skype.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
];

/** the error classes body-parser reports, in the answer's words */
const BODY_ERRORS: Record<string, string> = {
  'entity.too.large': 'body too large',
  'entity.parse.failed': 'body is not JSON',
  'encoding.unsupported': 'unsupported content encoding',
  'charset.unsupported': 'unsupported charset',
  'request.aborted': 'request aborted',
};

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
  headers?: Record<string, string>;
}

export function createHttpHost(options: { logger: Logger; mounts: Mount[] }): express.Express {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'frame-ancestors': FRAME_ANCESTORS } },
      xFrameOptions: false,
    }),
  );
  for (const mount of options.mounts) app.use(mount.path, ...mount.handlers);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (err: HttpErrorLike, req, res, _next) => {
    const given = err?.status ?? err?.statusCode;
    const status = typeof given === 'number' && given >= 400 && given < 600 ? given : 500;
    const path = req.path;
    if (status >= 500) logger.error({ err, path, method: req.method }, 'request failed');
    else logger.warn({ path, method: req.method, status, reason: err?.type ?? err?.message }, 'request refused');
    if (res.headersSent) {
      // the answer has started: it cannot turn into an error any more, only end
      res.end();
      return;
    }
    const message = (err?.type && BODY_ERRORS[err.type]) ?? (status < 500 && err?.expose && err.message ? err.message : status >= 500 ? 'internal error' : 'bad request');
    if (err?.headers && status < 500) res.set(err.headers);
    res.status(status).json({ error: message });
  };
  app.use(onError);
  return app;
}

/** listens on host:port (port 0: a free one) and resolves once the server accepts connections */
export async function listen(app: express.Express, host: string, port: number): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** an error with an HTTP status for the host's error handler (4xx: the message is the answer) */
export function httpError(status: number, message: string, headers?: Record<string, string>): Error & HttpErrorLike {
  return Object.assign(new Error(message), { status, expose: status < 500, headers });
}
