/**
 * `npm run bench:store`: imports a generated plan of 2,000 activities and 5,000 status reports into
 * the embedded Cosmos DB server through the same services as `tertial import`, and prints items/s.
 * A benchmark, not a test: it prints figures; nothing asserts a speed.
 */
import { performance } from 'node:perf_hooks';
import { configureLogger } from '../services/logging/logger';
import { importPlan } from '../services/import/plan-import';
import { parseResultsDocument, type ResultsDocument } from '../services/import/results-format';
import { importResults } from '../services/import/results-import';
import { parsePlanDocument, type PlanDocument } from '../services/plan/plan-format';
import { systemClock } from '../services/ports/clock';
import { STATUS_CODES } from '../services/domain/vocabulary';
import { openStore, startEmbeddedCosmos } from '../services/store';

const YEAR = 2031;
const KF = 20;
const KS_PER_KF = 5;
const ACTIVITIES_PER_KS = 20; // 20 × 5 × 20 = 2,000 activities
const REPORTS_PER_TERTIAL = [2000, 2000, 1000]; // 5,000 reports

function generatePlan(): PlanDocument {
  return {
    format: 'tertial-plan/1',
    organisation: 'Benchmark kommun',
    body: 'Kommunstyrelsen',
    year: YEAR,
    goals: Array.from({ length: KF }, (_, k) => ({
      ref: `${k + 1}`,
      kind: 'kf' as const,
      title: `KF-mål ${k + 1}`,
      children: Array.from({ length: KS_PER_KF }, (_, s) => ({
        ref: `${k + 1}.${s + 1}`,
        kind: 'ks' as const,
        title: `KS-mål ${k + 1}.${s + 1}`,
        activities: Array.from({ length: ACTIVITIES_PER_KS }, (_, a) => ({
          ref: `${k + 1}.${s + 1}.${a + 1}`,
          title: `Aktivitet ${k + 1}.${s + 1}.${a + 1}`,
          description: 'En beskrivning av aktiviteten, ungefär så lång som i en riktig plan. '.repeat(3),
          start: `${YEAR}-01-01`,
          end: `${YEAR}-12-31`,
          units: [`Enhet ${(a % 12) + 1}`],
        })),
      })),
    })),
  };
}

function generateResults(plan: PlanDocument, tertial: 1 | 2 | 3, count: number): ResultsDocument {
  const refs = plan.goals.flatMap((g) => (g.children ?? []).flatMap((c) => (c.activities ?? []).map((a) => a.ref)));
  return parseResultsDocument({
    format: 'tertial-results/1',
    year: YEAR,
    tertial,
    reports: refs.slice(0, count).map((ref, i) => ({ activity: ref, status: STATUS_CODES[i % STATUS_CODES.length], comment: `Kommentar ${i}` })),
    assessments: [],
  });
}

async function main(): Promise<void> {
  configureLogger({ level: 'warn' });
  const server = await startEmbeddedCosmos(0);
  const store = await openStore({ endpoint: server.endpoint, key: server.key, database: 'bench' });
  try {
    const doc = generatePlan();
    let t0 = performance.now();
    const plan = parsePlanDocument(doc, { importedAt: systemClock.now().toISOString() });
    const { summary } = await importPlan(store, plan);
    const planMs = performance.now() - t0;
    const planItems = summary.goals.added + summary.activities.added;

    t0 = performance.now();
    let reports = 0;
    for (const [i, count] of REPORTS_PER_TERTIAL.entries()) {
      const r = await importResults(store, systemClock, generateResults(doc, (i + 1) as 1 | 2 | 3, count));
      reports += r.reports.added;
    }
    const reportsMs = performance.now() - t0;

    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
    const total = planItems + reports;
    const totalMs = planMs + reportsMs;
    process.stdout.write(
      [
        'store benchmark (embedded Cosmos DB server, @azure/cosmos over HTTPS, same services as `tertial import`)',
        `  plan:    ${summary.activities.added} activities + ${summary.goals.added} goals in ${(planMs / 1000).toFixed(2)} s = ${rate(planItems, planMs)} items/s`,
        `  reports: ${reports} reports in ${(reportsMs / 1000).toFixed(2)} s = ${rate(reports, reportsMs)} items/s`,
        `  total:   ${total} items in ${(totalMs / 1000).toFixed(2)} s = ${rate(total, totalMs)} items/s`,
        '',
      ].join('\n'),
    );
  } finally {
    await store.close();
    await server.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
