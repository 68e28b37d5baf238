import {
  ACTIONS,
  ROLES,
  decide,
  operatorPrincipal,
  personPrincipal,
  requireAccess,
  rolesOf,
  type Action,
  type OwnerResource,
  type Principal,
  type Role,
} from '../../services/access/access-policy';
import { TertialError } from '../../services/errors';

const SELF = { id: 'aad-self', name: 'Själv' };
const OTHER = 'aad-other';
const none = { admins: [], ledningsgrupp: [] };
const activity = { ref: '3.1.1.1', title: 'Ta fram en plan', ownedByOwner: true };

/** what each role may do, written out here apart from the policy's own table */
const EXPECTED: Record<Action, Record<Role, boolean>> = {
  //                    member owner  substitute ledningsgrupp admin operator
  'items.view':        { member: false, owner: true, substitute: true, ledningsgrupp: false, admin: true, operator: false },
  'report.submit':     { member: false, owner: true, substitute: true, ledningsgrupp: false, admin: true, operator: false },
  'results.import':    { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'assessment.view':   { member: false, owner: false, substitute: false, ledningsgrupp: true, admin: true, operator: true },
  'assessment.decide': { member: false, owner: false, substitute: false, ledningsgrupp: true, admin: true, operator: true },
  'report.export':     { member: false, owner: false, substitute: false, ledningsgrupp: true, admin: true, operator: true },
  'channel.link':      { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'round.publish':     { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'round.view':        { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'round.manage':      { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'reminders.send':    { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'plan.import':       { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'year.export':       { member: false, owner: false, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'measure.report':    { member: false, owner: true, substitute: true, ledningsgrupp: false, admin: true, operator: true },
  'substitute.assign': { member: false, owner: true, substitute: false, ledningsgrupp: false, admin: true, operator: true },
  'summary.write':     { member: false, owner: false, substitute: false, ledningsgrupp: true, admin: true, operator: true },
};

/** a principal and a resource under which the principal holds exactly `role` (besides member) */
function holding(role: Role): { principal: Principal; resource: OwnerResource } {
  const elsewhere: OwnerResource = { ownerId: OTHER, ownerName: 'Annan', activity };
  switch (role) {
    case 'member':
      return { principal: personPrincipal(SELF, none), resource: elsewhere };
    case 'owner':
      return { principal: personPrincipal(SELF, none), resource: { ownerId: SELF.id, activity } };
    case 'substitute':
      return { principal: personPrincipal(SELF, none), resource: { ...elsewhere, substituteIds: [SELF.id] } };
    case 'ledningsgrupp':
      return { principal: personPrincipal(SELF, { admins: [], ledningsgrupp: [SELF.id] }), resource: elsewhere };
    case 'admin':
      return { principal: personPrincipal(SELF, { admins: [SELF.id], ledningsgrupp: [] }), resource: elsewhere };
    case 'operator':
      return { principal: operatorPrincipal({ id: 'cli:ops', name: 'ops' }), resource: elsewhere };
  }
}

describe('the access policy', () => {
  it('has an expectation for every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(ROLES)('gives %s exactly that role (and member, for persons)', (role) => {
    const { principal, resource } = holding(role);
    const roles = rolesOf(principal, resource);
    expect(roles).toContain(role);
    expect(roles.filter((r) => r !== 'member' && r !== role)).toEqual([]);
  });

  const cells = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const));
  it.each(cells)('%s by %s', (action, role) => {
    const { principal, resource } = holding(role);
    const decision = decide(principal, action, resource);
    expect(decision.allowed).toBe(EXPECTED[action][role]);
    if (decision.allowed) expect(decision.role).toBe(role);
    else expect(decision.reason).toMatch(/^(Bara |Du |Kommandoraden kan inte )/);
  });

  it('names who may in a denial', () => {
    const member = personPrincipal(SELF, none);
    expect(decide(member, 'assessment.decide')).toMatchObject({ allowed: false, reason: 'Bara ledningsgruppen och administratörer kan bekräfta eller ändra bedömningar.', error: { code: 'forbidden', id: 'access.denied' } });
    expect(decide(member, 'round.publish')).toMatchObject({ allowed: false, reason: 'Bara administratörer kan publicera.' });
    expect(decide(member, 'channel.link')).toMatchObject({ allowed: false, reason: 'Bara administratörer kan koppla ledningsgruppens kanal.' });
    expect(decide(operatorPrincipal({ id: 'cli', name: 'cli' }), 'report.submit')).toMatchObject({ allowed: false, reason: expect.stringMatching(/Kommandoraden kan inte rapportera/) });
  });

  it('refuses a report for an activity the owner does not own, whoever asks', () => {
    const notOwned = { ...activity, ownedByOwner: false };
    const self = personPrincipal(SELF, none);
    expect(decide(self, 'report.submit', { ownerId: SELF.id, activity: notOwned })).toMatchObject({
      allowed: false,
      reason: 'Du är inte ägare till aktivitet 3.1.1.1 ”Ta fram en plan” och kan inte rapportera den.',
    });
    const admin = personPrincipal(SELF, { admins: [SELF.id], ledningsgrupp: [] });
    expect(decide(admin, 'report.submit', { ownerId: OTHER, ownerName: 'Anna', activity: notOwned })).toMatchObject({
      allowed: false,
      reason: 'Anna är inte ägare till aktivitet 3.1.1.1.',
    });
    expect(decide(self, 'report.submit', { ownerId: OTHER, substituteIds: [SELF.id], activity: notOwned })).toMatchObject({ allowed: false });
    expect(decide(self, 'report.submit', { ownerId: OTHER, activity })).toMatchObject({ allowed: false, reason: 'Du kan bara rapportera för dig själv.', error: { id: 'report.only-yourself' } });
  });

  it('lets an owner see their own items without naming an activity', () => {
    expect(decide(personPrincipal(SELF, none), 'items.view', { ownerId: SELF.id })).toEqual({ allowed: true, role: 'owner' });
    expect(decide(personPrincipal(SELF, none), 'items.view', { ownerId: OTHER })).toMatchObject({ allowed: false, reason: 'Du kan bara se dina egna aktiviteter.' });
  });

  it('throws the reason as a forbidden TertialError for services', () => {
    const member = personPrincipal(SELF, none);
    expect(() => requireAccess(member, 'round.manage')).toThrow(TertialError);
    try {
      requireAccess(member, 'round.manage');
    } catch (e) {
      expect(e).toMatchObject({ code: 'forbidden', message: 'Bara administratörer kan schemalägga och stänga omgångar.' });
    }
    expect(requireAccess(operatorPrincipal({ id: 'system', name: 'Tertial' }), 'round.publish')).toBe('operator');
  });
});
