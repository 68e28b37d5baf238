/**
 * The progress view's projections read the same facts as the whole-document reads they stand in for,
 * through the real SDK against the embedded server (whose result pages go through the linear helper).
 */
import { runCli } from '../../cli/run-cli';
import type { Owner } from '../../services/domain/model';
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import type { OutboxEntry } from '../../services/ports/outbox';
import { FakeTimer } from '../../services/ports/scheduler';
import { loadRoundProgress } from '../../services/rounds/round-progress';
import { makePlan, makeRound, RecordingMessenger } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { plainReminderComposer } from '../support/plain-reminder-composer';

configureLogger({ level: 'silent' });

const ROUND = '2026-T3';
const AT = '2026-11-23T09:00:00.000Z';

describe('progress projections (embedded Cosmos DB, real SDK)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
    const owners: Owner[] = [
      { aadObjectId: 'o-1', name: 'Örjan', email: 'o@example.org', units: ['Fritid'], activities: [] },
      { aadObjectId: 'o-2', name: 'Anna', email: null, units: [], activities: [{ year: 2026, ref: '1.1.1' }] },
      { aadObjectId: 'o-3', name: 'Åsa', email: null, units: ['Skola'], activities: [] },
    ];
    await t.store.owners.upsertMany(owners);
    await t.store.reports.append(ROUND, '1.1.1', 'o-2', { status: 'done', comment: 'klart', by: { id: 'o-2', name: 'Anna' }, at: AT, source: 'teams' });
    await t.store.reports.append(ROUND, '1.1.1', 'o-2', { status: 'on-hold', comment: 'nej', by: { id: 'o-2', name: 'Anna' }, at: '2026-11-24T09:00:00.000Z', source: 'teams' });
    await t.store.reports.append('2026-T2', '1.1.1', 'o-1', { status: 'done', comment: null, by: { id: 'o-1', name: 'Örjan' }, at: AT, source: 'teams' });
    const entry = (ownerId: string, state: OutboxEntry['state'], reason: string | null): OutboxEntry => ({
      id: `w14:${ownerId}`, roundId: ROUND, wave: 'w14', ownerId, state, leaseOwner: null, leaseUntil: null,
      attempts: [{ at: AT, status: state === 'sent' ? 201 : 403, outcome: state === 'sent' ? 'sent' : 'unreachable', reason }], takeovers: 0,
      possibleDuplicate: false, claimedAt: AT, updatedAt: AT, sentAt: state === 'sent' ? AT : null, activityId: null, reason,
    });
    await t.store.outbox.claimNew(entry('o-1', 'sent', null));
    await t.store.outbox.claimNew(entry('o-3', 'unreachable', 'HTTP 403 MessageWritesBlocked'));
  });
  afterAll(async () => t.close());

  it('owner assignments: every owner, by Swedish name order, without the change marker', async () => {
    const full = await t.store.owners.list();
    const slim = await t.store.owners.listAssignments!();
    expect(slim.map((o) => o.name)).toEqual(['Anna', 'Åsa', 'Örjan']);
    expect(slim).toEqual(full.map(({ aadObjectId, name, units, activities }) => ({ aadObjectId, name, units, activities })));
  });

  it("current reports: the round's only, each with its latest status and time", async () => {
    const slim = await t.store.reports.listCurrentByRound!(ROUND);
    expect(slim).toEqual([{ activityRef: '1.1.1', ownerId: 'o-2', current: { status: 'on-hold', at: '2026-11-24T09:00:00.000Z' } }]);
  });

  it('deliveries: the same fields as the whole entries', async () => {
    const full = await t.store.outbox.listRound(ROUND);
    const slim = await t.store.outbox.listDeliveries!(ROUND);
    const pick = (e: OutboxEntry) => ({ ownerId: e.ownerId, wave: e.wave, state: e.state, sentAt: e.sentAt, updatedAt: e.updatedAt, attempts: e.attempts, reason: e.reason, possibleDuplicate: e.possibleDuplicate });
    const byOwner = (a: { ownerId: string }, b: { ownerId: string }) => a.ownerId.localeCompare(b.ownerId);
    expect(slim.length).toBe(2);
    expect([...slim].sort(byOwner)).toEqual(full.map(pick).sort(byOwner));
  });

  it("a substitute's reminder for part of an owner's activities counts under the owner, naming the substitute", async () => {
    // 2027: owner s-0 answers for 1.1.1 and 1.1.3 and has handed 1.1.3 to s-1 for the round; s-1 answers for 1.1.2
    const clock = new FakeClock('2027-04-02T08:00:00Z'); // the first wave (w28)
    await t.store.plans.save(makePlan(2027, 3));
    await t.store.owners.upsertMany([
      { aadObjectId: 's-0', name: 'Sara', email: null, units: ['Enhet 0', 'Enhet 2'], activities: [] },
      { aadObjectId: 's-1', name: 'Sune', email: null, units: ['Enhet 1'], activities: [] },
    ]);
    const by = { id: 's-0', name: 'Sara' };
    const round = makeRound({ id: '2027-T1', year: 2027, deadline: '2027-04-30' });
    await t.store.rounds.create({ ...round, substitutions: [{ ownerId: 's-0', ownerName: 'Sara', substituteId: 's-1', substituteName: 'Sune', activityRef: '1.1.3', by, at: '2027-03-30T08:00:00.000Z', endedAt: null, endedBy: null }] });
    const messenger = new RecordingMessenger();
    // Sara's own reminder does not arrive; the part handed to Sune does
    messenger.respond = (id) => (id === 's-0' ? { outcome: 'unreachable', status: 403, reason: 'HTTP 403 MessageWritesBlocked' } : { outcome: 'sent', activityId: 'a', conversationId: 'c' });
    const [wave] = await new Dispatcher({ ...t.store, messenger, composer: plainReminderComposer, clock, timer: new FakeTimer(clock) }).tick();
    expect(wave).toMatchObject({ wave: 'w28', recipients: 3, sent: 2, unreachable: 1 });

    const p = await loadRoundProgress({ ...t.store, clock }, 2027, 1);
    // two owners, no row of its own for the handed-over part
    expect(p.owners.map((o) => o.ownerId)).toEqual(['s-0', 's-1']);
    const sara = p.owners.find((o) => o.ownerId === 's-0')!;
    expect(sara.deliveries.map((d) => [d.wave, d.state, d.via])).toEqual(
      expect.arrayContaining([
        ['w28', 'unreachable', null],
        ['w28', 'sent', { id: 's-1', name: 'Sune' }],
      ]),
    );
    expect(sara.deliveries).toHaveLength(2);
    // whether Sara is reached is told by her own reminder, not the one Sune got for her
    expect(sara.notReached).toMatchObject({ state: 'unreachable', reason: 'har blockerat Tertial i Teams' });
    expect(p.owners.find((o) => o.ownerId === 's-1')!.deliveries.map((d) => d.via)).toEqual([null]);
    expect(p.totals).toMatchObject({ owners: 2, sent: 2, unreachableOwners: 1 });

    // tertial round show lists it under Sara
    let out = '';
    const write = (s: string) => void (out += s);
    expect(await runCli(['round', 'show', '--year', '2027', '--tertial', '1'], { store: t.store, clock, stdout: { write }, stderr: { write } })).toBe(0);
    expect(out).toMatch(/  Sara \(s-0\): [^\n]*\n(    [^\n]*\n)*    → våg 28 2027-04-02 10:00 skickad via ersättare Sune\n  Sune \(s-1\)/);
  });
});
