/**
 * A fault-injecting HTTPS proxy in front of the embedded Cosmos server: a share of document requests
 * is answered 429 (with x-ms-retry-after-ms) or 503 instead of being forwarded, and optionally a share
 * is forwarded but its answer replaced by a 503 (the write happened, the client does not know).
 * Database/collection setup passes untouched. Uses the embedded server's own self-signed certificate.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

export interface FaultOptions {
  rate429: number;
  rate503: number;
  /** forwarded, then the answer swapped for a 503 */
  rateLostAnswer?: number;
  random?: () => number;
}

export interface FaultyProxy {
  endpoint: string;
  /** received: every request that reached the proxy, outages included */
  stats: { received: number; forwarded: number; injected429: number; injected503: number; lostAnswers: number };
  /** faults on or off (e.g. off during setup) */
  enabled: boolean;
  /**
   * an outage of the whole store, every request included: 'hang' accepts requests and never answers
   * (a blackholed network), 'unavailable' answers 503 at once; null: no outage
   */
  outage: 'hang' | 'unavailable' | null;
  close(): Promise<void>;
}

export async function startFaultyCosmosProxy(targetPort: number, options: FaultOptions): Promise<FaultyProxy> {
  const pkgDir = dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  const random = options.random ?? Math.random;
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });
  const stats = { received: 0, forwarded: 0, injected429: 0, injected503: 0, lostAnswers: 0 };
  const state: { enabled: boolean; outage: FaultyProxy['outage'] } = { enabled: true, outage: null };
  const fail = (res: import('node:http').ServerResponse, status: number, headers: Record<string, string>) => {
    const body = JSON.stringify({ code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'injected by the test proxy' });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  const server = https.createServer({ cert: readFileSync(join(pkgDir, 'cert.pem')), key: readFileSync(join(pkgDir, 'key.pem')) }, (req, res) => {
    stats.received++;
    if (state.outage === 'hang') return; // held until the connection is closed
    if (state.outage === 'unavailable') {
      req.resume();
      return fail(res, 503, {});
    }
    const isDocs = /\/docs(\/|$)/.test(req.url ?? '');
    const r = random();
    if (state.enabled && isDocs && r < options.rate429) {
      stats.injected429++;
      req.resume();
      return fail(res, 429, { 'x-ms-retry-after-ms': '5', 'x-ms-substatus': '3200' });
    }
    if (state.enabled && isDocs && r < options.rate429 + options.rate503) {
      stats.injected503++;
      req.resume();
      return fail(res, 503, {});
    }
    const loseAnswer = state.enabled && isDocs && req.method !== 'GET' && r < options.rate429 + options.rate503 + (options.rateLostAnswer ?? 0);
    const upstream = https.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: { ...req.headers, host: `localhost:${targetPort}` }, agent },
      (up) => {
        stats.forwarded++;
        if (loseAnswer) {
          stats.lostAnswers++;
          up.resume();
          return fail(res, 503, {});
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => fail(res, 503, {}));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `https://localhost:${port}`,
    stats,
    get enabled() {
      return state.enabled;
    },
    set enabled(v: boolean) {
      state.enabled = v;
    },
    get outage() {
      return state.outage;
    },
    set outage(v: FaultyProxy['outage']) {
      state.outage = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
