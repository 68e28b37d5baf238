/**
 * The fan-out benchmark's store: the embedded Cosmos server in its own process (as Cosmos is in
 * production, so the benchmark's RSS is the dispatcher's own), seeded with N owners, a plan of N
 * activities and a T1 2026 round; with a serviceUrl (argv[3]) also every owner's stored 1:1 conversation
 * reference at that connector, as the bot stores it at install. Prints one JSON line {endpoint,key,database} when ready, then
 * reports its RSS on each line "rss" read from stdin; exits when stdin closes.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { configureLogger } from '../../services/logging/logger';
import { openStore, startEmbeddedCosmos } from '../../services/store';
import { mapLimit } from '../../services/store/concurrency';
import { makeOwners, makePlan, makeRound } from '../../test/support/dispatch-fixtures';

async function main() {
  configureLogger({ level: 'warn' });
  const n = Number(process.argv[2]);
  process.stdin.on('end', () => process.exit(0)); // the benchmark went away: so do we
  process.stdin.resume();
  const cosmos = await startEmbeddedCosmos(0);
  const database = 'fanout';
  const store = await openStore({ endpoint: cosmos.endpoint, key: cosmos.key, database });
  await store.plans.save(makePlan(2026, n));
  const owners = makeOwners(n);
  for (let i = 0; i < owners.length; i += 500) await store.owners.upsertMany(owners.slice(i, i + 500));
  await store.rounds.create(makeRound());
  const serviceUrl = process.argv[3];
  if (serviceUrl) {
    const at = new Date().toISOString();
    await mapLimit(owners, 16, (o) => {
      const conversationId = `a:conv-${o.aadObjectId}`;
      return store.conversations.upsertUser(o.aadObjectId, () => ({
        aadObjectId: o.aadObjectId,
        name: o.name,
        tenantId: 'tenant',
        conversationId,
        serviceUrl,
        reference: {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant', isGroup: false },
          bot: { id: '28:tertial', name: 'Tertial' },
          user: { id: `29:${o.aadObjectId}`, aadObjectId: o.aadObjectId, name: o.name },
        },
        state: 'installed',
        unreachable: null,
        updatedAt: at,
      }));
    });
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key, database })}\n`);
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200).unref();
  // the store's own stalls while the wave sends: event-loop delay, and garbage collections of 20 ms or more [epoch ms, ms]
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const gcPauses: [number, number][] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration >= 20) gcPauses.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration)]);
  }).observe({ entryTypes: ['gc'] });
  process.stdin.on('data', () =>
    process.stdout.write(`${JSON.stringify({ peakRssMb: Math.round(peak / 1048576), loopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }, gcPauses })}\n`),
  );
}

main().catch((err) => {
  process.stderr.write(`cosmos host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
