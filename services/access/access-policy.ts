/**
 * Who may do what: one table of action × role, asked by every entry point (chat commands, card
 * invokes, the CLI, the tab API) and by the services that act on someone's behalf.
 *
 * How an entry point asks:
 *   1. Resolve who is asking, once per request: `personPrincipal(actor, lists)` for a signed-in person
 *      (admin and ledningsgrupp come from the configured lists), `operatorPrincipal(actor)` for the CLI
 *      and the scheduler.
 *   2. Ask before acting: `decide(principal, 'round.publish')` answers `{ allowed: true, role }` or
 *      `{ allowed: false, reason }` with a Swedish reason to show as is; `requireAccess(...)` throws it
 *      as a TertialError('forbidden') instead, for services.
 *   3. Actions on one owner's work (`items.view`, `report.submit`) pass the resource: the owner it
 *      concerns, that owner's substitutes, and, for one activity, whether that owner owns it. The
 *      caller reads that data (from cached reference data); the policy itself does no I/O.
 *
 * Roles: `member` is any identified person; `owner` and `substitute` are relative to a resource
 * (the person is that owner, or stands in for that owner); `ledningsgrupp` and `admin` are global.
 * `operator` is the CLI and the scheduler: they hold the store's credentials, so a check would not
 * keep them out; the table still says what they do, and they are refused what they never do
 * (acting as an owner from a card).
 */
import type { Actor } from '../domain/model';
import { catalogued, type TertialError } from '../errors';

export const ROLES = ['member', 'owner', 'substitute', 'ledningsgrupp', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'items.view',
  'report.submit',
  'results.import',
  'assessment.view',
  'assessment.decide',
  'report.export',
  'channel.link',
  'round.publish',
  'round.view',
  'round.manage',
  'reminders.send',
  'plan.import',
  'year.export',
  'measure.report',
  'substitute.assign',
  'summary.write',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The permissions: for each action, the roles that may do it. Nothing else grants anything. */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  /** an owner's activities in a round, and the report form of one */
  'items.view': ['owner', 'substitute', 'admin'],
  /** a status and comment on an activity, from a card */
  'report.submit': ['owner', 'substitute', 'admin'],
  /** reports and assessments from a results file */
  'results.import': ['admin', 'operator'],
  /** the goals' proposed and decided assessments of a round */
  'assessment.view': ['ledningsgrupp', 'admin', 'operator'],
  /** confirm or change a goal's assessment */
  'assessment.decide': ['ledningsgrupp', 'admin', 'operator'],
  /** the Målavstämning document of a round */
  'report.export': ['ledningsgrupp', 'admin', 'operator'],
  /** make a channel the ledningsgrupp's */
  'channel.link': ['admin', 'operator'],
  /** post or update the round's cards in the ledningsgrupp channel */
  'round.publish': ['admin', 'operator'],
  /** the rounds and their progress: who reported, who is missing, reminders */
  'round.view': ['admin', 'operator'],
  /** create, change, close and cancel rounds */
  'round.manage': ['admin', 'operator'],
  /** a reminder now, outside the scheduled waves */
  'reminders.send': ['admin', 'operator'],
  /** the plan and the owners: import, remove an owner who left */
  'plan.import': ['admin', 'operator'],
  /** a year's data as one file */
  'year.export': ['admin', 'operator'],
  /** an outcome of a measure: its owner (the resource's ownerId is the measure's), their substitute, an admin */
  'measure.report': ['owner', 'substitute', 'admin', 'operator'],
  /** hand an owner's activities to a substitute for a round, or take them back: the owner, an admin */
  'substitute.assign': ['owner', 'admin', 'operator'],
  /** write the round's Sammanfattning (chapter 5 of the report) */
  'summary.write': ['ledningsgrupp', 'admin', 'operator'],
};

/** what each action is, in Swedish, to complete "Bara … kan …" */
const ACTION_PHRASES: Readonly<Record<Action, string>> = {
  'items.view': 'se en ägares aktiviteter',
  'report.submit': 'rapportera status på en aktivitet',
  'results.import': 'importera resultat',
  'assessment.view': 'se och bekräfta bedömningar',
  'assessment.decide': 'bekräfta eller ändra bedömningar',
  'report.export': 'hämta målavstämningen',
  'channel.link': 'koppla ledningsgruppens kanal',
  'round.publish': 'publicera',
  'round.view': 'följa omgångarna',
  'round.manage': 'schemalägga och stänga omgångar',
  'reminders.send': 'skicka påminnelser',
  'plan.import': 'ändra plan och ägare',
  'year.export': 'exportera ett år',
  'measure.report': 'rapportera utfall för ett mått',
  'substitute.assign': 'lämna över en ägares aktiviteter till en ersättare',
  'summary.write': 'skriva omgångens sammanfattning',
};

