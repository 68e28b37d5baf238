/**
 * The progress view's projections read the same facts as the whole-document reads they stand in for,
 * through the real SDK against the embedded server (whose result pages go through the linear helper).
 */
import type { Owner } from '../../services/domain/model';
import type { OutboxEntry } from '../../services/ports/outbox';
import { startTestStore, type TestStore } from '../support/embedded-store';

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
});
