/**
 * `npm run bench:fanout -- --owners N [--messenger teams|http] [--concurrency 32] [--margin-ms 10]` (node --max-old-space-size=160): one reminder wave to
 * N owners with the REAL dispatcher, the REAL Messenger (bot/teams-messenger.ts: botbuilder's CloudAdapter
 * continuing each owner's stored conversation; `--messenger http` uses the minimal REST messenger of
 * test/support instead) and the embedded Cosmos server, against a local mock Teams connector that ENFORCES Teams' limits (429 +
 * Retry-After when exceeded) and injects a few random 429/503; 0.1 % of owners are unreachable (403).
 * The embedded Cosmos server (bench/support/cosmos-host.ts) and the mock connector
 * (bench/support/connector-host.ts) run in processes of their own, as Cosmos and Teams are remote in
 * production: peakRssMb is the dispatching process's own (the others' are printed too).
 * Prints figures, and as its last line one JSON object:
 *   {"owners","sent","duplicates","lost","unreachable","seconds","msgsPerSec","ratio","overLimitWindows","p99SendMs","peakRssMb"}
 * ratio = msgs/s ÷ 50 (Teams' per-app-per-tenant limit). Target for N = 10,000: ratio ≥ 0.97,
 * duplicates 0, lost 0, overLimitWindows 0, peak RSS ≤ 250 MB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBotAdapter } from '../bot/bot-adapter';
import { TeamsMessenger } from '../bot/teams-messenger';
import { loadConfig } from '../services/config/config';
import { ConversationService } from '../services/conversations/conversation-service';
import { CosmosConversationRepository } from '../services/store/conversation-store';
import { join } from 'node:path';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { Dispatcher } from '../services/dispatch/dispatcher';
import { DEFAULT_GLOBAL_LIMITS, DEFAULT_MARGIN_MS, evenPaceMs, TEAMS_APP_LIMIT } from '../services/dispatch/rate-limiter';
import { plainReminderComposer } from '../test/support/plain-reminder-composer';
import { configureLogger } from '../services/logging/logger';
import type { Messenger, OutgoingCard, SendOptions } from '../services/ports/messenger';
import { systemTimer } from '../services/ports/scheduler';
import { connectCosmos } from '../services/store/cosmos-connection';
import { CosmosOutboxRepository } from '../services/store/outbox-store';
import { CosmosOwnerRepository } from '../services/store/owner-store';
import { CosmosPlanRepository } from '../services/store/plan-store';
import { CosmosReportRepository } from '../services/store/report-store';
import { CosmosRoundRepository } from '../services/store/round-store';
import { ConnectorMessenger } from '../test/support/connector-messenger';
import { makeOwners, ownerId } from '../test/support/dispatch-fixtures';
import { mockConversationId } from '../test/support/mock-connector';
import { RecordingLimiter } from '../test/support/recording-limiter';
import { ShiftedClock } from '../test/support/shifted-clock';
import { maxInWindow } from '../test/support/sliding-window';

function flag(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive whole number, not "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};


/** a child process speaking one JSON line per request */
function host(script: string, args: string[]): { child: ChildProcess; next(): Promise<unknown>; ask(): Promise<unknown> } {
  const child = spawn(process.execPath, [join(__dirname, 'support', script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`${script} ended unexpectedly`);
    return JSON.parse(line.value) as unknown;
  };
  return {
    child,
    next,
    ask: async () => {
      child.stdin!.write('stats\n');
      return next();
    },
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const n = flag(argv, 'owners', 1000);
  const concurrency = flag(argv, 'concurrency', 32);
  const marginMs = argv.some((a) => a.startsWith('--margin-ms')) ? flag(argv, 'margin-ms', DEFAULT_MARGIN_MS) : DEFAULT_MARGIN_MS;
  const messengerIndex = argv.indexOf('--messenger');
  const messengerKind = messengerIndex >= 0 ? argv[messengerIndex + 1] : 'teams';
  if (messengerKind !== 'teams' && messengerKind !== 'http') {
    process.stderr.write(`--messenger must be teams or http, not "${messengerKind}"\n`);
    process.exit(2);
  }
  configureLogger({ level: 'warn' });
  let peakRss = process.memoryUsage().rss;
  let samples = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    if (process.env.FANOUT_TRACE && ++samples % 20 === 0) process.stderr.write(`rss ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} MB, external ${Math.round(m.external / 1048576)} MB\n`);
  }, 100);

  const t0 = Date.now();
  const unreachable = Array.from({ length: n }, (_, i) => i).filter((i) => i % 1000 === 999).map(ownerId);
  const connectorHost = host('connector-host.js', [JSON.stringify({ random429: 0.002, random503: 0.002, unreachable, seed: 12345 })]);
  const { serviceUrl } = (await connectorHost.next()) as { serviceUrl: string };

  const cosmosHost = host('cosmos-host.js', [String(n), ...(messengerKind === 'teams' ? [serviceUrl] : [])]);
  // The three processes share this machine's cores; in production Teams and Cosmos are remote. The
  // Cosmos stand-in yields the CPU (nice 10) so that the connector stamps arrivals when they arrive,
  // not when a core comes free: its lateness would squeeze the windows it judges the sender by.
  try {
    setPriority(cosmosHost.child.pid!, 10);
  } catch {
    // not permitted here: the figures then carry more scheduling noise
  }
  const target = (await cosmosHost.next()) as { endpoint: string; key: string; database: string };
  const connection = await connectCosmos(target);
  const reports = new CosmosReportRepository(connection.container('reports'));
  const repos = {
    plans: new CosmosPlanRepository(connection.container('plans')),
    owners: new CosmosOwnerRepository(connection.container('owners')),
    rounds: new CosmosRoundRepository(connection.container('rounds'), (roundId, scope) => reports.fence(roundId, scope)),
    reports,
    outbox: new CosmosOutboxRepository(connection.container('outbox')),
  };
  /** store calls of the outbox as the dispatcher makes them: [start, end] by kind (performance.now()) */
  const storeCalls = new Map<string, [number, number][]>();
  /** claim writes by entry id: [start, end] */
  const claimAt = new Map<string, [number, number]>();
  const pagedOwners = repos.owners;
  const timedOwners = Object.assign(Object.create(pagedOwners) as typeof pagedOwners, {
    async *pages(size: number) {
      const it = pagedOwners.pages(size)[Symbol.asyncIterator]();
      for (;;) {
        const begun = performance.now();
        const step = await it.next();
        storeCalls.set('page', [...(storeCalls.get('page') ?? []), [begun, performance.now()]]);
        if (step.done) return;
        yield step.value;
      }
    },
  });
  const timedOutbox = new Proxy(repos.outbox, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || !['claimNew', 'replace', 'takeSenderLease', 'get', 'listWave', 'listRound', 'getWaveMarker'].includes(String(prop))) return value;
      return async (...args: unknown[]) => {
        const begun = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          const span: [number, number] = [begun, performance.now()];
          storeCalls.set(String(prop), [...(storeCalls.get(String(prop)) ?? []), span]);
          const entry = args[0] as { id?: string; state?: string } | undefined;
          if (prop === 'claimNew' && entry?.id) claimAt.set(entry.id, span);
        }
      };
    },
  });
  process.stdout.write(`setup: ${n} owners and activities stored in ${((Date.now() - t0) / 1000).toFixed(1)} s; messenger: ${messengerKind === 'teams' ? 'bot/teams-messenger.ts (botbuilder CloudAdapter)' : 'test/support/connector-messenger.ts (REST)'}\n`);
  const clockForSetup = new ShiftedClock('2026-04-02T07:30:00Z'); // the round's first wave is due

  // every owner has a stored conversation (the app was installed); the unreachable ones answer 403
  const inner: Messenger =
    messengerKind === 'teams'
      ? new TeamsMessenger({
          adapter: createBotAdapter(loadConfig({ LOG_LEVEL: 'warn' })),
          conversations: new ConversationService(new CosmosConversationRepository(connection.container('conversations')), clockForSetup),
          appId: '',
          tenantId: 'tenant',
        })
      : new ConnectorMessenger(serviceUrl, new Map(makeOwners(n).map((o) => [o.aadObjectId, mockConversationId(o.aadObjectId)])));
  const sendMs: number[] = [];
  /** every paced request: when the messenger was called, when it asked for its slot, when the slot was granted (performance.now()) and for whom */
  const paced: { owner: string; called: number; asked: number; granted: number }[] = [];
  let firstSendAt = 0;
  /** each request's departure as the sender sees it (right after its rate slot, before the write) */
  const departures: [string, number][] = [];
  /** requests whose slot was held until their new connection was up */
  let heldForConnect = 0;
  /** the longest time from a slot to the request being handed to the HTTP client */
  let lateHandOver = 0;
  const messenger: Messenger = {
    pacesRequests: inner.pacesRequests,
    async sendToUser(id: string, message: OutgoingCard, options?: SendOptions) {
      // send latency: from the paced slot (the request leaving) to the classified answer
      let start = performance.now();
      const called = start;
      const result = await inner.sendToUser(id, message, {
        beforeRequest: async (conversationKey) => {
          const asked = performance.now();
          const slot = await options?.beforeRequest?.(conversationKey);
          start = performance.now();
          paced.push({ owner: id, called, asked, granted: start });
          firstSendAt ||= start;
          const departure: [string, number] = [mockConversationId(id), performance.timeOrigin + start];
          departures.push(departure);
          if (!slot) return;
          const granted = departure[1];
          return {
            // handed to the HTTP client: the departure, unless it must connect first
            leaving: () => {
              departure[1] = performance.timeOrigin + performance.now();
              lateHandOver = Math.max(lateHandOver, departure[1] - granted);
              slot.leaving?.();
            },
            // a request on a new connection leaves once connected: that is its departure
            holdUntilDeparture: () => {
              heldForConnect++;
              const release = slot.holdUntilDeparture();
              return () => {
                departure[1] = performance.timeOrigin + performance.now();
                release();
              };
            },
          };
        },
      });
      sendMs.push(performance.now() - start);
      return result;
    },
    postToChannel: (...args) => inner.postToChannel(...args),
    updateInChannel: (...args) => inner.updateInChannel(...args),
  };
  const clock = clockForSetup;
  /** the dispatcher's own limiter (defaults), recording the instants it let a request go */
  const limiter = new RecordingLimiter(DEFAULT_GLOBAL_LIMITS, undefined, { marginMs });
  const timedRepo = <T extends object>(target: T, kind: string, methods: string[]): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof value !== 'function' || !methods.includes(String(prop))) return value;
        return async (...args: unknown[]) => {
          const begun = performance.now();
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(t, args);
          } finally {
            storeCalls.set(`${kind}.${String(prop)}`, [...(storeCalls.get(`${kind}.${String(prop)}`) ?? []), [begun, performance.now()]]);
          }
        };
      },
    });
  const dispatcher = new Dispatcher({ ...repos, plans: timedRepo(repos.plans, 'plans', ['get']), reports: timedRepo(repos.reports, 'reports', ['listByRound']), rounds: timedRepo(repos.rounds, 'rounds', ['list']), owners: timedOwners, outbox: timedOutbox, messenger, composer: plainReminderComposer, clock, timer: systemTimer, limiter }, { concurrency });

  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const start = performance.now();
  let ticks = 0;
  for (;;) {
    ticks++;
    const results = await dispatcher.tick();
    for (const r of results) if (!r.complete) process.stdout.write(`tick ${ticks} left the wave unfinished: ${JSON.stringify({ ...r, problems: r.problems.length })}\n`);
    if (results.length === 0 || results.every((r) => r.complete)) break;
  }
  const end = performance.now();
  const seconds = (end - start) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  loop.disable();
  const { stats, counts, arrivals, loopDelayMs } = (await connectorHost.ask()) as {
    loopDelayMs: { p99: number; max: number };
    stats: { requests: number; overLimit: number; overLimitWindows: number; injected429: number; injected503: number; forbidden: number; connections: number };
    counts: Record<string, number>;
    arrivals: [string | null, number, number][];
  };
  // the sender's view against the receiver's: most requests in any 1 s (sliding), and departure → arrival latency
  const departed = departures.map(([, t]) => t).sort((a, b) => a - b);
  const arrived = arrivals.map(([, t]) => t).sort((a, b) => a - b);
  const byConversation = new Map<string, [number, number][]>();
  for (const [c, t, fresh] of arrivals) if (c) byConversation.set(c, [...(byConversation.get(c) ?? []), [t, fresh]]);
  const latency: number[] = [];
  const freshLatency: number[] = [];
  const seen = new Map<string, number>();
  /** [arrival, departure → arrival] of every matched request, by arrival */
  const timed: [number, number][] = [];
  for (const [c, t] of departures) {
    const k = seen.get(c) ?? 0;
    seen.set(c, k + 1);
    const a = byConversation.get(c)?.[k];
    if (a === undefined) continue;
    (a[1] ? freshLatency : latency).push(a[0] - t);
    timed.push([a[0], a[0] - t]);
  }
  timed.sort((a, b) => a[0] - b[0]);
  // every 1 s of arrivals that held 51: how late its first and its 51st request arrived (what squeezed it)
  const squeezed: string[] = [];
  for (let i = 0; i + 50 < timed.length; i++) {
    const [first, late] = timed[i]!;
    const [last, lateLast] = timed[i + 50]!;
    if (last - first < 1000) squeezed.push(`+${((first - performance.timeOrigin - start) / 1000).toFixed(1)} s: 1st ${late.toFixed(1)} ms late, 51st ${lateLast.toFixed(1)} ms`);
  }
  const storeStats = (await cosmosHost.ask()) as { loopDelayMs: { p99: number; max: number }; gcPauses: [number, number][] };
  const storeGc = storeStats.gcPauses.map(([at, d]): [number, number] => [at - performance.timeOrigin, at - performance.timeOrigin + d]);
  const pacing =
    paceFigures(paced, claimAt, storeCalls, evenPaceMs(TEAMS_APP_LIMIT, marginMs), start, end, storeGc) +
    `store process: event-loop delay p99/max ${storeStats.loopDelayMs.p99.toFixed(1)}/${storeStats.loopDelayMs.max.toFixed(1)} ms; ${storeGc.length} garbage collections of 20 ms or more while the wave ran, ${secs(storeGc.reduce((t, [a, b]) => t + b - a, 0))} in all\n`;
  const unreachableSet = new Set(unreachable);
  let duplicates = 0;
  let lost = 0;
  let sent = 0;
  for (let i = 0; i < n; i++) {
    const id = ownerId(i);
    const c = counts[mockConversationId(id)] ?? 0;
    if (unreachableSet.has(id)) {
      duplicates += c; // never expected: counted against us
      continue;
    }
    sent += Math.min(c, 1);
    if (c > 1) duplicates += c - 1;
    if (c === 0) lost++;
  }
  const entries = await repos.outbox.listWave('2026-T1', 'w28');
  const unreachableRecorded = entries.filter((e) => e.entry.state === 'unreachable').length;
  const failed = entries.filter((e) => e.entry.state === 'failed').length;
  const msgsPerSec = sent / seconds;
  const cosmosRss = (await cosmosHost.ask()) as { peakRssMb: number; loopDelayMs: { p99: number; max: number }; gcPauses: [number, number][] };
  const figures = {
    owners: n,
    sent,
    duplicates,
    lost,
    unreachable: unreachableRecorded,
    seconds: Number(seconds.toFixed(1)),
    msgsPerSec: Number(msgsPerSec.toFixed(2)),
    ratio: Number((msgsPerSec / 50).toFixed(3)),
    overLimitWindows: stats.overLimitWindows,
    p99SendMs: Number(percentile(sendMs, 99).toFixed(1)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
  process.stdout.write(
    `wave: ${sent} sent, ${unreachableRecorded} unreachable (of ${unreachable.length}), ${failed} failed, in ${seconds.toFixed(1)} s over ${ticks} tick(s), concurrency ${concurrency}, limiter margin ${marginMs} ms\n` +
      `connector: ${stats.requests} requests (${(stats.requests / seconds).toFixed(2)}/s) over ${stats.connections} connections, ${stats.injected429} injected 429, ${stats.injected503} injected 503, ${stats.forbidden} 403, ${stats.overLimit} over-limit 429 in ${stats.overLimitWindows} windows\n` +
      `send latency: p50 ${percentile(sendMs, 50).toFixed(1)} ms, p99 ${percentile(sendMs, 99).toFixed(1)} ms; first send ${((firstSendAt - start) / 1000).toFixed(2)} s after the tick started (reading owners, plan, reports)\n` +
      `rate: most requests in any 1 s: ${maxInWindow(limiter.granted, 1000)} granted by the limiter (${maxInWindow(limiter.granted, 1000 + marginMs)} in any ${1000 + marginMs} ms), ${maxInWindow(departed, 1000)} departing (high-res stamps at the hand-over to the HTTP client), ${maxInWindow(arrived, 1000)} arriving; ` +
      `departure → arrival: p50 ${percentile(latency, 50).toFixed(2)} ms, p99 ${percentile(latency, 99).toFixed(2)} ms, max ${percentile(latency, 100).toFixed(2)} ms (${latency.length} on a reused connection); on a new connection: p50 ${percentile(freshLatency, 50).toFixed(2)} ms, max ${percentile(freshLatency, 100).toFixed(2)} ms (${freshLatency.length}, ${heldForConnect} slots held until connected); slot → hand-over max ${lateHandOver.toFixed(2)} ms; ` +
      `event-loop delay p99/max: dispatcher ${(loop.percentile(99) / 1e6).toFixed(1)}/${(loop.max / 1e6).toFixed(1)} ms, connector ${loopDelayMs.p99.toFixed(1)}/${loopDelayMs.max.toFixed(1)} ms\n` +
      pacing +
      (squeezed.length ? `1 s windows with 51 arrivals (${squeezed.length}): ${squeezed.slice(0, 6).join('; ')}\n` : '') +
      `peak RSS: dispatching process ${figures.peakRssMb} MB; store process (embedded Cosmos) ${cosmosRss.peakRssMb} MB\n`,
  );
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  cosmosHost.child.stdin!.end();
  connectorHost.child.stdin!.end();
  connection.dispose();
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const secs = (x: number) => `${(x / 1000).toFixed(2)} s`;

/**
 * Where the wave's time went, against an even pace: the first grant after the tick, the pace itself
 * (requests × pace), the excess of every gap between two grants over the pace, and what follows the
 * last grant. Each gap longer than the pace by over 1 ms is put down to where the request that got
 * the next slot was when that slot came due: already waiting at the pacer (timers, the event loop), a
 * retry, not yet claimed (waiting for a claim place or the sender lease), in its claim write, being
 * composed, or in the messenger's own lookups (the stored conversation, botbuilder) before it asked.
 */
function paceFigures(
  paced: { owner: string; called: number; asked: number; granted: number }[],
  claimAt: Map<string, [number, number]>,
  storeCalls: Map<string, [number, number][]>,
  pace: number,
  start: number,
  end: number,
  storeGc: [number, number][],
): string {
  if (paced.length === 0) return '';
  const byGrant = [...paced].sort((a, b) => a.granted - b.granted);
  const where = { pacer: 0, retry: 0, unclaimed: 0, claim: 0, compose: 0, lookup: 0 };
  const renewals = (storeCalls.get('takeSenderLease') ?? []).slice(1);
  let duringRenewal = 0;
  let restarts = 0;
  const restartsAt: string[] = [];
  const seen = new Set<string>();
  const depth: number[] = [];
  // the limiter's schedule, replayed: a grant up to one pace late keeps it (the next may follow at once);
  // a later one restarts it, and the time since its slot came due is lost
  let next = byGrant[0]!.granted;
  for (let i = 0; i < byGrant.length; i++) {
    const r = byGrant[i]!;
    const retry = seen.has(r.owner);
    seen.add(r.owner);
    const late = r.granted - next;
    if (late <= pace) {
      next = Math.max(next, r.granted - pace) + pace;
      continue;
    }
    const due = next;
    next = r.granted + pace;
    restarts++;
    const claim = claimAt.get(`w28:${r.owner}`);
    const phase: keyof typeof where =
      r.asked <= due + pace ? 'pacer' : retry ? 'retry' : !claim || due < claim[0] ? 'unclaimed' : due < claim[1] ? 'claim' : due < r.called ? 'compose' : 'lookup';
    where[phase] += late;
    const gc = storeGc.filter(([a, b]) => a < r.granted && b > due - 4 * pace).reduce((t, [a, b]) => t + b - a, 0);
    const pages = (storeCalls.get('page') ?? []).filter(([a, b]) => a < r.granted && b > due - 4 * pace).length;
    restartsAt.push(`+${((due - start) / 1000).toFixed(1)} s ${late.toFixed(0)} ms ${phase}${gc ? ` (store GC ${gc.toFixed(0)} ms)` : ''}${pages ? ` (${pages} owner page read)` : ''}`);
    if (renewals.some(([a, b]) => a < r.granted && b > due)) duringRenewal += late;
    // entries claimed (or claiming) and not yet granted when the slot came due
    let inPipeline = 0;
    for (const o of byGrant.slice(i, i + 40)) {
      const c = claimAt.get(`w28:${o.owner}`);
      if (c && c[0] <= due && (o === r ? !retry : !seen.has(o.owner))) inPipeline++;
    }
    depth.push(inPipeline);
  }
  const first = byGrant[0]!.granted - start;
  const last = byGrant[byGrant.length - 1]!.granted;
  const excess = last - byGrant[0]!.granted - (byGrant.length - 1) * pace;
  const claims = [...claimAt.values()].map(([a, b]) => b - a);
  const lookups = paced.map((r) => r.asked - r.called);
  const leads = paced.filter((r) => claimAt.has(`w28:${r.owner}`)).map((r) => r.granted - claimAt.get(`w28:${r.owner}`)![1]);
  const renewalMs = renewals.map(([a, b]) => b - a);
  const depthHist = new Map<number, number>();
  for (const d of depth) depthHist.set(d, (depthHist.get(d) ?? 0) + 1);
  return (
    `time: ${secs(end - start)} = first grant ${secs(first)} + ${byGrant.length} requests at the pace (${pace.toFixed(2)} ms) ${secs((byGrant.length - 1) * pace)} + excess ${secs(excess)} + after the last grant ${secs(end - last)}\n` +
    `lost to ${restarts} restarts of the pace (a request more than a pace late); where the request was when its slot came due: waiting at the pacer ${secs(where.pacer)}, a retry ${secs(where.retry)}, not yet claimed ${secs(where.unclaimed)}, in its claim write ${secs(where.claim)}, being composed ${secs(where.compose)}, in the messenger's lookups ${secs(where.lookup)}; during a lease renewal ${secs(duringRenewal)}; entries claimed (or claiming) then: ${[...depthHist].sort((a, b) => a[0] - b[0]).map(([d, k]) => `${d}: ${k}`).join(', ')}\n` +
    `claim write p50 ${ms(percentile(claims, 50))}, p99 ${ms(percentile(claims, 99))}, max ${ms(percentile(claims, 100))}; messenger call → slot asked p50 ${ms(percentile(lookups, 50))}, p99 ${ms(percentile(lookups, 99))}, max ${ms(percentile(lookups, 100))}; claimed → granted p50 ${ms(percentile(leads, 50))}, p1 ${ms(percentile(leads, 1))}; ` +
    `${renewalMs.length} lease renewals, p50 ${ms(percentile(renewalMs, 50))}, max ${ms(percentile(renewalMs, 100))}\n` +
    `before the first grant: ${[...storeCalls].filter(([k]) => !['claimNew', 'replace', 'get'].includes(k)).map(([k, spans]) => `${k} +${secs(spans[0]![0] - start)}…+${secs(spans[0]![1] - start)}`).join(', ')}\n` +
    `owner pages read: ${(storeCalls.get('page') ?? []).length}, +${secs((storeCalls.get('page') ?? [[start]])[0]![0] - start)} to +${secs((storeCalls.get('page') ?? [[0, start]]).at(-1)![1] - start)}, longest ${ms(Math.max(0, ...(storeCalls.get('page') ?? []).map(([a, b]) => b - a)))}\n` +
    (restartsAt.length ? `restarts: ${restartsAt.slice(0, 30).join('; ')}\n` : '')
  );
}

main().catch((err) => {
  process.stderr.write(`fanout bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
