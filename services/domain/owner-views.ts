/**
 * What an admin's owner views show (owners by unit, what removing a person leaves behind) and what
 * the handover form shows for one owner: plain data, no behaviour, and no Node types, so the tab's
 * browser build shares these declarations through tab/api/tab-contract.ts. Built by
 * services/owners/owner-admin.ts and services/substitutes/substitute-service.ts.
 */
import type { Round, Substitution } from './model';

export interface PersonRef {
  aadObjectId: string;
  name: string;
  email: string | null;
}

export interface UnitOwners {
  unit: string;
  owners: PersonRef[];
  /** live activities of the year's plan that carry this unit */
  activities: { ref: string; title: string }[];
}

export interface OwnersOverview {
  year: number | null;
  units: UnitOwners[];
  /** people assigned single activities (by ref) rather than a unit */
  byActivity: (PersonRef & { activities: { ref: string; title: string }[] })[];
  /** live activities nobody owns */
  unowned: { ref: string; title: string; units: string[] }[];
}

export interface RemovalPreview {
  owner: PersonRef;
  units: string[];
  activities: { ref: string; title: string; units: string[]; otherOwners: PersonRef[] }[];
}

/** What the handover form shows for one owner. */
export interface HandoverChoices {
  /** the round a handover is for (roundForHandover); null when none is open or coming */
  round: Round | null;
  owner: { id: string; name: string };
  /** the owner's live activities in that round's plan */
  activities: { ref: string; title: string }[];
  /** the owner's handovers in force in that round */
  active: Substitution[];
  /** colleagues to hand over to: every other owner not removed, by name */
  people: { id: string; name: string }[];
}
