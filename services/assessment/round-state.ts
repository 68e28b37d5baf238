/**
 * A round's goals as the engine reads them: the plan's KS and economic goals (archived ones left
 * out) with their activities, each carrying the combined status of its owners' reports and their
 * comments. One pass over plan and reports, indexed by ref.
 */
import { combineStatuses } from '../collection/combined-status';
import type { Activity, MeasureOutcome, Owner, Plan, StatusReport } from '../domain/model';
import type { Tertial } from '../domain/vocabulary';
import { periodsForRound } from '../measures/measure-values';
import type { ActivityState, GoalState, MeasureState } from './types';

/** The measures of the plan's live goals per goal, each with the outcome that counts for the round. */
function measureStates(plan: Plan, outcomes: readonly MeasureOutcome[], tertial: Tertial): Map<string, MeasureState[]> {
  const periods = periodsForRound(plan.meta.year, tertial);
  const byKey = new Map(outcomes.filter((o) => o.current.value !== null).map((o) => [`${o.measureRef}\u0000${o.period}`, o]));
  const out = new Map<string, MeasureState[]>();
  for (const m of [...(plan.measures ?? [])].filter((x) => !x.archived).sort((a, b) => a.order - b.order)) {
    const found = periods.map((p) => byKey.get(`${m.ref}\u0000${p}`)).find((o) => o !== undefined);
    const state: MeasureState = {
      ref: m.ref,
      name: m.name,
      unit: m.unit,
      kind: m.kind,
      direction: m.direction,
      baseline: m.baseline,
      target: m.target,
      outcome: found ? { period: found.period, value: found.current.value!, comment: found.current.comment } : null,
    };
    const list = out.get(m.goalRef);
    if (list) list.push(state);
    else out.set(m.goalRef, [state]);
  }
  return out;
}

/**
 * Who wrote a comment, for an activity with several owners: the owner's units that own the activity
 * ("Utbildningsavdelningen / Näringsliv", as the reports write it), else the reporter's name.
 */
function commentBy(report: StatusReport, activity: Activity, owners: ReadonlyMap<string, Owner>): string {
  const units = owners.get(report.ownerId)?.units.filter((u) => activity.units.includes(u)) ?? [];
  return units.length > 0 ? units.join(' / ') : report.current.by.name;
}

/**
 * KS and economic goals, and KF goals that have measures. `measures` gives the outcomes and the
 * round's tertial; without it goals carry their measures with no outcome.
 */
export function goalStates(
  plan: Plan,
  reports: readonly StatusReport[],
  owners: readonly Owner[] = [],
  measures: { outcomes: readonly MeasureOutcome[]; tertial: Tertial } = { outcomes: [], tertial: 3 },
): GoalState[] {
  const measuresByGoal = measureStates(plan, measures.outcomes, measures.tertial);
  const ownerById = new Map(owners.map((o) => [o.aadObjectId, o]));
  const byActivity = new Map<string, StatusReport[]>();
  for (const r of reports) {
    const list = byActivity.get(r.activityRef);
    if (list) list.push(r);
    else byActivity.set(r.activityRef, [r]);
  }
  const byGoal = new Map<string, ActivityState[]>();
  const activities = plan.activities.filter((a) => !a.archived);
  if (!activities.every((a, i) => i === 0 || activities[i - 1]!.order <= a.order)) activities.sort((a, b) => a.order - b.order);
  for (const a of activities) {
    const rs = byActivity.get(a.ref);
    const state: ActivityState = { ref: a.ref, title: a.title, description: a.description, start: a.start, end: a.end, status: null, comments: [] };
    if (rs && rs.length === 1) {
      // the common case, one owner: its status as reported
      const { status, comment } = rs[0]!.current;
      state.status = status;
      const text = comment?.trim();
      if (text) state.comments.push({ by: null, text });
    } else if (rs) {
      state.status = combineStatuses(rs.map((r) => r.current.status)).status;
      for (const r of rs) {
        const text = r.current.comment?.trim();
        if (text) state.comments.push({ by: commentBy(r, a, ownerById), text });
      }
    }
    const list = byGoal.get(a.goalRef);
    if (list) list.push(state);
    else byGoal.set(a.goalRef, [state]);
  }
  return plan.goals
    .filter((g) => !g.archived && (g.kind !== 'kf' || measuresByGoal.has(g.ref)))
    .sort((a, b) => a.order - b.order)
    .map((g) => ({
      ref: g.ref,
      kind: g.kind,
      title: g.title,
      parentRef: g.parentRef,
      activities: byGoal.get(g.ref) ?? [],
      measures: measuresByGoal.get(g.ref) ?? [],
    }));
}
