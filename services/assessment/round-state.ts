/**
 * A round's goals as the engine reads them: the plan's KS and economic goals (archived ones left
 * out) with their activities, each carrying the combined status of its owners' reports and their
 * comments. One pass over plan and reports, indexed by ref.
 */
import { combineStatuses } from '../collection/combined-status';
import type { Activity, Owner, Plan, StatusReport } from '../domain/model';
import type { ActivityState, GoalState } from './types';

/**
 * Who wrote a comment, for an activity with several owners: the owner's units that own the activity
 * ("Utbildningsavdelningen / Näringsliv", as the reports write it), else the reporter's name.
 */
function commentBy(report: StatusReport, activity: Activity, owners: ReadonlyMap<string, Owner>): string {
  const units = owners.get(report.ownerId)?.units.filter((u) => activity.units.includes(u)) ?? [];
  return units.length > 0 ? units.join(' / ') : report.current.by.name;
}

export function goalStates(plan: Plan, reports: readonly StatusReport[], owners: readonly Owner[] = []): GoalState[] {
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
    .filter((g) => !g.archived && g.kind !== 'kf')
    .sort((a, b) => a.order - b.order)
    .map((g) => ({
      ref: g.ref,
      kind: g.kind as 'ks' | 'economic',
      title: g.title,
      parentRef: g.parentRef,
      activities: byGoal.get(g.ref) ?? [],
    }));
}
