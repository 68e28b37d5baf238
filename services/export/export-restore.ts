/**
 * Restores a tertial-export/1 document. Into an empty store it writes back exactly what was
 * exported (histories version by version, archived plan items archived). Into a store that already
 * holds data it never overwrites silently: an item that exists must be identical, and a history
 * in the store must be a prefix of the exported one (the missing tail is appended) or extend it
 * (the store is newer; nothing is written). Results imported from an earlier system that differ only
 * in when they were imported count as the same. Anything else is a conflict: every conflict is
 * listed, one Swedish line per item saying what differs (the store's value, then the export's), and
 * nothing is written. The side-effect sections (conversations, publications, dispatch) follow the
 * rules in side-effects.ts.
 */
import type { Plan, Round } from '../domain/model';
import { TertialError, ValidationError } from '../errors';
import type { Repositories } from '../ports';
import { canonicalJson, samePlanContent } from '../plan/plan-compare';
import { parsePlanDocument } from '../plan/plan-format';
import type { ExportDocument } from './export-format';
import { describeDifference, describeHistoryDifference, shortValue, type ValueFormat } from './restore-diff';
import { planSideEffectsRestore, type SideEffectsCounts } from './side-effects';
import { ASSESSMENT_LABELS, STATUS_LABELS, type AssessmentCode, type StatusCode } from '../domain/vocabulary';

