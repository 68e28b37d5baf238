/**
 * `npm run bench:query`: the app's query shapes against the embedded Cosmos DB server through the real
 * @azure/cosmos SDK, at 1,000, 5,000 and 10,000 items per container. Each shape is run five times
 * after one warm-up run; the median and the best are printed in ms. A benchmark, not a test: it prints
 * figures; nothing asserts a speed.
 *
 *   npm run bench:query [-- --sizes 1000,5000,10000] [--runs 5]
 *
 * Shapes: the owners list (SELECT * FROM c, one service-sized page) and its projection, the
 * dispatcher's owner pages (a first page of 500, then the rest after the continuation), every owner
 * in pages of 1,000, and three single-partition queries of services/store (queryPartition): the
 * reports projection of a round's progress (listCurrentByRound), one owner's reports (a WHERE with a
 * parameter) and the outbox deliveries projection; and a change to the round, which rewrites every one
 * of its reports (the report fence). The reports and outbox containers hold the round's N items plus
 * N/4 of another round, which the partition filter leaves out.
 */
import { timeRuns } from './support/timing';
import type { Owner, ReportVersion } from '../services/domain/model';
import { configureLogger } from '../services/logging/logger';
import type { OutboxEntry } from '../services/ports/outbox';
import { openStore, startEmbeddedCosmos } from '../services/store';
import { mapLimit } from '../services/store/concurrency';
import { createCosmosClient } from '../services/store/cosmos-connection';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? String(process.argv[i + 1]) : fallback;
}

const ROUND = '2041-T1';
const OTHER_ROUND = '2041-T0';
const ownerId = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;

async function main() {
  const sizes = arg('sizes', '1000,5000,10000').split(',').map(Number);
  const runs = Number(arg('runs', '5'));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(runs) || runs <= 0) throw new Error('--sizes takes positive integers, --runs a positive integer');
  configureLogger({ level: 'warn' });
  const server = await startEmbeddedCosmos(0);
  const target = { endpoint: server.endpoint, key: server.key, database: 'query-bench' };
  const store = await openStore(target);
  const client = createCosmosClient(target);
  const owners = client.database(target.database).container('owners');
  const now = new Date().toISOString();
  const version = (i: number): ReportVersion => ({ status: 'in-progress', comment: `Kommentar ${i}`, by: { id: ownerId(i), name: `Ägare ${i + 1}` }, at: now, source: 'teams' });
  const entry = (roundId: string, i: number): OutboxEntry => ({
    id: `w14:${ownerId(i)}`, roundId, wave: 'w14', ownerId: ownerId(i), state: i % 50 === 0 ? 'unreachable' : 'sent',
    leaseOwner: null, leaseUntil: null, attempts: [{ at: now, status: 201, outcome: 'sent', reason: null }], takeovers: 0,
    possibleDuplicate: false, claimedAt: now, updatedAt: now, sentAt: now, activityId: `a${i}`, reason: null,
  });
  let loaded = 0;
  await store.rounds.create({ id: ROUND, year: 2041, tertial: 1, deadline: '2041-04-30', waves: [7, 0], sendTime: '09:00', graceDays: 7, state: 'scheduled', closedAt: null, createdAt: now, source: 'scheduled' });
  const shapes: [string, () => Promise<number>][] = [
    ['owners.list (SELECT *)', async () => (await store.owners.list()).length],
    ['owners.listAssignments (projection)', async () => (await store.owners.listAssignments!()).length],
    ['owners.pages(500) (first page + continuation)', async () => {
      let n = 0;
      for await (const page of store.owners.pages!(500)) n += page.length;
      return n;
    }],
    ['SELECT * in pages of 1,000', async () => {
      let n = 0;
      const it = owners.items.query('SELECT * FROM c', { maxItemCount: 1000 });
      while (it.hasMoreResults()) n += (await it.fetchNext()).resources.length;
      return n;
    }],
    ['reports.listCurrentByRound (projection)', async () => (await store.reports.listCurrentByRound!(ROUND)).length],
    ['reports.listByOwner (WHERE + parameter)', async () => (await store.reports.listByOwner(ROUND, ownerId(7))).length],
    ['outbox.listDeliveries (projection)', async () => (await store.outbox.listDeliveries!(ROUND)).length],
    // a round change that fences every report of the round (services/rounds/report-fence.ts)
    ['rounds.update, fencing every report', async () => {
      await store.rounds.update(ROUND, (r) => ({ ...r, graceDays: r.graceDays === 7 ? 8 : 7 }));
      return loaded;
    }],
  ];
  try {
    for (const size of sizes) {
      const from = loaded;
      const fresh = Array.from({ length: Math.max(0, size - from) }, (_, k) => from + k);
      const ownersToAdd: Owner[] = fresh.map((i) => ({ aadObjectId: ownerId(i), name: `Ägare ${i + 1}`, email: null, units: [`Enhet ${(i % 250) + 1}`], activities: [] }));
      await store.owners.upsertMany(ownersToAdd);
      await mapLimit(fresh, 16, (i) => store.reports.append(ROUND, `1.1.${(i % 500) + 1}`, ownerId(i), version(i)));
      await mapLimit(fresh, 16, (i) => store.outbox.claimNew(entry(ROUND, i)));
      const others = fresh.filter((i) => i % 4 === 0);
      await mapLimit(others, 16, (i) => store.reports.append(OTHER_ROUND, `1.1.${(i % 500) + 1}`, ownerId(i), version(i)));
      await mapLimit(others, 16, (i) => store.outbox.claimNew(entry(OTHER_ROUND, i)));
      loaded = Math.max(loaded, size);
      process.stdout.write(`N = ${loaded.toLocaleString('en')} (owners ${loaded}, reports and outbox entries ${loaded} + ${Math.ceil(loaded / 4)} of another round)\n`);
      for (const [name, run] of shapes) {
        const count = await run();
        const { median, best } = await timeRuns(runs, run);
        process.stdout.write(`  ${name.padEnd(48)} ${String(count).padStart(6)} rows  median ${median.toFixed(0).padStart(5)} ms  best ${best.toFixed(0).padStart(5)} ms\n`);
      }
    }
  } finally {
    client.dispose();
    await store.close();
    await server.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