/** how a denial names a role (persons are told who may; the operator is no one they can become) */
const ROLE_NAMES: Readonly<Record<Role, string | null>> = {
  member: 'alla',
  owner: 'aktivitetens ägare',
  substitute: 'ägarens ersättare',
  ledningsgrupp: 'ledningsgruppen',
  admin: 'administratörer',
  operator: null,
};

/** the configured role lists (TERTIAL_ADMINS, TERTIAL_LEDNINGSGRUPP) */
export interface AccessLists {
  admins: readonly string[];
  ledningsgrupp: readonly string[];
}

/** who asks: a signed-in person with the global roles resolved, or the operator (CLI, scheduler) */
export type Principal =
  | { kind: 'person'; actor: Actor; admin: boolean; ledningsgrupp: boolean }
  | { kind: 'operator'; actor: Actor };

/** the owner an action concerns; for one activity, also whether that owner owns it */
export interface OwnerResource {
  ownerId: string;
  /** shown in a denial ("X är inte ägare …"); the id otherwise */
  ownerName?: string | null;
  /** persons who stand in for this owner */
  substituteIds?: readonly string[];
  activity?: { ref: string; title: string; ownedByOwner: boolean };
}

/** a denial's reason is a catalogued refusal (services/errors.ts): `error` carries its id and code */
export type Decision = { allowed: true; role: Role } | { allowed: false; reason: string; error: TertialError };

export function personPrincipal(actor: Actor, lists: AccessLists): Principal {
  return { kind: 'person', actor, admin: lists.admins.includes(actor.id), ledningsgrupp: lists.ledningsgrupp.includes(actor.id) };
}

export function operatorPrincipal(actor: Actor): Principal {
  return { kind: 'operator', actor };
}

/** the roles a principal holds, for a resource when the action concerns one */
export function rolesOf(principal: Principal, resource?: OwnerResource): Role[] {
  if (principal.kind === 'operator') return ['operator'];
  const roles: Role[] = ['member'];
  if (resource) {
    if (resource.ownerId === principal.actor.id) {
      if (resource.activity?.ownedByOwner !== false) roles.push('owner');
    }
    else if (resource.substituteIds?.includes(principal.actor.id)) roles.push('substitute');
  }
  if (principal.ledningsgrupp) roles.push('ledningsgrupp');
  if (principal.admin) roles.push('admin');
  return roles;
}

/** may this principal do this action (on this resource)? A denial carries a Swedish reason. */
export function decide(principal: Principal, action: Action, resource?: OwnerResource): Decision {
  const granted = PERMISSIONS[action];
  const role = rolesOf(principal, resource).find((r) => granted.includes(r));
  if (!role) return denied(denial(principal, action, resource));
  // an activity is reported and shown only for an owner who owns it, whoever asks
  if (resource?.activity && !resource.activity.ownedByOwner && principal.kind === 'person') return denied(notOwner(principal, resource));
  return { allowed: true, role };
}

export function isAllowed(principal: Principal, action: Action, resource?: OwnerResource): boolean {
  return decide(principal, action, resource).allowed;
}

/** for services: throws TertialError('forbidden') with the Swedish reason when denied */
export function requireAccess(principal: Principal, action: Action, resource?: OwnerResource): Role {
  const decision = decide(principal, action, resource);
  if (!decision.allowed) throw decision.error;
  return decision.role;
}

const denied = (error: TertialError): Decision => ({ allowed: false, reason: error.message, error });

function notOwner(principal: Principal, resource: OwnerResource): TertialError {
  const activity = resource.activity!;
  return resource.ownerId === principal.actor.id
    ? catalogued('report.not-owner', { ref: activity.ref, title: activity.title })
    : catalogued('report.other-not-owner', { name: resource.ownerName ?? 'Den ägaren', ref: activity.ref });
}

function denial(principal: Principal, action: Action, resource?: OwnerResource): TertialError {
  if (principal.kind === 'operator') return catalogued('access.not-for-operator', { what: ACTION_PHRASES[action] });
  if (action === 'report.submit' || action === 'items.view') {
    if (resource && resource.ownerId === principal.actor.id && resource.activity) return notOwner(principal, resource);
    return action === 'report.submit' ? catalogued('report.only-yourself', {}) : catalogued('access.own-items-only', {});
  }
  const names = PERMISSIONS[action].map((r) => ROLE_NAMES[r]).filter((n): n is string => n !== null);
  const who = names.length > 1 ? `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}` : names[0]!;
  return catalogued('access.denied', { who, what: ACTION_PHRASES[action] });
}
