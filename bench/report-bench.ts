/**
 * `npm run bench:report`: a generated plan of 200 goals (KS and economic) with 2,000 activities and a
 * status report for each, then the time to assess every goal (also at 10,000 activities), to build
 * the report model and to write the .docx and Markdown; and the .docx of a report at the size up to
 * which its table of contents gets page numbers (docx-page-numbers.ts), whose pages are laid out for
 * them; and that report written as the bot writes it, in a worker thread (docx-worker.ts), with the
 * longest this thread stalls meanwhile (the gaps between its timer ticks), beside the stall when it is written here. A benchmark, not a test: it prints figures (median of several runs after a warm-up) and, as
 * its last line, one JSON object.
 * Targets: assessment ≤ 50 ms for 10,000 activities; .docx ≤ 2 s for 2,000 activities.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { timeRuns } from './support/timing';
import { combineRoundAssessments } from '../services/assessment/assessment-service';
import { assessRound } from '../services/assessment/assess-round';
import type { Activity, Goal, Plan, StatusReport } from '../services/domain/model';
import { STATUS_CODES } from '../services/domain/vocabulary';
import { configureLogger } from '../services/logging/logger';
import { buildReportModel } from '../services/report/build-report';
import { PAGE_NUMBERS_UP_TO, reportSize, writesPageNumbers } from '../services/report/docx-page-numbers';
import { DocxWorker } from '../services/report/docx-worker';
import { renderDocx } from '../services/report/render-docx';
import { renderMarkdown } from '../services/report/render-markdown';

const YEAR = 2031;
const KF = 20;
const GOALS = 200; // 190 KS goals under 20 KF goals + 10 economic goals

/** a deterministic pseudo-random sequence, so every run measures the same plan */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const COMMENT =
  'Arbetet har genomförts i samverkan med berörda enheter. Vissa delar har försenats på grund av personalbrist och ändrade förutsättningar, men en plan finns för att slutföra arbetet under nästa period.';

/** `goalCount` goals (KS and 10 economic) with `activityCount` activities spread over them */
export function generateRound(activityCount: number, goalCount = GOALS): { plan: Plan; reports: StatusReport[] } {
  const rnd = lcg(activityCount);
  const goals: Goal[] = [];
  let order = 0;
  for (let k = 1; k <= KF; k++) goals.push({ year: YEAR, ref: `3.${k}`, kind: 'kf', title: `Kommunfullmäktiges mål ${k} för en attraktiv kommun`, parentRef: null, order: order++, archived: false });
  const assessed: Goal[] = [];
  for (let i = 0; i < goalCount; i++) {
    const economic = i >= goalCount - 10;
    const g: Goal = economic
      ? { year: YEAR, ref: `4.${i - (goalCount - 10) + 1}`, kind: 'economic', title: `Verksamhetsmål ${i} för god ekonomisk hushållning`, parentRef: null, order: order++, archived: false }
      : { year: YEAR, ref: `3.${(i % KF) + 1}.${Math.floor(i / KF) + 1}`, kind: 'ks', title: `Kommunstyrelsens mål ${i} om hälsa, trygghet och lärande`, parentRef: `3.${(i % KF) + 1}`, order: order++, archived: false };
    goals.push(g);
    assessed.push(g);
  }
  const activities: Activity[] = [];
  const reports: StatusReport[] = [];
  const roundId = `${YEAR}-T3`;
  for (let a = 0; a < activityCount; a++) {
    const g = assessed[a % assessed.length]!;
    const ref = `${g.ref}.${Math.floor(a / assessed.length) + 1}`;
    const month = 1 + Math.floor(rnd() * 12);
    activities.push({
      year: YEAR,
      ref,
      goalRef: g.ref,
      title: `Aktivitet ${a}: genomföra insatser för ökad delaktighet och kvalitet`,
      description: 'Aktiviteten syftar till att stärka verksamhetens förmåga att nå målet genom samverkan och uppföljning.',
      start: `${YEAR}-01-15`,
      end: `${YEAR}-${String(month).padStart(2, '0')}-28`,
      units: ['Staben'],
      order: a,
      archived: false,
    });
    const status = STATUS_CODES[Math.floor(rnd() * STATUS_CODES.length)]!;
    const version = { status, comment: COMMENT, by: { id: 'bench', name: 'Bench' }, at: '2031-12-20T09:00:00.000Z', source: 'import' as const };
    reports.push({ roundId, activityRef: ref, ownerId: 'bench', current: version, history: [version] });
  }
  return { plan: { meta: { year: YEAR, organisation: 'Benchmark kommun', body: 'Kommunstyrelsen', importedAt: '2031-01-01T00:00:00.000Z' }, goals, activities }, reports };
}

/** runs of one measurement; the machine is shared, so both the median and the best run are printed */
const bestOf = new Map<string, number>();

async function median(runs: number, fn: () => unknown | Promise<unknown>, warmups = 5, label = ''): Promise<number> {
  const { median: ms, best } = await timeRuns(runs, fn, warmups);
  if (label) bestOf.set(label, best);
  return ms;
}

