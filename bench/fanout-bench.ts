/**
 * `npm run bench:fanout -- --owners N`: one reminder wave to N owners with the REAL dispatcher and the
 * embedded Cosmos server, against a local mock Teams connector that ENFORCES Teams' limits (429 +
 * Retry-After when exceeded) and injects a few random 429/503; 0.1 % of owners are unreachable (403).
 * The embedded Cosmos server runs in a child process (bench/support/cosmos-host.ts), as Cosmos runs
 * outside the app in production: peakRssMb is the dispatching process's own; the store's is printed too.
 * Prints figures, and as its last line one JSON object:
 *   {"owners","sent","duplicates","lost","unreachable","seconds","msgsPerSec","ratio","overLimitWindows","p99SendMs","peakRssMb"}
 * ratio = msgs/s ÷ 50 (Teams' per-app-per-tenant limit). Target for N = 10,000: ratio ≥ 0.97,
 * duplicates 0, lost 0, overLimitWindows 0, peak RSS ≤ 250 MB.
 */
import { Dispatcher } from '../services/dispatch/dispatcher';
import { plainReminderComposer } from '../services/dispatch/reminder-composer';
import { configureLogger } from '../services/logging/logger';
import type { Messenger, OutgoingCard } from '../services/ports/messenger';
import { systemTimer } from '../services/ports/scheduler';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { openStore } from '../services/store';
import { ConnectorMessenger } from '../test/support/connector-messenger';
import { makeOwners, ownerId } from '../test/support/dispatch-fixtures';
import { mockConversationId, startMockConnector } from '../test/support/mock-connector';
import { ShiftedClock } from '../test/support/shifted-clock';

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

async function main() {
  const argv = process.argv.slice(2);
  const n = flag(argv, 'owners', 1000);
  configureLogger({ level: 'warn' });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

  const t0 = Date.now();
  const host = spawn(process.execPath, [join(__dirname, 'support', 'cosmos-host.js'), String(n)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: host.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the Cosmos host process ended before it was ready');
  const target = JSON.parse(first.value) as { endpoint: string; key: string; database: string };
  const store = await openStore(target);
  const unreachable = new Set(Array.from({ length: n }, (_, i) => i).filter((i) => i % 1000 === 999).map(ownerId));
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const connector = await startMockConnector({ random429: 0.002, random503: 0.002, unreachable, random });
  const owners = makeOwners(n);
  process.stdout.write(`setup: ${n} owners and activities stored in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

  // every owner has a stored conversation (the app was installed); the unreachable ones answer 403
  const inner = new ConnectorMessenger(connector.serviceUrl, new Map(owners.map((o) => [o.aadObjectId, mockConversationId(o.aadObjectId)])));
  const sendMs: number[] = [];
  const messenger: Messenger = {
    async sendToUser(id: string, message: OutgoingCard) {
      const start = performance.now();
      const result = await inner.sendToUser(id, message);
      sendMs.push(performance.now() - start);
      return result;
    },
    postToChannel: () => inner.postToChannel(),
    updateInChannel: () => inner.updateInChannel(),
  };
  const clock = new ShiftedClock('2026-04-02T07:30:00Z'); // the round's first wave is due
  const dispatcher = new Dispatcher({ ...store, messenger, composer: plainReminderComposer, clock, timer: systemTimer }, { concurrency: 16 });

  const start = performance.now();
  let ticks = 0;
  for (;;) {
    ticks++;
    const results = await dispatcher.tick();
    if (results.length === 0 || results.every((r) => r.complete)) break;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  let duplicates = 0;
  let lost = 0;
  let sent = 0;
  for (const o of owners) {
    const c = connector.deliveredCount(mockConversationId(o.aadObjectId));
    if (unreachable.has(o.aadObjectId)) {
      if (c > 0) duplicates += c; // never expected: counted against us
      continue;
    }
    sent += Math.min(c, 1);
    if (c > 1) duplicates += c - 1;
    if (c === 0) lost++;
  }
  const entries = await store.outbox.listWave('2026-T1', 'w28');
  const unreachableRecorded = entries.filter((e) => e.entry.state === 'unreachable').length;
  const msgsPerSec = sent / seconds;
  const figures = {
    owners: n,
    sent,
    duplicates,
    lost,
    unreachable: unreachableRecorded,
    seconds: Number(seconds.toFixed(1)),
    msgsPerSec: Number(msgsPerSec.toFixed(2)),
    ratio: Number((msgsPerSec / 50).toFixed(3)),
    overLimitWindows: connector.stats.overLimitSeconds.size,
    p99SendMs: Number(percentile(sendMs, 99).toFixed(1)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
  process.stdout.write(
    `wave: ${sent} sent, ${unreachableRecorded} unreachable (of ${unreachable.size}), ${entries.filter((e) => e.entry.state === 'failed').length} failed, in ${seconds.toFixed(1)} s over ${ticks} tick(s)\n` +
      `connector: ${connector.stats.requests} requests, ${connector.stats.injected429} injected 429, ${connector.stats.injected503} injected 503, ${connector.stats.overLimit} over-limit 429 in ${connector.stats.overLimitSeconds.size} windows\n` +
      `send latency: p50 ${percentile(sendMs, 50).toFixed(1)} ms, p99 ${percentile(sendMs, 99).toFixed(1)} ms; dispatching process peak RSS ${figures.peakRssMb} MB\n`,
  );
  host.stdin!.write('rss\n');
  const hostRss = JSON.parse((await lines.next()).value as string) as { peakRssMb: number };
  process.stdout.write(`store process (embedded Cosmos) peak RSS ${hostRss.peakRssMb} MB\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  host.stdin!.end();
  await connector.close();
  await store.close();
}

main().catch((err) => {
  process.stderr.write(`fanout bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
