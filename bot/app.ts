/**
 * The composition root: wires config, store, services and edges into one running app.
 * `npm start` (bot/main.ts), the e2e tests and the benchmarks all start the app through here.
 */
import type { Config } from '../services/config/config';
import { isTertialError, TertialError } from '../services/errors';
import { moduleLogger, type Logger } from '../services/logging/logger';
import type { Clock } from '../services/ports/clock';
import { systemClock } from '../services/ports/clock';
import { loadDemoData } from '../services/demo/demo-loader';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../services/store';
import { LocalSnapshot } from '../services/store/local-snapshot';
import { SubstituteService } from '../services/substitutes/substitute-service';
import { MeasureService } from '../services/measures/measure-service';
import { CollectionService } from '../services/collection/collection-service';
import { DocxWorker, type DocxWorkerOptions } from '../services/report/docx-worker';
import { RoundService } from '../services/rounds/round-service';
import { ConversationService } from '../services/conversations/conversation-service';
import type { Messenger } from '../services/ports/messenger';
import { noMetrics, type Metrics } from '../services/ports/metrics';
import { CronScheduler } from '../services/dispatch/cron-scheduler';
import { AppPacer } from '../services/dispatch/app-pacer';
import { Dispatcher } from '../services/dispatch/dispatcher';
import { RateLimiter } from '../services/dispatch/rate-limiter';
import { systemTimer, type Scheduler } from '../services/ports/scheduler';
import { createReminderComposer } from '../services/dispatch/reminder-composer';
import { renderReminderCard } from '../cards/reminder-card';
import { LivingReminders, type RenderLivingReminder } from '../services/collection/living-reminder';
import { createAssessmentEdge, type AssessmentEdge } from './assessment-edge';
import { createBotAdapter, type BotAdapterOverrides } from './bot-adapter';
import { installTurnErrorBoundary, messagesRouter } from './bot-endpoint';
import { healthRouter } from './health-route';
import { startPlayground, type RunningPlayground } from './playground';
import { TeamsMessenger } from './teams-messenger';
import { InstallingMessenger } from '../services/conversations/installing-messenger';
import { createAppInstaller } from '../services/graph/create-app-installer';
import { TertialBot } from './tertial-bot';
import { createHttpHost, listen, type Mount, type RunningServer } from './http-host';
import { tabMounts } from '../tab/api/tab-edge';
import { tabServices } from '../tab/api/tab-services';

/** how long a stop waits for a wave going out to drain */
const DISPATCH_DRAIN_MS = 10_000;

export interface AppOptions {
  clock?: Clock;
  /** start the Microsoft 365 Agents Playground beside the bot (npm start; not in most tests) */
  playground?: boolean;
  /** the .m365agentsplayground.yml for the Playground (default: the project's) */
  playgroundConfigPath?: string;
  /** tests: a local OpenID metadata stub for JWT validation */
  botAuth?: BotAdapterOverrides;
  /** run the reminder dispatcher's scheduled tick (DISPATCH_CRON); npm start turns it on, tests decide themselves */
  dispatch?: boolean;
  /** the scheduler for the tick (default node-cron); tests pass a ManualScheduler */
  scheduler?: Scheduler;
  /** how long a card submit may take before it is answered "Inte sparat – försök igen" (default SUBMIT_DEADLINE_MS); bench:submit measures CPU past it */
  submitDeadlineMs?: number;
  /** tests: routers mounted after the app's own (see `mounts` in composeApp) */
  extraMounts?: Mount[];
  /**
   * keep the embedded store's data in a snapshot under `dir` between runs (npm start; tests leave it
   * off and run in memory); `reset` moves an existing snapshot aside and starts over
   */
  localData?: { dir: string; reset: boolean };
  /** operational metrics (bot/telemetry.ts when Application Insights is configured; default: none) */
  metrics?: Metrics;
  /** tests: the reports' .docx worker's script and time limits (default: docx-worker.ts's) */
  docxWorker?: Pick<DocxWorkerOptions, 'entry' | 'timeoutMs' | 'idleMs'>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
export const isLoopbackHost = (host: string) => LOOPBACK.test(host);

export interface RunningApp {
  config: Config;
  store: Store;
  http: RunningServer;
  /** set when the app runs its own embedded Cosmos server */
  embedded: EmbeddedCosmos | null;
  logger: Logger;
  /** goal assessments, the reports, the report route and channel publishing */
  assessment: AssessmentEdge;
  /** proactive Teams messages (bot/teams-messenger.ts) */
  messenger: Messenger;
  /** conversation references per user and channel; unreachable users */
  conversations: ConversationService;
  /** status collection: an owner's items, report submission */
  collection: CollectionService;
  /** each person's living reminder */
  reminders: LivingReminders;
  /** the Agents Playground, when started (options.playground) */
  playground: RunningPlayground | null;
  /** reminder waves and "påminn nu" through the outbox */
  dispatcher: Dispatcher;
  /** work card actions run after answering (e.g. the channel card's refresh); idle() waits for it */
  afterTurns: { idle(): Promise<void> };
  close(): Promise<void>;
}

/** no plan, owner or round: nothing anyone imported or scheduled */
async function isEmptyStore(store: Store): Promise<boolean> {
  const [years, owners, rounds] = await Promise.all([store.plans.years(), store.owners.list(), store.rounds.list()]);
  return years.length === 0 && owners.length === 0 && rounds.length === 0;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const logger = moduleLogger('app');
  // checked before anything starts, so a refusal leaves nothing running
  if (config.bot.anonymous) {
    if (!isLoopbackHost(config.host)) {
      throw new TertialError(
        'config',
        `Tertial svarar inte utan inloggning på ${config.host} (refusing to serve unauthenticated): utan MicrosoftAppId kontrolleras inga tokens, så bara loopback (127.0.0.1) är tillåtet`,
      );
    }
    logger.warn({ host: config.host }, 'no MicrosoftAppId: /api/messages accepts UNAUTHENTICATED requests, bound to loopback only (local use)');
  }
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close().catch((err) => logger.warn({ err }, 'error while closing'));
  };
  try {
    return await composeApp(config, options, logger, closers, closeAll);
  } catch (err) {
    // a start that fails half-way stops what it had started (store, servers, Playground)
    await closeAll();
    throw err;
  }
}

