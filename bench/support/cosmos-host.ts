/**
 * The fan-out benchmark's store: the embedded Cosmos server in its own process (as Cosmos is in
 * production, so the benchmark's RSS is the dispatcher's own), seeded with N owners, a plan of N
 * activities and a T1 2026 round. Prints one JSON line {endpoint,key,database} when ready, then
 * reports its RSS on each line "rss" read from stdin; exits when stdin closes.
 */
import { configureLogger } from '../../services/logging/logger';
import { openStore, startEmbeddedCosmos } from '../../services/store';
import { makeOwners, makePlan, makeRound } from '../../test/support/dispatch-fixtures';

async function main() {
  configureLogger({ level: 'warn' });
  const n = Number(process.argv[2]);
  const cosmos = await startEmbeddedCosmos(0);
  const database = 'fanout';
  const store = await openStore({ endpoint: cosmos.endpoint, key: cosmos.key, database });
  await store.plans.save(makePlan(2026, n));
  const owners = makeOwners(n);
  for (let i = 0; i < owners.length; i += 500) await store.owners.upsertMany(owners.slice(i, i + 500));
  await store.rounds.create(makeRound());
  await store.close();
  process.stdout.write(`${JSON.stringify({ endpoint: cosmos.endpoint, key: cosmos.key, database })}\n`);
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200).unref();
  process.stdin.on('data', () => process.stdout.write(`${JSON.stringify({ peakRssMb: Math.round(peak / 1048576) })}\n`));
  process.stdin.on('end', () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`cosmos host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
