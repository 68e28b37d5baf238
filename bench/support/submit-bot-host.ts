/**
 * bench:submit's bot: the app (startApp) in its own process, so the load generator's CPU is not the
 * bot's. Over the given Cosmos endpoint it loads the demo data and one bench owner per submit (each
 * owning one activity), and as many warm-up owners, then prints one JSON line {url, roundId, owners:[{id, ref}], warmupOwners}.
 *
 *   node submit-bot-host.js <cosmosPort> <submits> <workers> <openIdMetadataUrl> <tokenIssuer>
 *
 * The app runs as in production: with an app id, so every request's Bot Framework token is checked
 * (against the load generator's stand-in of the OpenID metadata and signing keys), and over a store
 * this process prepares (demo data and the bench owners) before the app starts, as an operator would.
 * With workers > 1 the app runs as that many node:cluster workers sharing one port (as several
 * instances behind the bot endpoint would); this process only seeds the store and accepts
 * connections. The app also serves the yardstick's routes (yardstickMount). Answers stdin lines: "cpu" →
 * {"cpuMs":N} (user+system CPU of this process and every worker since start), "verify V" →
 * {"reports":N,"complete":M} (bench reports stored / with V versions),
 * "sdk-write N" → {"cpuMsPerWrite":X} (this process's CPU per bare @azure/cosmos write, N at once,
 * after a warm-up pass: the same write issued in one loop, printed beside the yardstick),
 * "profile-start" / "profile-stop DIR" → a V8 CPU profile of the bot (one process only) written to DIR;
 * exits when stdin closes.
 */
import cluster from 'node:cluster';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import readline from 'node:readline';
import express from 'express';
import { startApp, type RunningApp } from '../../bot/app';
import { MESSAGES_BODY_LIMIT } from '../../bot/bot-endpoint';
import type { Mount } from '../../bot/http-host';
import { EMULATOR_KEY, loadConfig } from '../../services/config/config';
import { loadDemoData } from '../../services/demo/demo-loader';
import type { Owner } from '../../services/domain/model';
import { configureLogger } from '../../services/logging/logger';
import { systemClock } from '../../services/ports/clock';
import { openStore, type Store } from '../../services/store';
import { createCosmosClient } from '../../services/store/cosmos-connection';
import { isRoundOpen } from '../../services/rounds/round-calendar';
import { TEST_CREDENTIALS } from '../../test/support/signed-invoke';

const cosmosPort = Number(process.argv[2]);
const submits = Number(process.argv[3]);
const workers = Number(process.argv[4] ?? '1');
const botAuth = { openIdMetadataUrl: process.argv[5]!, tokenIssuer: process.argv[6]! };
const DATABASE = 'bench-submit';
const YARDSTICK_CONTAINER = 'bench-yardstick';
/** the measured owners' ids start with this; the warm-up owners' with 'bench-warmup' */
const MEASURED_PREFIX = 'bench-owner';

interface BenchOwner {
  id: string;
  ref: string;
}
/**
 * a burst on a busy machine may take longer than a person is kept waiting (then the answer is "Inte
 * sparat – försök igen"); the bench measures the cost of storing every submit, so it waits
 */
const BOT_OPTIONS = { submitDeadlineMs: 120_000 };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** the app as deployed: an app id and its secret (tokens are checked), Cosmos DB, no demo data of its own */
const appConfig = () => ({
  ...loadConfig({
    PORT: '0',
    COSMOS_ENDPOINT: `https://localhost:${cosmosPort}`,
    COSMOS_KEY: EMULATOR_KEY,
    COSMOS_DATABASE: DATABASE,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ...TEST_CREDENTIALS,
  }),
  // the load generator is on this machine
  host: '127.0.0.1',
});

/** the store as an operator leaves it before the app starts: containers, the demo year, the bench owners */
async function prepareStore(): Promise<{ store: Store; seeded: Awaited<ReturnType<typeof seedOwners>> }> {
  const store = await openStore({ endpoint: `https://localhost:${cosmosPort}`, key: EMULATOR_KEY, database: DATABASE });
  await loadDemoData({ repos: store, clock: systemClock });
  const seeded = await seedOwners(store);
  await createYardstickContainer(store);
  return { store, seeded };
}

