/**
 * The store unreachable: every store call ends within its bound (a blackholed network fails after the
 * request timeout, not the SDK's minute), and readiness (/readyz) says so while liveness (/healthz)
 * stays up. Real @azure/cosmos against the embedded server behind the fault-injecting proxy.
 */
import type { RunningApp } from '../../bot/app';
import { READINESS_TIMEOUT_MS } from '../../bot/health-route';
import { configureLogger } from '../../services/logging/logger';
import { openStore, type Store } from '../../services/store';
import { storeConnectionPolicy, STORE_REQUEST_TIMEOUT_MS } from '../../services/store/cosmos-connection';
import type { FaultyProxy } from '../support/faulty-cosmos-proxy';
import { startAppBehindProxy, startStoreBehindProxy, type AppBehindProxy, type StoreBehindProxy } from '../support/store-behind-proxy';

configureLogger({ level: 'silent' });

/** how long a call took and how it ended */
async function timed(call: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  try {
    await call();
    return { ms: Date.now() - started, error: null };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

describe('store calls against an unreachable store', () => {
  let rig: StoreBehindProxy;
  let proxy: FaultyProxy;
  let store: Store;
  const timeoutMs = 1500;

  beforeAll(async () => {
    rig = await startStoreBehindProxy();
    proxy = rig.proxy;
    store = await openStore({ endpoint: rig.endpoint, key: rig.key, database: 'outage', requestTimeoutMs: timeoutMs });
  });
  afterEach(() => {
    proxy.outage = null;
  });
  afterAll(async () => {
    await store?.close();
    await rig?.close();
  });

  it('the production client has a request timeout of a few seconds, no timeout failover, and a bounded throttle wait', () => {
    expect(STORE_REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(5000);
    expect(storeConnectionPolicy(STORE_REQUEST_TIMEOUT_MS)).toEqual({
      requestTimeout: STORE_REQUEST_TIMEOUT_MS,
      enableEndpointDiscovery: false,
      retryOptions: { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 5 },
    });
  });

  it('a blackholed store: point reads, queries and writes fail after the request timeout, once each', async () => {
    proxy.outage = 'hang';
    const calls: [string, () => Promise<unknown>][] = [
      ['read', () => store.rounds.get('2025-T3')],
      ['query', () => store.rounds.list()],
      ['write', () => store.connection.container('owners').items.create({ id: 'owner-during-outage' })],
    ];
    for (const [name, call] of calls) {
      const before = proxy.stats.received;
      const { ms, error } = await timed(call);
      // given up after one request timeout: not retried (a query also asks for the partition key ranges,
      // in parallel), not the SDK's default minute
      expect({ name, failed: error !== null }).toEqual({ name, failed: true });
      expect(proxy.stats.received - before).toBeLessThanOrEqual(name === 'query' ? 2 : 1);
      expect(ms).toBeGreaterThanOrEqual(timeoutMs - 50);
      expect(ms).toBeLessThan(timeoutMs * 2);
    }
  });

  it('a store answering 503: calls fail at once', async () => {
    proxy.outage = 'unavailable';
    const { ms, error } = await timed(() => store.rounds.get('2025-T3'));
    expect((error as { code?: number }).code).toBe(503);
    expect(ms).toBeLessThan(timeoutMs);
  });

  it('after the outage the same client works again', async () => {
    proxy.outage = 'hang';
    await timed(() => store.rounds.get('2025-T3'));
    proxy.outage = null;
    expect(await store.rounds.get('2025-T3')).toBeNull();
  });
});

describe('health during a store outage', () => {
  let rig: AppBehindProxy;
  let proxy: FaultyProxy;
  let app: RunningApp;

  beforeAll(async () => {
    rig = await startAppBehindProxy({ DEMO_DATA: 'false' });
    ({ proxy, app } = rig);
  });
  afterEach(() => {
    proxy.outage = null;
  });
  afterAll(async () => {
    await rig?.close();
  });

  const probe = async (path: string, method = 'GET') => {
    const res = await fetch(`${app.http.url}${path}`, { method });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: method === 'HEAD' ? null : await res.json() };
  };

  it('ready while the store answers', async () => {
    expect(await probe('/readyz')).toEqual({ status: 200, retryAfter: null, body: { status: 'ready', store: 'cosmos' } });
  });

  it('a blackholed store: /readyz answers 503 within its bound, /healthz stays 200, both for HEAD too', async () => {
    proxy.outage = 'hang';
    const { ms } = await timed(async () => {
      expect(await probe('/readyz')).toEqual({ status: 503, retryAfter: '5', body: { status: 'store timeout', store: 'cosmos' } });
    });
    // the readiness bound, far below the store's own request timeout
    expect(ms).toBeLessThan(READINESS_TIMEOUT_MS + 3000);
    expect((await probe('/readyz', 'HEAD')).status).toBe(503);
    expect(await probe('/healthz')).toEqual({ status: 200, retryAfter: null, body: { status: 'ok', store: 'cosmos' } });
    expect((await probe('/healthz', 'HEAD')).status).toBe(200);
  });

  it('a store answering 503: /readyz answers 503 "store unavailable"', async () => {
    proxy.outage = 'unavailable';
    expect(await probe('/readyz')).toEqual({ status: 503, retryAfter: '5', body: { status: 'store unavailable', store: 'cosmos' } });
  });

  it('probes during one store check share it', async () => {
    proxy.outage = 'hang';
    const before = proxy.stats.received;
    const answers = await Promise.all(Array.from({ length: 20 }, () => probe('/readyz')));
    expect(answers.every((a) => a.status === 503)).toBe(true);
    expect(proxy.stats.received - before).toBe(1);
  });

  it('ready again once the store answers', async () => {
    proxy.outage = 'unavailable';
    expect((await probe('/readyz')).status).toBe(503);
    proxy.outage = null;
    expect((await probe('/readyz')).status).toBe(200);
  });
});
