/**
 * `npm run bench:submit`: 200 concurrent card submits (Action.Execute invokes on POST /api/messages)
 * at the running bot, over a Cosmos DB protocol server in this process whose HTTP requests are counted.
 * Prints p50/p99 latency and Cosmos requests per submit, for a cold pass (caches empty, first report
 * of each owner) and a warm pass (a second version of the same reports). Target: p99 ≤ 150 ms and
 * ≤ 3 Cosmos round trips per submit.
 *
 *   npm run bench:submit [-- --submits 200]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { startApp } from '../bot/app';
import { REPORT_VERBS } from '../cards/report-verbs';
import { EMULATOR_KEY, loadConfig } from '../services/config/config';
import type { Owner } from '../services/domain/model';
import { configureLogger } from '../services/logging/logger';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const submits = arg('submits', 200);
  configureLogger({ level: 'warn' });

  // the Cosmos protocol server in its own process (a separate service, as in production), counting requests
  const cosmos = spawn(process.execPath, [path.join(__dirname, 'support', 'counting-cosmos.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies = readline.createInterface({ input: cosmos.stdout! });
  const waiting: ((line: string) => void)[] = [];
  replies.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const cosmosPort = (JSON.parse(await nextLine()) as { port: number }).port;
  const cosmosRequests = async () => {
    const reply = nextLine();
    cosmos.stdin!.write('count\n');
    return (JSON.parse(await reply) as { count: number }).count;
  };

  const app = await startApp(
    loadConfig({
      PORT: '0',
      COSMOS_ENDPOINT: `https://localhost:${cosmosPort}`,
      COSMOS_KEY: EMULATOR_KEY,
      COSMOS_DATABASE: 'bench-submit',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
    }),
  );
  try {
    const [round] = await app.collection.openRounds();
    if (!round) throw new Error('the demo data has no open round');
    const plan = await app.store.plans.get(round.year);
    const activities = plan!.activities.filter((a) => !a.archived);
    // one bench owner per submit, each owning one activity: every submit is its own report item
    const owners: Owner[] = Array.from({ length: submits }, (_, i) => ({
      aadObjectId: `bench-owner-${String(i).padStart(4, '0')}`,
      name: `Bench ${i}`,
      email: null,
      units: [],
      activities: [{ year: round.year, ref: activities[i % activities.length]!.ref }],
    }));
    await app.store.owners.upsertMany(owners);
    app.collection.reference.invalidate();

    const url = `${app.http.url}/api/messages`;
    const submit = async (owner: Owner, n: number, pass: string) => {
      const body = {
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/_connector',
        id: `${pass}-${n}`,
        from: { id: `29:${owner.aadObjectId}`, aadObjectId: owner.aadObjectId, name: owner.name },
        recipient: { id: '28:tertial', name: 'Tertial' },
        conversation: { id: `a:${owner.aadObjectId}`, conversationType: 'personal', tenantId: 't' },
        value: {
          action: {
            type: 'Action.Execute',
            verb: REPORT_VERBS.submit,
            data: { roundId: round.id, activityRef: owner.activities[0]!.ref, status: 'in-progress', comment: `${pass} ${n}` },
          },
          trigger: 'manual',
        },
      };
      const started = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await res.json()) as { type?: string };
      const ms = performance.now() - started;
      if (res.status !== 200 || answer.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`submit ${n} failed: ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
      return ms;
    };

    const run = async (pass: string, concurrent: boolean) => {
      const before = await cosmosRequests();
      const started = performance.now();
      const latencies: number[] = [];
      if (concurrent) latencies.push(...(await Promise.all(owners.map((o, i) => submit(o, i, pass)))));
      else for (const [i, o] of owners.entries()) latencies.push(await submit(o, i, pass));
      const wall = performance.now() - started;
      const after = await cosmosRequests();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        pass,
        submits,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1]!,
        wallMs: wall,
        cosmosPerSubmit: (after - before) / submits,
      };
    };

    const cold = await run('cold', true);
    const warm = await run('warm', true);
    const oneByOne = await run('1-by-1', false);
    const stored = await app.store.reports.listByRound(round.id);
    const benchReports = stored.filter((r) => r.ownerId.startsWith('bench-owner-'));
    if (benchReports.length !== submits || benchReports.some((r) => r.history.length !== 3)) {
      throw new Error(`expected ${submits} reports with 3 versions each, found ${benchReports.length}`);
    }
    process.stdout.write(`submit benchmark: ${submits} Action.Execute submits on POST /api/messages; Cosmos DB protocol server in its own process\n`);
    process.stdout.write('  cold: all at once, caches empty, first report of each owner; warm: all at once again; 1-by-1: one at a time\n');
    for (const r of [cold, warm, oneByOne]) {
      process.stdout.write(
        `  ${r.pass.padEnd(6)} p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  max ${r.max.toFixed(1)} ms  ` +
          `wall ${r.wallMs.toFixed(0)} ms  Cosmos requests/submit ${r.cosmosPerSubmit.toFixed(2)}\n`,
      );
    }
    const trips = Math.max(cold.cosmosPerSubmit, warm.cosmosPerSubmit, oneByOne.cosmosPerSubmit);
    process.stdout.write(`  target ≤ 3 Cosmos round trips per submit: ${trips <= 3 ? 'met' : 'NOT met'} (${trips.toFixed(2)})\n`);
    process.stdout.write(`  target p99 ≤ 150 ms with ${submits} at once (warm): ${warm.p99 <= 150 ? 'met' : 'NOT met'} (${warm.p99.toFixed(0)} ms)\n`);
    process.stdout.write(`  every report stored with its history (${benchReports.length} × 3 versions)\n`);
  } finally {
    await app.close();
    cosmos.stdin!.end();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:submit failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
