/**
 * The composition root: wires config, store, services and edges into one running app.
 * `npm start` (bot/main.ts), the e2e tests and the benchmarks all start the app through here.
 */
import type { Config } from '../services/config/config';
import { moduleLogger, type Logger } from '../services/logging/logger';
import type { Clock } from '../services/ports/clock';
import { systemClock } from '../services/ports/clock';
import { loadDemoData } from '../services/demo/demo-loader';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../services/store';
import { createAssessmentEdge, type AssessmentEdge } from './assessment-edge';
import { sendJson, startHttpServer, type RunningServer, type Routes } from './http-server';

export interface AppOptions {
  clock?: Clock;
  /** start the Microsoft 365 Agents Playground beside the bot (npm start; not in most tests) */
  playground?: boolean;
}

export interface RunningApp {
  config: Config;
  store: Store;
  http: RunningServer;
  /** set when the app runs its own embedded Cosmos server */
  embedded: EmbeddedCosmos | null;
  logger: Logger;
  /** goal assessments, the report route and channel publishing (issue 5) */
  assessment: AssessmentEdge;
  close(): Promise<void>;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const logger = moduleLogger('app');
  const clock = options.clock ?? systemClock;
  const closers: (() => Promise<void>)[] = [];

  let embedded: EmbeddedCosmos | null = null;
  let target: { endpoint: string; key?: string; database: string };
  if (config.cosmos.endpoint) {
    target = { endpoint: config.cosmos.endpoint, key: config.cosmos.key, database: config.cosmos.database };
    logger.info({ endpoint: config.cosmos.endpoint, auth: config.cosmos.key ? 'key' : 'managed identity' }, 'using Cosmos DB account');
  } else {
    embedded = await startEmbeddedCosmos(config.cosmos.embeddedPort);
    closers.push(() => embedded!.close());
    target = { endpoint: embedded.endpoint, key: embedded.key, database: config.cosmos.database };
    logger.warn(
      { endpoint: embedded.endpoint },
      'embedded Cosmos DB server: the store lives IN MEMORY and is lost when the process stops (set COSMOS_ENDPOINT for a real account)',
    );
  }
  const store = await openStore(target);
  closers.push(() => store.close());

  // with demo data, /healthz answers 503 until it is loaded
  let ready = !config.demoData;
  let baseUrl = '';
  const assessment = createAssessmentEdge({ config, store, clock, logger, baseUrl: () => baseUrl });
  const routes: Routes = {
    'GET /healthz': (_req, res) => sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting', store: embedded ? 'embedded' : 'cosmos' }),
    ...assessment.routes,
  };
  if (config.bot.anonymous && config.host !== '127.0.0.1') {
    throw new Error('refusing to serve unauthenticated on a non-loopback interface');
  }
  const http = await startHttpServer({ host: config.host, port: config.port, routes, logger });
  closers.push(() => http.close());
  baseUrl = http.url;
  logger.info({ url: http.url }, 'Tertial is up');
  if (config.demoData) {
    try {
      await loadDemoData({ repos: store, clock });
    } catch (err) {
      for (const close of [...closers].reverse()) await close().catch(() => undefined);
      throw err;
    }
    ready = true;
  }

  return {
    config,
    store,
    http,
    embedded,
    logger,
    assessment,
    close: async () => {
      ready = false;
      for (const close of closers.reverse()) await close().catch((err) => logger.warn({ err }, 'error while closing'));
    },
  };
}
