/**
 * Owners as an admin manages them in the tab: by unit, assign a person to a unit, and remove a
 * person with the activities they leave behind listed (and which of those nobody else owns), so
 * they can be reassigned. Owners are never deleted: a removed person keeps their record without
 * assignments, so their reports keep a name.
 */
import type { Activity, Actor, Owner, Plan } from '../domain/model';
import type { OwnersOverview, PersonRef, RemovalPreview, UnitOwners } from '../domain/owner-views';
import { TertialError, ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { OwnerRepository } from '../ports/repositories';
import { removeOwners, withAssignmentsEnded, type OwnerRemovalResult } from './owner-removal';
import { activitiesOfOwner, ownersOfActivity } from './ownership';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

export type { OwnersOverview, PersonRef, RemovalPreview, UnitOwners };


const person = (o: Owner): PersonRef => ({ aadObjectId: o.aadObjectId, name: o.name, email: o.email });
const brief = (a: Activity) => ({ ref: a.ref, title: a.title });

export function ownersOverview(plan: Plan | null, owners: readonly Owner[]): OwnersOverview {
  const live = plan ? plan.activities.filter((a) => !a.archived) : [];
  const unitNames = new Set<string>();
  for (const a of live) for (const u of a.units) unitNames.add(u);
  for (const o of owners) for (const u of o.units) unitNames.add(u);
  const units = [...unitNames]
    .sort((a, b) => a.localeCompare(b, 'sv'))
    .map((unit) => ({
      unit,
      owners: owners.filter((o) => o.units.includes(unit)).map(person),
      activities: live.filter((a) => a.units.includes(unit)).map(brief),
    }));
  const year = plan?.meta.year ?? null;
  const byActivity = owners
    .map((o) => ({ ...person(o), activities: live.filter((a) => o.activities.some((x) => x.year === year && x.ref === a.ref)).map(brief) }))
    .filter((o) => o.activities.length > 0);
  const unowned = live.filter((a) => ownersOfActivity(a, owners).length === 0).map((a) => ({ ...brief(a), units: a.units }));
  return { year, units, byActivity, unowned };
}

export interface AssignInput {
  aadObjectId: string;
  name: string;
  email?: string | null;
  unit: string;
}

export class OwnerAdmin {
  constructor(
    private readonly owners: OwnerRepository,
    private readonly clock: Clock,
  ) {}

  /** units with their owners and activities in the year's plan, and the activities nobody owns */
  async overview(plan: Plan | null): Promise<OwnersOverview> {
    return ownersOverview(plan, await this.owners.list());
  }

  /** whether the person answers for a unit or an activity (removed people and strangers do not) */
  async hasAssignments(aadObjectId: string): Promise<boolean> {
    const owner = await this.owners.get(aadObjectId);
    return owner !== null && (owner.units.length > 0 || owner.activities.length > 0);
  }

  /** the person answers for the unit from now on (created if new); nothing changes on bad input */
  async assignUnit(input: AssignInput): Promise<Owner> {
    const id = (input.aadObjectId ?? '').trim().toLowerCase();
    const name = (input.name ?? '').trim();
    const email = input.email ? input.email.trim() : null;
    const unit = (input.unit ?? '').trim();
    const problems: string[] = [];
    if (!GUID.test(id)) problems.push(`Entra-objekt-id: "${input.aadObjectId}" är inget GUID`);
    if (!name) problems.push('namn: saknas');
    if (email && !EMAIL.test(email)) problems.push(`e-post: "${email}" är ingen e-postadress`);
    if (!unit) problems.push('enhet: saknas');
    if (problems.length > 0) throw new ValidationError(`Ogiltig tilldelning: ${problems.join('; ')}`, problems);
    const before = await this.owners.get(id);
    const change = (o: Owner): Owner => ({ ...o, name, email: email ?? o.email, units: o.units.includes(unit) ? o.units : [...o.units, unit] });
    if (before) return this.owners.update(id, change);
    const created: Owner = { aadObjectId: id, name, email, units: [unit], activities: [] };
    await this.owners.upsertMany([created]);
    return created;
  }

  async unassignUnit(aadObjectId: string, unit: string): Promise<Owner> {
    const before = await this.require(aadObjectId);
    if (!before.units.includes(unit)) throw new ValidationError(`${before.name} ansvarar inte för ${unit}`, [`enhet: ${unit} är inte tilldelad ${before.name}`]);
    return this.owners.update(before.aadObjectId, (o) => ({ ...o, units: o.units.filter((u) => u !== unit) }));
  }

  /** what removing the person leaves behind in the year's plan */
  async removalPreview(aadObjectId: string, plan: Plan | null): Promise<RemovalPreview> {
    const owner = await this.require(aadObjectId);
    const others = (await this.owners.list()).filter((o) => o.aadObjectId !== owner.aadObjectId);
    return {
      owner: person(owner),
      units: owner.units,
      activities: (plan ? activitiesOfOwner(owner, plan) : []).map((a) => ({ ...brief(a), units: a.units, otherOwners: ownersOfActivity(a, others).map(person) })),
    };
  }

  /**
   * clears every assignment of the person, as `tertial owners remove` does (owner-removal.ts): no more
   * reminders; reports and history stay; what they had is kept under `removed`, with who and when
   */
  async remove(aadObjectId: string, by: Actor): Promise<Owner> {
    const before = await this.require(aadObjectId);
    const at = this.clock.now().toISOString();
    return this.owners.update(before.aadObjectId, (o) => withAssignmentsEnded(o, by, at));
  }

  /** several people at once, all or nothing (`tertial owners remove`): an unknown id refuses them all */
  removeMany(ids: readonly string[], by: Actor): Promise<OwnerRemovalResult> {
    return removeOwners({ owners: this.owners }, this.clock, ids, by);
  }

  private async require(aadObjectId: string): Promise<Owner> {
    const owner = await this.owners.get((aadObjectId ?? '').trim().toLowerCase());
    if (!owner) throw new TertialError('not-found', `Ingen ägare med id ${aadObjectId}`);
    return owner;
  }
}
