import { operatorPrincipal, personPrincipal } from '../../services/access/access-policy';
import { CollectionService } from '../../services/collection/collection-service';
import { configureLogger } from '../../services/logging/logger';
import { SubstituteService } from '../../services/substitutes/substitute-service';
import { ADMIN, collectionFixture, FRITID, HR, STRANGER } from '../support/collection-fixture';

configureLogger({ level: 'silent' });

const lists = { admins: [ADMIN], ledningsgrupp: [] };
const fritidPerson = personPrincipal({ id: FRITID, name: 'Enhetschef Fritid' }, lists);
const hrPerson = personPrincipal({ id: HR, name: 'HR-chef' }, lists);
const substitute = personPrincipal({ id: STRANGER, name: 'Ingen ägare' }, lists);
const report = { roundId: '2026-T3', activityRef: '3.1.1.1', ownerId: FRITID, status: 'in-progress', comment: 'Rapporterat av ersättaren' };

async function setup() {
  const f = await collectionFixture();
  const collection = new CollectionService(f, f.clock);
  const substitutes = new SubstituteService({ repos: f, clock: f.clock });
  return { ...f, collection, substitutes };
}

describe('substitutes', () => {
  it('an owner hands all their activities to a colleague: the substitute sees them, reports "för" the owner, and the history names both', async () => {
    const { substitutes, collection, reports } = await setup();
    // before the handover the colleague may not report for the owner
    expect(await collection.submit(substitute, report)).toMatchObject({ ok: false, reason: expect.stringContaining('bara rapportera för dig själv') });
    await substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare' });
    const handed = await collection.substituteItems(STRANGER);
    expect(handed.map((h) => [h.ownerName, h.items.map((i) => i.activity.ref)])).toEqual([['Enhetschef Fritid', ['3.1.1.1', '3.1.1.2']]]);
    expect(await collection.mayActFor(substitute, FRITID, '2026-T3', '3.1.1.1')).toBe(true);
    const stored = await collection.submit(substitute, report);
    expect(stored.ok).toBe(true);
    const saved = await reports.get('2026-T3', '3.1.1.1', FRITID);
    expect(saved!.current).toMatchObject({
      status: 'in-progress',
      by: { id: STRANGER, name: 'Ingen ägare' },
      onBehalfOf: { id: FRITID, name: 'Enhetschef Fritid' },
    });
    // the owner's own later report is a new version; the history keeps both names
    expect((await collection.submit(fritidPerson, { ...report, ownerId: undefined, status: 'done', comment: '' })).ok).toBe(true);
    const history = (await reports.get('2026-T3', '3.1.1.1', FRITID))!.history;
    expect(history.map((v) => [v.by.name, v.onBehalfOf?.name ?? null])).toEqual([
      ['Ingen ägare', 'Enhetschef Fritid'],
      ['Enhetschef Fritid', null],
    ]);
  });

  it('one activity only: the substitute may report that one, not the owner’s others', async () => {
    const { substitutes, collection } = await setup();
    await substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare', activityRef: '3.1.1.2' });
    expect((await collection.substituteItems(STRANGER))[0]!.items.map((i) => i.activity.ref)).toEqual(['3.1.1.2']);
    expect((await collection.submit(substitute, { ...report, activityRef: '3.1.1.2' })).ok).toBe(true);
    expect((await collection.submit(substitute, report)).ok).toBe(false);
  });

  it("the owner's own items say which one is handed to whom while the handover lasts", async () => {
    const { substitutes, collection, rounds } = await setup();
    await substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare', activityRef: '3.1.1.2' });
    const marked = async () => (await collection.itemsFor(FRITID, (await rounds.get('2026-T3'))!)).map((i) => [i.activity.ref, i.handedTo?.name ?? null]);
    expect(await marked()).toEqual([
      ['3.1.1.1', null],
      ['3.1.1.2', 'Ingen ägare'],
    ]);
    await substitutes.takeBack(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, activityRef: '3.1.1.2' });
    expect(await marked()).toEqual([
      ['3.1.1.1', null],
      ['3.1.1.2', null],
    ]);
  });

  it("the receipt and the list of a substitute count what is handed to them; the owner's and an admin's all the owner's", async () => {
    const { substitutes, collection, rounds } = await setup();
    const round = (await rounds.get('2026-T3'))!;
    const admin = personPrincipal({ id: ADMIN, name: 'Admin' }, lists);
    expect(collection.handedTo(STRANGER, FRITID, round)).toBeNull();
    await substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare', activityRef: '3.1.1.2' });
    const now = (await rounds.get('2026-T3'))!;
    expect(collection.handedTo(STRANGER, FRITID, now)).toEqual({ ownerName: 'Enhetschef Fritid', activityRefs: ['3.1.1.2'] });
    expect(collection.handedTo(FRITID, FRITID, now)).toBeNull();

    const bySub = await collection.submit(substitute, { ...report, activityRef: '3.1.1.2' });
    if (!bySub.ok) throw new Error(bySub.reason);
    expect(await collection.receiptProgress(STRANGER, bySub.round, bySub.report)).toEqual({ progress: { total: 1, done: 1, nextRef: null }, handedBy: 'Enhetschef Fritid' });
    expect(await collection.receiptProgress(FRITID, bySub.round, bySub.report)).toEqual({ progress: { total: 2, done: 1, nextRef: '3.1.1.1' }, handedBy: null });
    const byAdmin = await collection.submit(admin, { ...report, activityRef: '3.1.1.2', status: 'done' });
    if (!byAdmin.ok) throw new Error(byAdmin.reason);
    expect(await collection.receiptProgress(ADMIN, byAdmin.round, byAdmin.report)).toEqual({ progress: { total: 2, done: 1, nextRef: '3.1.1.1' }, handedBy: null });

    const refs = async (askerId: string) => (await collection.listFor(askerId, FRITID, now)).map((i) => i.activity.ref);
    expect(await refs(STRANGER)).toEqual(['3.1.1.2']);
    expect(await refs(FRITID)).toEqual(['3.1.1.1', '3.1.1.2']);
    expect(await refs(ADMIN)).toEqual(['3.1.1.1', '3.1.1.2']);
  });

  it('the owner takes it back; the substitute’s rights end, the history keeps the entry', async () => {
    const { substitutes, collection, rounds } = await setup();
    await substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare' });
    const ended = await substitutes.takeBack(fritidPerson, { roundId: '2026-T3', ownerId: FRITID });
    expect(ended).toHaveLength(1);
    expect((await collection.submit(substitute, report)).ok).toBe(false);
    expect(await collection.substituteItems(STRANGER)).toEqual([]);
    const stored = (await rounds.get('2026-T3'))!.substitutions!;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ substituteName: 'Ingen ägare', endedBy: { id: FRITID }, endedAt: '2026-11-23T10:00:00.000Z' });
  });

  it('a substitute’s rights end with the round: once it closes they can no longer report, and no new handover is taken', async () => {
    const { substitutes, collection, clock, rounds } = await setup();
    await substitutes.delegate(operatorPrincipal({ id: 'cli:admin', name: 'Controller' }), { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare' });
    expect(await collection.mayActFor(substitute, FRITID, '2026-T3', '3.1.1.1')).toBe(true);
    clock.set('2026-12-12T10:00:00.000Z'); // deadline 4 Dec + 7 grace days: closed
    expect(await collection.mayActFor(substitute, FRITID, '2026-T3', '3.1.1.1')).toBe(false);
    expect(await collection.substituteItems(STRANGER)).toEqual([]);
    expect((await substitutes.list('2026-T3')).active).toEqual([]);
    await expect(substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: HR })).rejects.toThrow(/stängd/);
    // a round closed by an admin ends them too
    clock.set('2026-11-23T10:00:00.000Z');
    await rounds.update('2026-T3', (r) => ({ ...r, state: 'closed', closedAt: '2026-11-23T09:00:00.000Z' }));
    expect(await collection.mayActFor(substitute, FRITID, '2026-T3', '3.1.1.1')).toBe(false);
  });

  it('only the owner or an admin hands over; bad input changes nothing', async () => {
    const { substitutes, rounds } = await setup();
    await expect(substitutes.delegate(hrPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'X' })).rejects.toThrow(/Bara aktivitetens ägare och administratörer/);
    await expect(substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: FRITID })).rejects.toThrow(/sin egen ersättare/);
    await expect(substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, activityRef: '4.1.1' })).rejects.toThrow(/äger inte aktivitet 4.1.1/);
    await expect(substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: 'aad-unknown' })).rejects.toThrow(/okänd/);
    await expect(substitutes.takeBack(fritidPerson, { roundId: '2026-T3', ownerId: FRITID })).rejects.toThrow(/ingen ersättare/);
    expect((await rounds.get('2026-T3'))!.substitutions ?? []).toEqual([]);
  });
});

