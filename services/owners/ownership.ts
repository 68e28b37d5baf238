/**
 * Who owns what: an owner owns an activity if one of the owner's units is among the activity's
 * units, or if the activity is assigned to the owner by year and ref. Archived activities have no owners.
 */
import type { OwnerResource } from '../access/access-policy';
import type { Activity, Owner, Plan } from '../domain/model';

export function ownsActivity(owner: Owner, activity: Activity): boolean {
  if (activity.archived) return false;
  if (owner.activities.some((a) => a.year === activity.year && a.ref === activity.ref)) return true;
  return activity.units.some((u) => owner.units.includes(u));
}

export function ownersOfActivity(activity: Activity, owners: readonly Owner[]): Owner[] {
  return owners.filter((o) => ownsActivity(o, activity));
}

export function activitiesOfOwner(owner: Owner, plan: Plan): Activity[] {
  return plan.activities.filter((a) => ownsActivity(owner, a));
}

/** what the access policy needs to know about an owner (and one of the owner's activities) */
export function ownerResource(ownerId: string, owner: Owner | null, activity?: Activity): OwnerResource {
  return {
    ownerId,
    ownerName: owner?.name ?? null,
    activity: activity && { ref: activity.ref, title: activity.title, ownedByOwner: owner !== null && ownsActivity(owner, activity) },
  };
}
