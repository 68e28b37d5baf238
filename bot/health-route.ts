/**
 * Health for the platform's probes, both answering GET and HEAD, never cached:
 * - GET /healthz, liveness: the process serves HTTP (200 while it runs).
 * - GET /readyz, readiness: the app has finished starting (demo data loaded) and the store answers
 *   within READINESS_TIMEOUT_MS; otherwise 503, so a load balancer sends no traffic to this instance.
 * Probes arriving while a store check is under way share it, so probes cannot multiply store reads.
 */
import express, { type Router } from 'express';
import type { Logger } from '../services/logging/logger';

export const READINESS_TIMEOUT_MS = 2000;

export interface HealthDeps {
  /** false while the app starts (demo data loading) or stops */
  started(): boolean;
  store: 'embedded' | 'cosmos';
  /** one cheap store read; rejects when the store does not answer or fails */
  pingStore(timeoutMs: number): Promise<void>;
  logger: Logger;
  timeoutMs?: number;
}

export function healthRouter(deps: HealthDeps): Router {
  const timeoutMs = deps.timeoutMs ?? READINESS_TIMEOUT_MS;
  let inFlight: Promise<string | null> | null = null;
  /** null when the store answered in time, else why not */
  const checkStore = (): Promise<string | null> => {
    inFlight ??= deps
      .pingStore(timeoutMs)
      .then(
        () => null,
        (err: unknown) => {
          deps.logger.warn({ err: err instanceof Error ? err.message : String(err), timeoutMs }, 'readiness: the store did not answer');
          return err instanceof Error && err.name === 'TimeoutError' ? 'store timeout' : 'store unavailable';
        },
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const router = express.Router();
  // only the probes' answers are never cached (mounted at '/', a router-wide middleware would run for every request)
  router.use(['/healthz', '/readyz'], (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  // Express answers HEAD with a GET route's headers and no body
  router.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok', store: deps.store });
  });
  router.get('/readyz', async (_req, res) => {
    if (!deps.started()) {
      res.status(503).set('retry-after', '5').json({ status: 'starting', store: deps.store });
      return;
    }
    const problem = await checkStore();
    if (problem) {
      res.status(503).set('retry-after', '5').json({ status: problem, store: deps.store });
      return;
    }
    res.status(200).json({ status: 'ready', store: deps.store });
  });
  return router;
}
