/**
 * Removing people who have left: their assignments end at once (units and activities emptied, what they
 * were kept under `removed`), so they own nothing, get no reminders and cannot report; their earlier
 * reports stay. Their activities show as without owner in a round's progress until someone is assigned.
 * Nothing is deleted. Every id is checked before anything is written: all or nothing.
 */
import type { Actor, Owner } from '../domain/model';
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { OwnerRepository } from '../ports/repositories';

export interface OwnerRemovalResult {
  /** the owners as stored after their removal */
  removed: Owner[];
  /** ids of people already removed (nothing written for them) */
  alreadyRemoved: string[];
}

/** the owner with every assignment ended; an owner already removed is returned unchanged */
export function withAssignmentsEnded(owner: Owner, by: Actor, at: string): Owner {
  if (owner.removed && owner.units.length === 0 && owner.activities.length === 0) return owner;
  return { ...owner, units: [], activities: [], removed: { at, by, units: owner.units, activities: owner.activities } };
}

export const isRemoved = (owner: Owner): boolean => Boolean(owner.removed);

export async function removeOwners(repos: { owners: OwnerRepository }, clock: Clock, ids: readonly string[], by: Actor): Promise<OwnerRemovalResult> {
  const wanted = [...new Set(ids.map((id) => id.trim().toLowerCase()))];
  const found = await Promise.all(wanted.map((id) => repos.owners.get(id)));
  const unknown = wanted.filter((_, i) => !found[i]);
  if (unknown.length > 0) {
    throw new ValidationError(
      `${unknown.length === 1 ? 'Personen finns' : `${unknown.length} personer finns`} inte bland ägarna; inget har ändrats (unknown owner)`,
      unknown.map((id) => `aadObjectId ${id}: ingen ägare med det id:t`),
    );
  }
  const at = clock.now().toISOString();
  const result: OwnerRemovalResult = { removed: [], alreadyRemoved: [] };
  for (const owner of found as Owner[]) {
    if (isRemoved(owner) && owner.units.length === 0 && owner.activities.length === 0) {
      result.alreadyRemoved.push(owner.aadObjectId);
      continue;
    }
    result.removed.push(await repos.owners.update(owner.aadObjectId, (current) => withAssignmentsEnded(current, by, at)));
  }
  return result;
}