/**
 * the open round, one bench owner per submit (each owning one activity of it), and as many warm-up
 * owners, whose reports take the warm-up rounds so that the measured reports keep a usual history
 */
async function seedOwners(store: Store): Promise<{ roundId: string; owners: BenchOwner[]; warmupOwners: BenchOwner[] }> {
  const now = systemClock.now();
  const round = (await store.rounds.list()).filter((r) => isRoundOpen(r, now)).sort((a, b) => b.id.localeCompare(a.id))[0];
  if (!round) throw new Error('the demo data has no open round');
  const plan = await store.plans.get(round.year);
  const activities = plan!.activities.filter((a) => !a.archived);
  const make = (prefix: string): Owner[] =>
    Array.from({ length: submits }, (_, i) => ({
      aadObjectId: `${prefix}-${String(i).padStart(4, '0')}`,
      name: `Bench ${i}`,
      email: null,
      units: [],
      activities: [{ year: round.year, ref: activities[i % activities.length]!.ref }],
    }));
  const owners = make(MEASURED_PREFIX);
  const warmupOwners = make('bench-warmup');
  await store.owners.upsertMany([...owners, ...warmupOwners]);
  const brief = (list: Owner[]) => list.map((o) => ({ id: o.aadObjectId, ref: o.activities[0]!.ref }));
  return { roundId: round.id, owners: brief(owners), warmupOwners: brief(warmupOwners) };
}

/**
 * CPU of bare SDK writes against the same server: an upsert of a report-sized item, N at once, over a
 * client of its own (connections open after the warm-up pass), measured in this process.
 */
async function sdkWriteCpu(n: number): Promise<{ cpuMsPerWrite: number }> {
  const client = createCosmosClient({ endpoint: `https://localhost:${cosmosPort}`, key: EMULATOR_KEY });
  const { database } = await client.databases.createIfNotExists({ id: DATABASE });
  const { container } = await database.containers.createIfNotExists({ id: 'bench-sdk-writes', partitionKey: { paths: ['/roundId'] } });
  const comment = 'x'.repeat(200);
  const pass = (label: string) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        container.items.upsert({ id: `w-${i}`, roundId: '2026-T1', ownerId: `bench-${i}`, current: { status: 'in-progress', comment: `${label} ${comment}` }, history: [] }),
      ),
    );
  await pass('cold');
  const before = cpuMs();
  await pass('warm');
  const cpu = cpuMs() - before;
  client.dispose();
  return { cpuMsPerWrite: cpu / n };
}

/**
 * The yardstick as the submit meets it: a bare upsert of an item the size of the submit's report (the
 * same version, `?versions=N` of them in its history), issued from an HTTP request to this process's
 * own Express host, one per request as submits arrive. POST /bench-yardstick/empty answers
 * a fixed JSON; /write makes the write first, then answers the same. The load generator sends both
 * the submit's body: the CPU of /write less that of /empty is what one bare write costs a server that
 * is answering requests (more than the same write issued 200 in one loop, where the SDK, TLS and the
 * event loop share work across writes).
 */
function yardstickMount(): Mount {
  const client = createCosmosClient({ endpoint: `https://localhost:${cosmosPort}`, key: EMULATOR_KEY });
  const container = client.database(DATABASE).container(YARDSTICK_CONTAINER);
  const answer = JSON.stringify({ ok: true });
  const router = express.Router();
  router.use(express.json({ limit: MESSAGES_BODY_LIMIT, type: () => true }));
  router.post('/empty', (_req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(answer);
  });
  router.post('/write', async (req, res) => {
    const activity = req.body as { from?: { aadObjectId?: string; name?: string }; value?: { action?: { data?: { activityRef?: string; comment?: string } } } };
    const ownerId = activity.from?.aadObjectId ?? 'unknown';
    const data = activity.value?.action?.data ?? {};
    // the report as the submit writes it: this version, and as many in its history as the bench's reports have now
    const version = { status: 'in-progress', comment: data.comment ?? null, by: { id: ownerId, name: activity.from?.name ?? '' }, at: new Date().toISOString(), source: 'teams' };
    const versions = Math.max(1, Number(req.query.versions) || 1);
    const history = Array.from({ length: versions }, () => version);
    await container.items.upsert({ id: `${data.activityRef ?? 'x'}:${ownerId}`, roundId: '2026-T1', activityRef: data.activityRef, ownerId, current: version, history });
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(answer);
  });
  return { path: '/bench-yardstick', handlers: [router] };
}

