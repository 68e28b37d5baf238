/**
 * Results from an earlier system (tertial-results/1) into the round of that year and tertial:
 * reports under owner 'import', assessments as decisions by the 'import' actor (source 'import'). The
 * round is created when missing: source 'import', state 'closed', deadline the tertial's last day and
 * closed at the end of that day. An imported round is history: it never sends reminders and is never
 * published by itself (publishClosedRounds skips it); an admin may still publish it explicitly.
 * Every activity and goal must be in that year's plan (archived ones are not); all or nothing.
 * Re-importing the same file adds nothing: a version identical to the current one is skipped.
 */
import { roundId, type Actor, type AssessmentDecision, type OutcomeVersion, type ReportVersion, type Round } from '../domain/model';
import type { Tertial } from '../domain/vocabulary';
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import { closesAt, DEFAULT_SEND_TIME } from '../rounds/round-calendar';
import { parseResultsDocument, type ResultsDocument } from './results-format';
import { decodeUtf8, parseJsonText } from './text-input';

export const IMPORT_OWNER_ID = 'import';
export const IMPORT_ACTOR: Actor = { id: 'import', name: 'Import' };

export interface ResultsImportResult {
  roundId: string;
  roundCreated: boolean;
  reports: { added: number; unchanged: number };
  assessments: { added: number; unchanged: number };
  measures: { added: number; unchanged: number };
}

/** The last calendar day of a tertial: 30 April, 31 August, 31 December. */
export function lastDayOfTertial(year: number, tertial: Tertial): string {
  return `${year}-${({ 1: '04-30', 2: '08-31', 3: '12-31' } as const)[tertial]}`;
}

/** the round that holds imported results: closed at the end of its deadline day, whenever it is imported */
export function importedRound(year: number, tertial: Tertial, now: string): Round {
  const deadline = lastDayOfTertial(year, tertial);
  return {
    id: roundId(year, tertial),
    year,
    tertial,
    deadline,
    waves: [],
    sendTime: DEFAULT_SEND_TIME,
    graceDays: 0,
    state: 'closed',
    closedAt: closesAt({ deadline, graceDays: 0 }).toISOString(),
    createdAt: now,
    source: 'import',
  };
}

async function checkAgainstPlan(repos: Pick<Repositories, 'plans'>, doc: ResultsDocument): Promise<void> {
  const plan = await repos.plans.get(doc.year);
  if (!plan) {
    throw new ValidationError(`Det finns ingen plan för ${doc.year}; importera planen först (no plan for ${doc.year})`, [
      `fält "year": ingen plan för ${doc.year}`,
    ]);
  }
  const activities = new Map(plan.activities.map((a) => [a.ref, a]));
  const goals = new Map(plan.goals.map((g) => [g.ref, g]));
  const problems: string[] = [];
  for (const r of doc.reports) {
    const a = activities.get(r.activity);
    if (!a) problems.push(`aktivitet ${r.activity}: finns inte i planen för ${doc.year} (activity not in the plan)`);
    else if (a.archived) problems.push(`aktivitet ${r.activity}: är arkiverad i planen för ${doc.year} (activity archived)`);
  }
  for (const x of doc.assessments) {
    const g = goals.get(x.goal);
    if (!g) problems.push(`mål ${x.goal}: finns inte i planen för ${doc.year} (goal not in the plan)`);
    else if (g.archived) problems.push(`mål ${x.goal}: är arkiverat i planen för ${doc.year} (goal archived)`);
  }
  const measures = new Map((plan.measures ?? []).map((m) => [m.ref, m]));
  for (const x of doc.measures) {
    const m = measures.get(x.ref);
    if (!m) problems.push(`mått ${x.ref}: finns inte i planen för ${doc.year} (measure not in the plan)`);
    else if (m.archived) problems.push(`mått ${x.ref}: är arkiverat i planen för ${doc.year} (measure archived)`);
    else if (m.kind === 'number' && typeof x.value !== 'number') problems.push(`mått ${x.ref} (${x.period}): "${x.value}" är inget tal (måttet ${m.name} mäts i tal)`);
    else if (m.kind === 'text' && typeof x.value !== 'string') problems.push(`mått ${x.ref} (${x.period}): ${x.value} är ett tal men måttet ${m.name} är text`);
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `Resultatfilen passar inte planen för ${doc.year}: ${problems.length} fel; inget har ändrats (results do not match the plan; nothing was changed)`,
      problems,
    );
  }
}