/** one run of `fn`: how long it took and the longest gap between this thread's ticks of a 5 ms interval meanwhile */
async function stallDuring(fn: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  // the interval's first tick comes on a later turn of the loop: a render begun before it would go unseen
  await new Promise((resolve) => setTimeout(resolve, 20));
  const t0 = performance.now();
  stallMs = 0;
  last = t0;
  await fn();
  const ms = performance.now() - t0;
  // the tick after the render counts the wait that ended with it
  await new Promise((resolve) => setTimeout(resolve, 10));
  clearInterval(tick);
  return { ms, stallMs };
}

async function main(): Promise<void> {
  configureLogger({ level: 'silent' });
  const small = generateRound(2_000);
  const large = generateRound(10_000);
  const assess2k = await median(21, () => assessRound(small.plan, 3, small.reports), 5, 'assess2k');
  const assess10k = await median(21, () => assessRound(large.plan, 3, large.reports), 5, 'assess10k');
  const round = combineRoundAssessments(small.plan, 3, small.reports, []);
  const modelMs = await median(9, () => buildReportModel(combineRoundAssessments(small.plan, 3, small.reports, [])));
  const model = buildReportModel(round);
  let docxBytes = 0;
  const docxMs = await median(5, async () => {
    docxBytes = (await renderDocx(model)).byteLength;
  }, 1, 'docx');
  // a report as large as still gets its TOC's page numbers, with as many goals per activity as a kommun's plan
  const atLimit = generateRound(PAGE_NUMBERS_UP_TO.activities, Math.round(PAGE_NUMBERS_UP_TO.activities / 7));
  const limitModel = buildReportModel(combineRoundAssessments(atLimit.plan, 3, atLimit.reports, []));
  const limitSize = reportSize(limitModel);
  const limitMs = await median(3, () => renderDocx(limitModel), 1, 'docxLimit');
  // as the bot writes it: in a worker thread already started (the first render of a while starts one)
  const worker = new DocxWorker();
  await worker.render(limitModel);
  const inWorker = await stallDuring(() => worker.render(limitModel));
  await worker.close();
  const inThread = await stallDuring(() => renderDocx(limitModel));
  const pageNumbers = (m: typeof model) => (writesPageNumbers(reportSize(m)) ? 'TOC page numbers' : 'TOC without page numbers');
  const mdMs = await median(5, () => renderMarkdown(model));
  const heapMb = Math.round(process.memoryUsage().rss / 1e6);

  const line = (label: string, ms: number, target?: number, best?: number) =>
    console.log(
      `${label.padEnd(76)} ${ms.toFixed(1).padStart(8)} ms${best !== undefined ? ` (best ${best.toFixed(1)})` : ''}${target ? `   (target ≤ ${target} ms: ${ms <= target ? 'ok' : 'MISSED'})` : ''}`,
    );
  console.log(`Report benchmark: ${GOALS} goals; median of several runs after a warm-up, and the best run (node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)})`);
  line('assess all goals, 2,000 activities', assess2k, undefined, bestOf.get('assess2k'));
  line('assess all goals, 10,000 activities', assess10k, 50, bestOf.get('assess10k'));
  line('proposals + decisions + report model, 2,000', modelMs);
  line(`write .docx, 2,000 activities (${Math.round(docxBytes / 1024)} KB), ${pageNumbers(model)}`, docxMs, 2000, bestOf.get('docx'));
  line(
    `write .docx, ${limitSize.activities} activities, ${Math.round(limitSize.characters / 1000)}k characters, ${pageNumbers(limitModel)}`,
    limitMs,
    undefined,
    bestOf.get('docxLimit'),
  );
  line(`  the same in the bot's worker thread (one run)`, inWorker.ms);
  line(`  longest stall of this thread's event loop meanwhile`, inWorker.stallMs);
  line(`  longest stall when it is written in this thread (CLI; one run)`, inThread.stallMs);
  line('write Markdown, 2,000 activities', mdMs);
  console.log(
    JSON.stringify({
      goals: GOALS,
      assess2kMs: +assess2k.toFixed(1),
      assess10kMs: +assess10k.toFixed(1),
      assess10kBestMs: +(bestOf.get('assess10k') ?? 0).toFixed(1),
      modelMs: +modelMs.toFixed(1),
      docxMs: +docxMs.toFixed(0),
      docxBestMs: +(bestOf.get('docx') ?? 0).toFixed(0),
      docxKb: Math.round(docxBytes / 1024),
      docxAtLimitMs: +limitMs.toFixed(0),
      docxAtLimitBestMs: +(bestOf.get('docxLimit') ?? 0).toFixed(0),
      docxAtLimitActivities: limitSize.activities,
      docxAtLimitCharacters: limitSize.characters,
      docxAtLimitWorkerMs: +inWorker.ms.toFixed(0),
      docxAtLimitWorkerStallMs: +inWorker.stallMs.toFixed(1),
      docxAtLimitInThreadStallMs: +inThread.stallMs.toFixed(0),
      loadAvg: +os.loadavg()[0]!.toFixed(1),
      markdownMs: +mdMs.toFixed(1),
      rssMb: heapMb,
    }),
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