export interface RestoreResult {
  year: number;
  plan: 'written' | 'unchanged' | 'none';
  owners: { added: number; unchanged: number };
  rounds: { added: number; unchanged: number };
  reports: { versionsAdded: number; unchanged: number };
  assessments: { decisionsAdded: number; unchanged: number };
  outcomes: { versionsAdded: number; unchanged: number };
  /** versions of the ledningsgrupp's written Sammanfattning */
  summaries: { versionsAdded: number; unchanged: number };
  /** conversations, channel publications and reminder deliveries written back or already there */
  sideEffects: SideEffectsCounts;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

type Versioned = { by: { id: string }; at: string; source: string };

/**
 * Two versions are the same if equal, or if both were imported from an earlier system by the same
 * import and differ only in when the import ran: the result itself (status, comment, decision) is the
 * same fact. The store keeps its own.
 */
function sameVersion(a: Versioned, b: Versioned): boolean {
  if (same(a, b)) return true;
  return a.source === 'import' && b.source === 'import' && a.by.id === b.by.id && same({ ...a, at: null }, { ...b, at: null });
}

/** the same round, or the same imported round created by another import run */
function sameRound(a: Round, b: Round): boolean {
  return same(a, b) || (a.source === 'import' && b.source === 'import' && same({ ...a, createdAt: null }, { ...b, createdAt: null }));
}

/** How a stored history relates to the exported one: the tail to append, or a conflict. */
function historyTail<T extends Versioned>(stored: T[] | undefined, exported: T[]): T[] | 'conflict' {
  if (!stored) return exported;
  const n = Math.min(stored.length, exported.length);
  for (let i = 0; i < n; i++) if (!sameVersion(stored[i]!, exported[i]!)) return 'conflict';
  return exported.slice(n);
}

function checkDocument(doc: ExportDocument): Plan | null {
  const problems: string[] = [];
  let plan: Plan | null = null;
  if (doc.plan !== null) {
    if (!doc.meta) problems.push('fält "meta": saknas men planen finns');
    try {
      plan = parsePlanDocument(doc.plan, { importedAt: doc.meta?.importedAt });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(...e.details.map((d) => `plan: ${d}`));
    }
  }
  if (plan && plan.meta.year !== doc.year) problems.push(`plan: året ${plan.meta.year} skiljer sig från exportens år ${doc.year}`);
  if (plan && doc.meta && (doc.meta.organisation !== plan.meta.organisation || doc.meta.body !== plan.meta.body || doc.meta.year !== doc.year)) {
    problems.push('fält "meta": stämmer inte med planen');
  }
  const liveGoals = new Set(plan?.goals.map((g) => g.ref));
  const liveActivities = new Set(plan?.activities.map((a) => a.ref));
  for (const g of doc.archived.goals) {
    if (g.year !== doc.year) problems.push(`arkiverat mål ${g.ref}: år ${g.year}, inte ${doc.year}`);
    if (liveGoals.has(g.ref)) problems.push(`arkiverat mål ${g.ref}: finns också i planen`);
  }
  for (const a of doc.archived.activities) {
    if (a.year !== doc.year) problems.push(`arkiverad aktivitet ${a.ref}: år ${a.year}, inte ${doc.year}`);
    if (liveActivities.has(a.ref)) problems.push(`arkiverad aktivitet ${a.ref}: finns också i planen`);
  }
  const liveMeasures = new Set((plan?.measures ?? []).map((m) => m.ref));
  for (const m of doc.archived.measures ?? []) {
    if (m.year !== doc.year) problems.push(`arkiverat mått ${m.ref}: år ${m.year}, inte ${doc.year}`);
    if (liveMeasures.has(m.ref)) problems.push(`arkiverat mått ${m.ref}: finns också i planen`);
  }
  const allMeasures = new Set([...liveMeasures, ...(doc.archived.measures ?? []).map((m) => m.ref)]);
  for (const o of doc.outcomes ?? []) {
    if (o.year !== doc.year) problems.push(`utfall ${o.measureRef}/${o.period}: år ${o.year}, inte ${doc.year}`);
    if (!allMeasures.has(o.measureRef)) problems.push(`utfall ${o.measureRef}/${o.period}: måttet finns inte i exportens plan`);
    if (!same(o.current, o.history[o.history.length - 1])) problems.push(`utfall ${o.measureRef}/${o.period}: current är inte historikens sista version`);
  }
  if (!plan && (doc.archived.goals.length > 0 || doc.archived.activities.length > 0)) problems.push('arkiverade poster utan plan');
  const rounds = new Set(doc.rounds.map((r) => r.id));
  for (const r of doc.rounds) if (r.year !== doc.year) problems.push(`omgång ${r.id}: år ${r.year}, inte ${doc.year}`);
  for (const r of doc.reports) {
    if (!rounds.has(r.roundId)) problems.push(`rapport ${r.roundId}/${r.activityRef}/${r.ownerId}: omgången finns inte i exporten`);
    if (!same(r.current, r.history[r.history.length - 1])) problems.push(`rapport ${r.roundId}/${r.activityRef}/${r.ownerId}: current är inte historikens sista version`);
  }
  for (const a of doc.assessments) {
    if (!rounds.has(a.roundId)) problems.push(`bedömning ${a.roundId}/${a.goalRef}: omgången finns inte i exporten`);
    if (!same(a.current, a.history[a.history.length - 1])) problems.push(`bedömning ${a.roundId}/${a.goalRef}: current är inte historikens sista beslut`);
  }
  for (const s of doc.summaries ?? []) {
    if (!rounds.has(s.roundId)) problems.push(`sammanfattning ${s.roundId}: omgången finns inte i exporten`);
    if (!same(s.current, s.history[s.history.length - 1])) problems.push(`sammanfattning ${s.roundId}: current är inte historikens sista version`);
  }
  if (problems.length > 0) throw new ValidationError(`Exportfilen är inkonsekvent: ${problems.length} fel; inget har ändrats (inconsistent export)`, problems);
  if (!plan) return null;
  return {
    meta: plan.meta,
    goals: [...plan.goals, ...doc.archived.goals],
    activities: [...plan.activities, ...doc.archived.activities],
    measures: [...(plan.measures ?? []), ...(doc.archived.measures ?? [])],
  };
}

export async function restoreExport(repos: Repositories, doc: ExportDocument): Promise<RestoreResult> {
  const plan = checkDocument(doc);
  if ((doc.summaries ?? []).length > 0 && !repos.summaries) {
    throw new TertialError('config', 'Exporten har sammanfattningar, men den här lagringen sparar inga; inget har ändrats.');
  }
  const conflicts: string[] = [];
  const result: RestoreResult = {
    year: doc.year,
    plan: plan ? 'written' : 'none',
    owners: { added: 0, unchanged: 0 },
    rounds: { added: 0, unchanged: 0 },
    reports: { versionsAdded: 0, unchanged: 0 },
    assessments: { decisionsAdded: 0, unchanged: 0 },
    outcomes: { versionsAdded: 0, unchanged: 0 },
    summaries: { versionsAdded: 0, unchanged: 0 },
    sideEffects: { conversations: { added: 0, unchanged: 0 }, publications: { added: 0, unchanged: 0 }, dispatch: { added: 0, unchanged: 0 } },
  };
  const count = new Map<string, number>();
  const conflict = (kind: string, line: string) => {
    conflicts.push(line);
    count.set(kind, (count.get(kind) ?? 0) + 1);
  };

  // 1. compare everything with the store; collect the writes
  if (plan) {
    const stored = await repos.plans.get(doc.year);
    if (stored && samePlanContent(stored, plan)) result.plan = 'unchanged';
    else if (stored) {
      const key = (xs: { ref: string }[]) => new Map(xs.map((x) => [x.ref, x]));
      const diff = (kind: string, a: { ref: string }[], b: { ref: string }[]) => {
        const sa = key(a);
        const sb = key(b);
        for (const ref of new Set([...sa.keys(), ...sb.keys()])) {
          const a = sa.get(ref);
          const b = sb.get(ref);
          if (same(a, b)) continue;
          const label = `plan ${doc.year}, ${kind} ${ref}`;
          conflict('planposter', !a ? `${label}: finns bara i exporten` : !b ? `${label}: finns bara i databasen` : describeDifference(label, a, b));
        }
      };
      diff('mål', stored.goals, plan.goals);
      diff('aktivitet', stored.activities, plan.activities);
      diff('mått', stored.measures ?? [], plan.measures ?? []);
      if (!same({ ...stored.meta, importedAt: null }, { ...plan.meta, importedAt: null })) conflict('planposter', describeDifference(`plan ${doc.year}`, stored.meta, plan.meta, ['importedAt']));
    }
  }
  const newOwners = [];
  for (const o of doc.owners) {
    const stored = await repos.owners.get(o.aadObjectId);
    if (!stored) newOwners.push(o);
    else if (same(stored, o)) result.owners.unchanged++;
    else conflict('ägare', describeDifference(`ägare ${o.aadObjectId} (${o.name})`, stored, o));
  }
  const newRounds = [];
  for (const r of doc.rounds) {
    const stored = await repos.rounds.get(r.id);
    if (!stored) newRounds.push(r);
    else if (sameRound(stored, r)) result.rounds.unchanged++;
    else conflict('omgångar', describeDifference(`omgång ${r.id}`, stored, r));
  }
  const reportTails: { report: ExportDocument['reports'][number]; tail: ExportDocument['reports'][number]['history'] }[] = [];
  for (const r of doc.reports) {
    const stored = await repos.reports.get(r.roundId, r.activityRef, r.ownerId);
    const tail = historyTail(stored?.history, r.history);
    if (tail === 'conflict') conflict('rapporter', describeHistoryDifference(`rapport ${r.roundId}, aktivitet ${r.activityRef}, ägare ${r.ownerId}`, stored!.history, r.history, VERSION_FORMAT, sameVersion));
    else if (tail.length === 0) result.reports.unchanged++;
    else reportTails.push({ report: r, tail });
  }
  const assessmentTails: { assessment: ExportDocument['assessments'][number]; tail: ExportDocument['assessments'][number]['history'] }[] = [];
  for (const a of doc.assessments) {
    const stored = await repos.assessments.get(a.roundId, a.goalRef);
    const tail = historyTail(stored?.history, a.history);
    if (tail === 'conflict') conflict('bedömningar', describeHistoryDifference(`bedömning ${a.roundId}, mål ${a.goalRef}`, stored!.history, a.history, VERSION_FORMAT, sameVersion));
    else if (tail.length === 0) result.assessments.unchanged++;
    else assessmentTails.push({ assessment: a, tail });
  }
  const outcomeTails: { outcome: NonNullable<ExportDocument['outcomes']>[number]; tail: NonNullable<ExportDocument['outcomes']>[number]['history'] }[] = [];
  for (const o of doc.outcomes ?? []) {
    const stored = await repos.outcomes.get(o.year, o.measureRef, o.period);
    const tail = historyTail(stored?.history, o.history);
    if (tail === 'conflict') {
      conflict('utfall', describeHistoryDifference(`utfall ${o.measureRef}, period ${o.period}`, stored!.history, o.history, VERSION_FORMAT, sameVersion));
    }
    else if (tail.length === 0) result.outcomes.unchanged++;
    else outcomeTails.push({ outcome: o, tail });
  }
  const summaryTails: { summary: NonNullable<ExportDocument['summaries']>[number]; tail: NonNullable<ExportDocument['summaries']>[number]['history'] }[] = [];
  for (const s of doc.summaries ?? []) {
    const stored = await repos.summaries!.get(s.roundId);
    const tail = historyTail(stored?.history, s.history);
    if (tail === 'conflict') conflict('sammanfattningar', describeHistoryDifference(`sammanfattning ${s.roundId}`, stored!.history, s.history, VERSION_FORMAT, sameVersion));
    else if (tail.length === 0) result.summaries.unchanged++;
    else summaryTails.push({ summary: s, tail });
  }
  const sideEffects = await planSideEffectsRestore(repos, doc);
  for (const c of sideEffects.conflicts) conflict(c.kind, c.line);
  if (conflicts.length > 0) {
    const parts = [...count].map(([kind, n]) => `${kind} ${n}`).join(', ');
    throw new TertialError(
      'conflict',
      `Exporten skiljer sig från det som redan finns i databasen på ${conflicts.length} ${conflicts.length === 1 ? 'punkt' : 'punkter'} (${parts}); inget har ändrats. ` +
        'Varje skillnad står nedan med databasens värde först. Återställ i en tom databas, eller ta bort det som skiljer först. (conflicts with stored data; nothing was changed)',
      conflicts,
    );
  }

  // 2. write
  if (plan && result.plan === 'written') {
    const measures = plan.measures ?? [];
    const live: Plan = {
      ...plan,
      goals: plan.goals.filter((g) => !g.archived),
      activities: plan.activities.filter((a) => !a.archived),
      measures: measures.filter((m) => !m.archived),
    };
    const hasArchived = live.goals.length !== plan.goals.length || live.activities.length !== plan.activities.length || live.measures!.length !== measures.length;
    // save() writes incoming items live and archives refs it no longer sees: write all, then archive
    if (hasArchived) {
      await repos.plans.save({
        ...plan,
        goals: plan.goals.map((g) => ({ ...g, archived: false })),
        activities: plan.activities.map((a) => ({ ...a, archived: false })),
        measures: measures.map((m) => ({ ...m, archived: false })),
      });
    }
    await repos.plans.save(live);
  }
  if (newOwners.length > 0) await repos.owners.upsertMany(newOwners);
  result.owners.added = newOwners.length;
  for (const r of newRounds) await repos.rounds.create(r);
  result.rounds.added = newRounds.length;
  for (const { report, tail } of reportTails) {
    for (const v of tail) await repos.reports.append(report.roundId, report.activityRef, report.ownerId, v);
    result.reports.versionsAdded += tail.length;
  }
  for (const { assessment, tail } of assessmentTails) {
    for (const d of tail) await repos.assessments.append(assessment.roundId, assessment.goalRef, d);
    result.assessments.decisionsAdded += tail.length;
  }
  for (const { outcome, tail } of outcomeTails) {
    for (const v of tail) await repos.outcomes.append(outcome.year, outcome.measureRef, outcome.period, v);
    result.outcomes.versionsAdded += tail.length;
  }
  for (const { summary, tail } of summaryTails) {
    for (const v of tail) await repos.summaries!.append(summary.roundId, v);
    result.summaries.versionsAdded += tail.length;
  }
  // last: the deliveries and posts refer to the rounds written above
  await sideEffects.write();
  result.sideEffects = sideEffects.counts;
  return result;
}

/** statuses and assessments by their Swedish labels, people by name, times as stored */
const VERSION_FORMAT: ValueFormat = {
  status: (v) => (v === null ? 'ingen status' : STATUS_LABELS[v as StatusCode] ?? shortValue(v)),
  assessment: (v) => ASSESSMENT_LABELS[v as AssessmentCode] ?? shortValue(v),
  by: (v) => shortValue((v as { name?: string }).name ?? v),
};