async function composeApp(
  config: Config,
  options: AppOptions,
  logger: Logger,
  closers: (() => Promise<void>)[],
  closeAll: () => Promise<void>,
): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? noMetrics;
  // built first: a bad bot configuration fails before anything is started
  // one gate to the Bot Connector for everything this instance sends: reminders, replies, channel posts;
  // on real time even when the app's clock is shifted or fake (rate limits are about elapsed time)
  const pacer = new AppPacer(new RateLimiter(), systemClock, systemTimer);
  const adapter = createBotAdapter(config, options.botAuth, pacer);

  let embedded: EmbeddedCosmos | null = null;
  let snapshot: LocalSnapshot | null = null;
  let target: { endpoint: string; key?: string; database: string };
  if (config.cosmos.endpoint) {
    target = { endpoint: config.cosmos.endpoint, key: config.cosmos.key, database: config.cosmos.database };
    logger.info({ endpoint: config.cosmos.endpoint, auth: config.cosmos.key ? 'key' : 'managed identity' }, 'using Cosmos DB account');
  } else {
    embedded = await startEmbeddedCosmos(config.cosmos.embeddedPort, { onWrite: () => snapshot?.changed() });
    closers.push(() => embedded!.close());
    target = { endpoint: embedded.endpoint, key: embedded.key, database: config.cosmos.database };
  }
  const store = await openStore(target, { clock }).catch((err: unknown) => {
    if (isTertialError(err) || !config.cosmos.endpoint) throw err;
    // the configured account does not answer: say which variable points there, not a stack
    const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw new TertialError('store-unavailable', `Cosmos DB på ${config.cosmos.endpoint} svarar inte (COSMOS_ENDPOINT): ${reason}`, [`COSMOS_ENDPOINT: ${reason}`]);
  });
  closers.push(() => store.close());
  if (embedded && options.localData) {
    // the store's data lives in memory and in this file: loaded now, written after each change and at stop
    const local = new LocalSnapshot(store.connection, options.localData.dir, logger);
    if (options.localData.reset) {
      const aside = await local.reset(clock.now());
      if (aside) logger.warn({ movedTo: aside }, 'starting over (--reset): the earlier local data was moved aside');
    }
    const loaded = await local.load();
    snapshot = local;
    closers.push(() => local.close());
    logger.info(
      { file: local.file, endpoint: embedded.endpoint, items: loaded ?? 0 },
      `local data is kept in ${local.file} (loaded ${loaded ?? 0} items); 'npm start -- --reset' starts over`,
    );
  } else if (embedded) {
    logger.warn(
      { endpoint: embedded.endpoint },
      'embedded Cosmos DB server: the store lives IN MEMORY and is lost when the process stops (set COSMOS_ENDPOINT for a real account)',
    );
  }

  // with demo data, /readyz answers 503 until it is loaded
  let ready = !config.demoData;
  let baseUrl = '';
  // the reports' .docx is written in a worker thread: a large one takes seconds of CPU, which the bot's
  // own thread spends on card submits, Teams messages and the dispatcher's pacing
  const docxWorker = new DocxWorker({
    ...options.docxWorker,
    logger: moduleLogger('docx-worker'),
    onRendered: ({ threadId, ms, bytes }) => logger.info({ threadId, ms: Math.round(ms), bytes }, 'report .docx written in its worker'),
  });
  closers.push(() => docxWorker.close());
  const assessment = createAssessmentEdge({ config, store, clock, logger, baseUrl: () => baseUrl, pacer, docx: docxWorker.render, metrics });
  const conversations = new ConversationService(store.conversations, clock);
  const collection = new CollectionService(store, clock, metrics, options.submitDeadlineMs);
  installTurnErrorBoundary(adapter, logger);
  const teamsMessenger = new TeamsMessenger({ adapter, conversations, appId: config.bot.appId ?? '', tenantId: config.teamsTenantId });
  // opt-in (TEAMS_CATALOG_APP_ID): a person without the app gets it installed through Graph, then the message
  const installer = createAppInstaller(config);
  const messenger: Messenger = installer ? new InstallingMessenger(teamsMessenger, installer) : teamsMessenger;
  const publishing = assessment.publishing(messenger);
  const renderReminder: RenderLivingReminder = (items, round, now = clock.now(), extras) => renderReminderCard(items, round, { now, ...extras });
  const reminders = new LivingReminders({
    outbox: store.outbox,
    conversations: store.conversations,
    messenger,
    items: (ownerId, round) => collection.itemsFor(ownerId, round),
    measures: (ownerId, round) => collection.measureCount(ownerId, round),
    render: renderReminder,
    clock,
  });
  // followLease: while another instance sends a due wave, this one ticks again as soon as that one's
  // lease ends, so a crashed sender's wave goes on within seconds
  const dispatcher = new Dispatcher(
    // the outbox as the dispatcher writes it: every reminder it records sent becomes the person's living one
    { ...store, outbox: reminders.watching(store.outbox), messenger, composer: createReminderComposer(store, (items, round, extras) => renderReminderCard(items, round, { now: clock.now(), ...extras })), clock, timer: systemTimer, pacer, metrics,
      // a person the bot greeted (or showed `status`) with the round's reminder today gets no wave's copy that day
      reminderPostedAt: (ownerId, roundId) => reminders.postedAt(ownerId, roundId) },
    { followLease: true },
  );
  // on stop, a wave going out is drained (sends in flight are marked, the sender lease given up) before
  // the store closes; bounded, so a store that does not answer cannot hold the exit
  closers.push(() => Promise.race([dispatcher.stop(), new Promise<void>((resolve) => setTimeout(resolve, DISPATCH_DRAIN_MS).unref())]));
  const rounds = new RoundService({ rounds: store.rounds, clock, progress: store });
  const substitutes = new SubstituteService({ repos: store, clock, conversations: store.conversations });
  const measures = new MeasureService({ repos: store, clock });
  const bot = new TertialBot({ config, clock, conversations, messenger, collection, reminders, rounds, assessments: assessment.assessments, publishing, dispatcher, substitutes, measures });
  // work handed off by answered card actions finishes before the store closes; bounded like the drain
  closers.push(() => Promise.race([bot.afterTurn.idle(), new Promise<void>((resolve) => setTimeout(resolve, DISPATCH_DRAIN_MS).unref())]));
  // Every HTTP entry point is mounted here, each router with its own body limit and authentication.
  const mounts: Mount[] = [
    { path: '/', handlers: [healthRouter({ started: () => ready, store: embedded ? 'embedded' : 'cosmos', pingStore: (ms) => store.ping(ms), logger })] },
    { path: '/api/messages', handlers: [messagesRouter(adapter, bot, logger, { authTimeoutMs: options.botAuth?.authTimeoutMs })] },
    { path: '/', handlers: [assessment.router] },
    ...tabMounts({ config, logger, services: tabServices({ store, clock, collection, assessments: assessment.assessments, reports: assessment.reports, publishing, dispatcher, rounds, measures, substitutes }) }),
    ...(options.extraMounts ?? []),
  ];
  const http = await listen(createHttpHost({ logger, mounts }), config.host, config.port);
  closers.push(() => http.close());
  baseUrl = http.url;
  logger.info({ url: http.url }, 'Tertial is up');
  if (config.demoData) {
    // demo data only into an empty store: what someone imported or answered is never mixed with it
    if (await isEmptyStore(store)) await loadDemoData({ repos: store, clock });
    else logger.info('the store already holds data: demo data not loaded');
    ready = true;
  }
  let playground: RunningPlayground | null = null;
  if (options.playground) {
    playground = await startPlayground({ botEndpoint: `${http.url}/api/messages`, port: config.playgroundPort, configPath: options.playgroundConfigPath, logger });
    closers.push(() => playground!.close());
    logger.info({ url: `http://localhost:${playground.port}` }, 'Microsoft 365 Agents Playground is up: open it in a browser');
  }
  if (options.dispatch) {
    const scheduler = options.scheduler ?? new CronScheduler();
    const job = scheduler.schedule('dispatch', config.dispatchCron, async () => {
      await dispatcher.tick();
    });
    closers.push(async () => job.stop());
    // a round that has closed (by an admin, or by its deadline + grace) is published to the ledningsgrupp channel once
    const publishJob = scheduler.schedule('publish-closed-rounds', config.dispatchCron, async () => {
      await publishing.publishClosedRounds(store.rounds);
    });
    closers.push(async () => publishJob.stop());
    logger.info({ cron: config.dispatchCron, instance: dispatcher.instanceId }, 'reminder dispatcher scheduled');
  }

  return {
    config,
    store,
    http,
    embedded,
    logger,
    assessment,
    messenger,
    conversations,
    collection,
    reminders,
    playground,
    dispatcher,
    afterTurns: bot.afterTurn,
    close: async () => {
      ready = false;
      await closeAll();
    },
  };
}