async function createYardstickContainer(store: Store): Promise<void> {
  await store.connection.database.containers.createIfNotExists({ id: YARDSTICK_CONTAINER, partitionKey: { paths: ['/roundId'] } });
}

async function verify(store: Store, roundId: string, versions: number) {
  const bench = (await store.reports.listByRound(roundId)).filter((r) => r.ownerId.startsWith(`${MEASURED_PREFIX}-`));
  return { reports: bench.length, complete: bench.filter((r) => r.history.length === versions).length };
}

function serveControl(handlers: Record<string, (arg: string) => Promise<unknown>>, close: () => Promise<void>): void {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command = '', arg = ''] = line.trim().split(/\s+/);
    const handler = handlers[command];
    if (handler) void handler(arg).then((answer) => process.stdout.write(`${JSON.stringify(answer)}\n`));
  });
  lines.on('close', () => void close().finally(() => process.exit(0)));
}

/** one process: the app as deployed, on the prepared store */
async function single(): Promise<void> {
  const prepared = await prepareStore();
  await prepared.store.close();
  const app: RunningApp = await startApp(appConfig(), { ...BOT_OPTIONS, botAuth, extraMounts: [yardstickMount()] });
  const seeded = prepared.seeded;
  process.stdout.write(`${JSON.stringify({ url: app.http.url, ...seeded })}\n`);
  const session = new Session();
  serveControl(
    {
      cpu: async () => ({ cpuMs: cpuMs() }),
      verify: (versions) => verify(app.store, seeded.roundId, Number(versions)),
      'sdk-write': (arg) => sdkWriteCpu(Number(arg)),
      'profile-start': async () => {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        return {};
      },
      'profile-stop': async (dir) => {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `submit-bot-${process.pid}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        return { file };
      },
    },
    () => app.close(),
  );
}

/** the cluster's primary: seeds the store, forks the workers, sums their CPU */
async function primary(): Promise<void> {
  const { store, seeded } = await prepareStore();
  const forked = Array.from({ length: workers }, () => cluster.fork());
  const urls = await Promise.all(
    forked.map((w) => new Promise<string>((resolve) => w.on('message', (m: { url?: string }) => m.url && resolve(m.url)))),
  );
  if (new Set(urls).size !== 1) throw new Error(`workers listen on different addresses: ${urls.join(', ')}`);
  const workerCpu = (w: (typeof forked)[number]) =>
    new Promise<number>((resolve) => {
      const onMessage = (m: { cpuMs?: number }) => {
        if (typeof m.cpuMs !== 'number') return;
        w.off('message', onMessage);
        resolve(m.cpuMs);
      };
      w.on('message', onMessage);
      w.send('cpu');
    });
  process.stdout.write(`${JSON.stringify({ url: urls[0], ...seeded })}\n`);
  serveControl(
    {
      cpu: async () => ({ cpuMs: cpuMs() + (await Promise.all(forked.map(workerCpu))).reduce((a, b) => a + b, 0) }),
      verify: (versions) => verify(store, seeded.roundId, Number(versions)),
      'sdk-write': (arg) => sdkWriteCpu(Number(arg)),
    },
    async () => {
      for (const w of forked) w.kill();
      await store.close();
    },
  );
}

/** a cluster worker: the app without demo data (the primary loaded it), on the shared port */
async function worker(): Promise<void> {
  const app = await startApp(appConfig(), { ...BOT_OPTIONS, botAuth, extraMounts: [yardstickMount()] });
  process.on('message', (m) => {
    if (m === 'cpu') process.send!({ cpuMs: cpuMs() });
  });
  process.send!({ url: app.http.url });
}

// stdout is the control channel: logs go to stderr
configureLogger({ level: 'warn', destination: process.stderr });
const run = workers > 1 ? (cluster.isPrimary ? primary : worker) : single;
run().catch((err) => {
  process.stderr.write(`submit bot host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