describe('a substitute gets the reminders and the cards say "för" the owner', () => {
  it('the composer sends a whole handover’s reminder to the substitute, drawn for the owner; a single activity leaves the owner’s', async () => {
    const { createReminderComposer } = await import('../../services/dispatch/reminder-composer');
    const { renderReminderCard } = await import('../../cards/reminder-card');
    const f = await setup();
    const composer = createReminderComposer(f, (items, round, extras) => renderReminderCard(items, round, { ...extras }));
    const owner = (await f.owners.get(FRITID))!;
    const ctx = async () => ({ round: (await f.rounds.get('2026-T3'))!, owner, activities: [], missing: [], wave: 'w7' });
    expect((await composer.compose(await ctx())).deliverTo).toBeUndefined();
    await f.substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare', activityRef: '3.1.1.1' });
    expect((await composer.compose(await ctx())).deliverTo).toBeUndefined();
    await f.substitutes.delegate(fritidPerson, { roundId: '2026-T3', ownerId: FRITID, substituteId: STRANGER, substituteName: 'Ingen ägare' });
    const message = await composer.compose({ ...(await ctx()), wave: 'w2' });
    expect(message.deliverTo).toBe(STRANGER);
    const json = JSON.stringify(message.card);
    expect(json).toContain('Tertialuppföljning T3 2026 för Enhetschef Fritid');
    expect(json).toContain('Du är ersättare för Enhetschef Fritid');
    expect(json).toContain(`"ownerId":"${FRITID}"`);
    // taken back: the owner's own again
    await f.substitutes.takeBack(fritidPerson, { roundId: '2026-T3', ownerId: FRITID });
    expect((await composer.compose({ ...(await ctx()), wave: 'w0' })).deliverTo).toBeUndefined();
  });

  it('the delegera card: a person picker over the Graph users dataset, what to hand over, and what is in force with "Ta tillbaka"', async () => {
    const { renderSubstituteCard } = await import('../../cards/substitute-card');
    const { SUBSTITUTE_VERBS } = await import('../../cards/card-verbs');
    const { fixtureRound } = await import('../support/collection-fixture');
    const card = renderSubstituteCard({
      round: fixtureRound(),
      activities: [{ ref: '3.1.1.1', title: 'Aktivitet ${$root.heading}' }],
      people: [{ id: HR, name: 'HR-chef' }],
      current: [{ ownerId: FRITID, ownerName: 'Enhetschef Fritid', substituteId: HR, substituteName: 'HR-chef', activityRef: null, by: { id: FRITID, name: 'x' }, at: '2026-11-23T10:00:00.000Z', endedAt: null, endedBy: null }],
    }).card;
    const json = JSON.stringify(card);
    expect(card.version).toBe('1.5');
    expect(json).toContain('"choices.data":{"type":"Data.Query","dataset":"graph.microsoft.com/users"}');
    expect(json).toContain('"choices":[{"title":"HR-chef","value":"aad-hr"}]');
    expect(json).toContain('"title":"Alla mina aktiviteter","value":"alla"');
    expect(json).toContain('HR-chef rapporterar för dig: alla dina aktiviteter');
    expect(json).toContain(`"verb":"${SUBSTITUTE_VERBS.end}","data":{"roundId":"2026-T3"},"associatedInputs":"none"`);
    expect(json).toContain(`"verb":"${SUBSTITUTE_VERBS.set}","data":{"roundId":"2026-T3"}`);
    // user text stays literal
    expect(json).not.toContain('Ersättare i T3 2026 Aktivitet');
  });
});
