/** Everything of one year as a tertial-export/1 document (see export-format.ts). Read-only. */
import type { GoalAssessment, Owner, Plan, StatusReport } from '../domain/model';
import { ownsActivity } from '../owners/ownership';
import type { Repositories } from '../ports';
import { toPlanDocument } from '../plan/plan-format';
import { EXPORT_FORMAT, type ExportDocument } from './export-format';
import { exportSideEffects } from './side-effects';

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * Owners who matter for the year: owning one of its activities (archived too), having reported in its
 * rounds, or having owned one before they were removed.
 */
function ownersOfYear(owners: Owner[], plan: Plan | null, reports: StatusReport[], year: number): Owner[] {
  const reporters = new Set(reports.map((r) => r.ownerId));
  const activities = (plan?.activities ?? []).map((a) => ({ ...a, archived: false }));
  const owned = (o: Pick<Owner, 'units' | 'activities'>) => o.activities.some((a) => a.year === year) || activities.some((a) => ownsActivity({ ...o, aadObjectId: '', name: '', email: null }, a));
  return owners.filter((o) => reporters.has(o.aadObjectId) || owned(o) || (o.removed ? owned(o.removed) : false));
}

export async function exportYear(repos: Repositories, year: number): Promise<ExportDocument> {
  const plan = await repos.plans.get(year);
  const rounds = (await repos.rounds.list()).filter((r) => r.year === year).sort(byKey((r) => r.id));
  const reports: StatusReport[] = [];
  const assessments: GoalAssessment[] = [];
  for (const r of rounds) {
    reports.push(...(await repos.reports.listByRound(r.id)));
    assessments.push(...(await repos.assessments.listByRound(r.id)));
  }
  reports.sort(byKey((r) => `${r.roundId}\u0000${r.activityRef}\u0000${r.ownerId}`));
  assessments.sort(byKey((a) => `${a.roundId}\u0000${a.goalRef}`));
  const summaries = [];
  if (repos.summaries) for (const r of rounds) summaries.push(...[await repos.summaries.get(r.id)].filter((s) => s !== null));
  const owners = ownersOfYear(await repos.owners.list(), plan, reports, year).sort(byKey((o) => o.aadObjectId));
  const sideEffects = await exportSideEffects(
    repos,
    rounds.map((r) => r.id),
    new Set(owners.map((o) => o.aadObjectId)),
  );
  return {
    format: EXPORT_FORMAT,
    year,
    meta: plan ? plan.meta : null,
    plan: plan ? toPlanDocument(plan) : null,
    archived: {
      goals: (plan?.goals ?? []).filter((g) => g.archived),
      activities: (plan?.activities ?? []).filter((a) => a.archived),
      ...((plan?.measures ?? []).some((m) => m.archived) ? { measures: plan!.measures!.filter((m) => m.archived) } : {}),
    },
    owners,
    rounds,
    reports,
    assessments,
    outcomes: (await repos.outcomes.listByYear(year)).sort(byKey((o) => `${o.measureRef}\u0000${o.period}`)),
    ...(summaries.length > 0 ? { summaries } : {}),
    ...sideEffects,
  };
}
