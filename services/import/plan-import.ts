/**
 * Importing a year's plan: validate everything first (parsePlanFile), then save by ref
 * (PlanRepository.save: new refs added, known refs updated, missing refs archived, nothing deleted;
 * reports are untouched, so reports of activities that still exist are kept).
 * A plan identical to the stored one (import time aside) is not written at all.
 */
import type { Plan } from '../domain/model';
import type { Clock } from '../ports/clock';
import type { PlanSaveSummary, Repositories } from '../ports';
import { parsePlanFile } from '../plan/plan-input';
import { canonicalJson, samePlanContent } from '../plan/plan-compare';
import { ValidationError } from '../errors';

export interface PlanImportResult {
  summary: PlanSaveSummary;
  /** false when the stored plan already said exactly this */
  written: boolean;
}

/** The plan as it would be stored after the import: incoming live, the rest archived. */
function merged(incoming: Plan, existing: Plan | null): Plan {
  if (!existing) return incoming;
  const goalRefs = new Set(incoming.goals.map((g) => g.ref));
  const activityRefs = new Set(incoming.activities.map((a) => a.ref));
  const measureRefs = new Set((incoming.measures ?? []).map((m) => m.ref));
  return {
    meta: incoming.meta,
    goals: [...incoming.goals, ...existing.goals.filter((g) => !goalRefs.has(g.ref)).map((g) => ({ ...g, archived: true }))],
    activities: [...incoming.activities, ...existing.activities.filter((a) => !activityRefs.has(a.ref)).map((a) => ({ ...a, archived: true }))],
    measures: [...(incoming.measures ?? []), ...(existing.measures ?? []).filter((m) => !measureRefs.has(m.ref)).map((m) => ({ ...m, archived: true }))],
  };
}

/**
 * A plan file that has no measures at all says nothing about them (plan CSV has no measure columns;
 * measures may come from the measures CSV): the stored live measures of goals still in the plan stay.
 */
function keepMeasures(plan: Plan, existing: Plan | null): Plan {
  if (plan.measures !== undefined || !existing?.measures?.length) return plan;
  const goals = new Set(plan.goals.map((g) => g.ref));
  const kept = existing.measures.filter((m) => !m.archived && goals.has(m.goalRef));
  return kept.length > 0 ? { ...plan, measures: kept } : plan;
}

export async function importPlan(repos: Pick<Repositories, 'plans'>, incoming: Plan): Promise<PlanImportResult> {
  const existing = await repos.plans.get(incoming.meta.year);
  const plan = keepMeasures(incoming, existing);
  if (existing && samePlanContent(existing, merged(plan, existing))) {
    const n = (xs: { archived: boolean }[]) => xs.filter((x) => !x.archived).length;
    return {
      written: false,
      summary: {
        year: plan.meta.year,
        goals: { added: 0, updated: 0, archived: 0, unchanged: n(plan.goals) },
        activities: { added: 0, updated: 0, archived: 0, unchanged: n(plan.activities) },
        measures: { added: 0, updated: 0, archived: 0, unchanged: n(plan.measures ?? []) },
      },
    };
  }
  const summary = await repos.plans.save(plan);
  return { written: true, summary: existing ? countContentChanges(summary, plan, existing) : summary };
}

/**
 * The store counts an item whose position (order) moved as updated; for people, "updated" means
 * its content changed. Position-only changes are counted as unchanged.
 */
function countContentChanges(summary: PlanSaveSummary, plan: Plan, existing: Plan): PlanSaveSummary {
  const recount = <T extends { ref: string; order: number; archived: boolean }>(incoming: T[], before: T[], counts: PlanSaveSummary['goals']) => {
    const known = new Map(before.map((x) => [x.ref, x]));
    let updated = 0;
    for (const item of incoming) {
      const old = known.get(item.ref);
      if (old && canonicalJson({ ...old, order: 0, archived: false }) !== canonicalJson({ ...item, order: 0, archived: false })) updated++;
    }
    const present = counts.updated + counts.unchanged;
    return { ...counts, updated, unchanged: present - updated };
  };
  return {
    year: summary.year,
    goals: recount(plan.goals, existing.goals, summary.goals),
    activities: recount(plan.activities, existing.activities, summary.activities),
    ...(summary.measures ? { measures: recount(plan.measures ?? [], existing.measures ?? [], summary.measures) } : {}),
  };
}

export async function importPlanFile(repos: Pick<Repositories, 'plans'>, clock: Clock, bytes: Uint8Array): Promise<PlanImportResult> {
  return importPlan(repos, parsePlanFile(bytes, clock.now().toISOString()));
}

export type PlanImportPreview =
  | { ok: true; year: number; goals: PlanSaveSummary['goals']; activities: PlanSaveSummary['activities'] }
  | { ok: false; message: string; errors: string[] };

/**
 * What importing the file would do, without writing: the same parsing and the same counts as the
 * import (content changes only), or every problem the import would refuse it for.
 */
export async function previewPlanImport(repos: Pick<Repositories, 'plans'>, clock: Clock, bytes: Uint8Array): Promise<PlanImportPreview> {
  let plan: Plan;
  try {
    plan = parsePlanFile(bytes, clock.now().toISOString());
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, message: e.message, errors: e.details.length > 0 ? e.details : [e.message] };
    throw e;
  }
  const existing = await repos.plans.get(plan.meta.year);
  const count = <T extends { ref: string; order: number; archived: boolean }>(incoming: T[], before: T[]) => {
    const known = new Map(before.map((x) => [x.ref, x]));
    const seen = new Set(incoming.map((x) => x.ref));
    const counts = { added: 0, updated: 0, archived: 0, unchanged: 0 };
    for (const item of incoming) {
      const old = known.get(item.ref);
      if (!old) counts.added++;
      else if (canonicalJson({ ...old, order: 0, archived: false }) === canonicalJson({ ...item, order: 0, archived: false })) counts.unchanged++;
      else counts.updated++;
    }
    counts.archived = before.filter((x) => !x.archived && !seen.has(x.ref)).length;
    return counts;
  };
  return {
    ok: true,
    year: plan.meta.year,
    goals: count(plan.goals, existing?.goals ?? []),
    activities: count(plan.activities, existing?.activities ?? []),
  };
}