const WRITE_CONCURRENCY = 8;

/** runs `write` over the items with at most WRITE_CONCURRENCY in flight (every item is distinct: no races among them) */
async function inParallel<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await write(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, items.length) }, worker));
}

export async function importResults(repos: Repositories, clock: Clock, doc: ResultsDocument): Promise<ResultsImportResult> {
  await checkAgainstPlan(repos, doc);
  const now = clock.now().toISOString();
  const id = roundId(doc.year, doc.tertial);
  const result: ResultsImportResult = {
    roundId: id,
    roundCreated: false,
    reports: { added: 0, unchanged: 0 },
    assessments: { added: 0, unchanged: 0 },
    measures: { added: 0, unchanged: 0 },
  };
  if (!(await repos.rounds.get(id))) {
    await repos.rounds.create(importedRound(doc.year, doc.tertial, now));
    result.roundCreated = true;
  }
  // one query per round for what is there already; then only the changes are written, a few at a time
  const reports = new Map((await repos.reports.listByRound(id)).filter((r) => r.ownerId === IMPORT_OWNER_ID).map((r) => [r.activityRef, r.current]));
  const assessments = new Map((await repos.assessments.listByRound(id)).map((a) => [a.goalRef, a.current]));
  const isImport = (v: { source: string; by: Actor }) => v.source === 'import' && v.by.id === IMPORT_ACTOR.id;
  const newReports = doc.reports.filter((r) => {
    const current = reports.get(r.activity);
    return !(current && isImport(current) && current.status === r.status && current.comment === r.comment);
  });
  const newAssessments = doc.assessments.filter((a) => {
    const current = assessments.get(a.goal);
    return !(current && isImport(current) && current.assessment === a.assessment && current.comment === a.comment);
  });
  await inParallel(newReports, (r) => {
    const version: ReportVersion = { status: r.status, comment: r.comment, by: IMPORT_ACTOR, at: now, source: 'import' };
    return repos.reports.append(id, r.activity, IMPORT_OWNER_ID, version);
  });
  await inParallel(newAssessments, (a) => {
    const decision: AssessmentDecision = { assessment: a.assessment, comment: a.comment, by: IMPORT_ACTOR, at: now, source: 'import' };
    return repos.assessments.append(id, a.goal, decision);
  });
  const outcomes = new Map((doc.measures.length > 0 ? await repos.outcomes.listByYear(doc.year) : []).map((o) => [`${o.measureRef}|${o.period}`, o.current]));
  const newOutcomes = doc.measures.filter((m) => {
    const current = outcomes.get(`${m.ref}|${m.period}`);
    return !(current && isImport(current) && current.value === m.value && current.comment === m.comment);
  });
  await inParallel(newOutcomes, (m) => {
    const version: OutcomeVersion = { value: m.value, comment: m.comment, by: IMPORT_ACTOR, at: now, source: 'import' };
    return repos.outcomes.append(doc.year, m.ref, m.period, version);
  });
  result.measures = { added: newOutcomes.length, unchanged: doc.measures.length - newOutcomes.length };
  result.reports = { added: newReports.length, unchanged: doc.reports.length - newReports.length };
  result.assessments = { added: newAssessments.length, unchanged: doc.assessments.length - newAssessments.length };
  return result;
}

export async function importResultsFile(repos: Repositories, clock: Clock, bytes: Uint8Array): Promise<ResultsImportResult> {
  const doc = parseResultsDocument(parseJsonText(decodeUtf8(bytes, 'resultatfilen'), 'resultatfilen'));
  return importResults(repos, clock, doc);
}
