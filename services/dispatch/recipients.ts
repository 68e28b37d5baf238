/**
 * Who gets a wave. The first wave: every owner with live activities in the round's year plan. Later
 * waves (and "påminn nu"): only owners with something still unreported, i.e. an activity of theirs
 * with no report of their own in this round (each owner of a shared activity reports separately).
 */
import type { Activity, Owner, Plan, StatusReport } from '../domain/model';

export interface Recipient {
  owner: Owner;
  activities: Activity[];
  /** the owner's activities without a report from them yet */
  missing: Activity[];
  /**
   * whose outbox entry this delivery is: the owner's id, or for the part of the owner's activities
   * handed to a substitute, handoverKey(owner, substitute) (the substitute gets a reminder of its own)
   */
  key?: string;
  /** the substitute this part goes to, "för" the owner: `activities` are the ones handed to them */
  substitute?: { id: string; name: string };
  /** `activities` are a part of the owner's (the rest is handed to substitutes): the reminder lists only these */
  part?: boolean;
  /** the owner has a measure (mått) without an outcome for the round's period: due even with nothing else open */
  measuresOpen?: boolean;
}

export { handoverKey } from '../ports/outbox';

/** how a recipient is named in the wave's problems */
export const recipientName = (r: Recipient) => (r.substitute ? `${r.substitute.name} (för ${r.owner.name})` : r.owner.name);

/** the key of a recipient's outbox entry */
export const recipientKey = (r: Recipient) => r.key ?? r.owner.aadObjectId;

export type ReportedSet = ReadonlySet<string>;

const reportKey = (activityRef: string, ownerId: string) => `${activityRef}\u0000${ownerId}`;

/** the (activity, owner) pairs that have a report with a status in this round */
export function reportedSet(reports: readonly StatusReport[]): ReportedSet {
  return new Set(reports.filter((r) => r.current.status !== null).map((r) => reportKey(r.activityRef, r.ownerId)));
}

export function missingFor(ownerId: string, activities: readonly Activity[], reported: ReportedSet): Activity[] {
  return activities.filter((a) => !reported.has(reportKey(a.ref, ownerId)));
}

/**
 * Ownership as ownership.ts defines it (an owner owns an activity through one of its units or
 * by assignment; archived activities have no owners), indexed by unit and ref so that 10,000 owners ×
 * 10,000 activities is linear, not quadratic. activityIndex indexes the plan once and answers per owner
 * (the dispatcher feeds owners page by page as they are read).
 */
export function activityIndex(plan: Plan): (owner: Pick<Owner, 'units' | 'activities'>) => Activity[] {
  const live = plan.activities.filter((a) => !a.archived);
  const position = new Map(live.map((a, i) => [a, i]));
  const byUnit = new Map<string, Activity[]>();
  const byRef = new Map<string, Activity>();
  for (const a of live) {
    byRef.set(`${a.year}\u0000${a.ref}`, a);
    for (const u of a.units) {
      const list = byUnit.get(u);
      if (list) list.push(a);
      else byUnit.set(u, [a]);
    }
  }
  return (owner) => {
    const mine = new Set<Activity>();
    for (const u of owner.units) for (const a of byUnit.get(u) ?? []) mine.add(a);
    for (const x of owner.activities) {
      const a = byRef.get(`${x.year}\u0000${x.ref}`);
      if (a) mine.add(a);
    }
    return [...mine].sort((a, b) => position.get(a)! - position.get(b)!);
  };
}

export function indexedOwnersWithActivities<O extends Pick<Owner, 'units' | 'activities'>>(plan: Plan, owners: readonly O[]): { owner: O; activities: Activity[] }[] {
  const activitiesOf = activityIndex(plan);
  const result: { owner: O; activities: Activity[] }[] = [];
  for (const owner of owners) {
    const activities = activitiesOf(owner);
    if (activities.length > 0) result.push({ owner, activities });
  }
  return result;
}

export function roundRecipients(plan: Plan | null, owners: readonly Owner[], reports: readonly StatusReport[]): Recipient[] {
  if (!plan) return [];
  const reported = reportedSet(reports);
  return indexedOwnersWithActivities(plan, owners).map(({ owner, activities }) => ({
    owner,
    activities,
    missing: missingFor(owner.aadObjectId, activities, reported),
  }));
}
