/**
 * Who gets a wave. The first wave: every owner with live activities in the round's year plan. Later
 * waves (and "påminn nu"): only owners with something still unreported, i.e. an activity of theirs
 * with no report of their own in this round (each owner of a shared activity reports separately).
 */
import type { Activity, Owner, Plan, StatusReport } from '../domain/model';
import { ownersWithActivities } from '../owners/ownership';

export interface Recipient {
  owner: Owner;
  activities: Activity[];
  /** the owner's activities without a report from them yet */
  missing: Activity[];
}

export type ReportedSet = ReadonlySet<string>;

const reportKey = (activityRef: string, ownerId: string) => `${activityRef}\u0000${ownerId}`;

/** the (activity, owner) pairs that have a report with a status in this round */
export function reportedSet(reports: readonly StatusReport[]): ReportedSet {
  return new Set(reports.filter((r) => r.current.status !== null).map((r) => reportKey(r.activityRef, r.ownerId)));
}

export function missingFor(ownerId: string, activities: readonly Activity[], reported: ReportedSet): Activity[] {
  return activities.filter((a) => !reported.has(reportKey(a.ref, ownerId)));
}

export function roundRecipients(plan: Plan | null, owners: readonly Owner[], reports: readonly StatusReport[]): Recipient[] {
  if (!plan) return [];
  const reported = reportedSet(reports);
  return ownersWithActivities(plan, owners).map(({ owner, activities }) => ({
    owner,
    activities,
    missing: missingFor(owner.aadObjectId, activities, reported),
  }));
}
