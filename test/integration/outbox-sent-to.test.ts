/**
 * The owner's sent reminders in a round, read from the outbox in Cosmos (embedded server): only the
 * owner's entries in state 'sent' (their own and those of the parts handed to substitutes) with where
 * each message is and whose chat it is in, nothing of the rest of the round.
 */
import { configureLogger } from '../../services/logging/logger';
import type { OutboxEntry } from '../../services/ports/outbox';
import { CosmosOutboxRepository } from '../../services/store/outbox-store';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

function entry(roundId: string, wave: string, ownerId: string, state: OutboxEntry['state'], activityId: string | null, sentAt: string | null, deliverTo?: string): OutboxEntry {
  return {
    ...(deliverTo ? { deliverTo } : {}),
    id: `${wave}:${ownerId}`, roundId, wave, ownerId, state, leaseOwner: null, leaseUntil: null, attempts: [], takeovers: 0,
    possibleDuplicate: false, claimedAt: '2026-11-01T08:00:00.000Z', updatedAt: '2026-11-01T08:00:00.000Z', sentAt, activityId, reason: null,
  };
}

describe('outbox: the owner\'s sent reminders (embedded Cosmos DB)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t.close());

  it('lists the owner\'s sent entries of the round with activity id and time, and nothing else', async () => {
    const outbox = new CosmosOutboxRepository(t.store.connection.container('outbox'));
    const entries = [
      entry('2026-T3', 'w28', 'owner-1', 'sent', 'a-28', '2026-11-06T08:00:00.000Z'),
      entry('2026-T3', 'w14', 'owner-1', 'sent', 'a-14', '2026-11-20T08:00:00.000Z'),
      entry('2026-T3', 'w7', 'owner-1', 'failed', null, null),
      entry('2026-T3', 'w0', 'owner-1', 'sending', null, null),
      entry('2026-T3', 'w14', 'owner-2', 'sent', 'b-14', '2026-11-20T08:00:00.000Z'),
      entry('2026-T2', 'w14', 'owner-1', 'sent', 'old-14', '2026-07-20T08:00:00.000Z'),
      // the part of owner-1's activities handed to sub-1, and a whole handover's reminder sent to sub-2
      entry('2026-T3', 'w7', 'owner-1+sub-1', 'sent', 's1-7', '2026-11-27T08:00:00.000Z', 'sub-1'),
      entry('2026-T3', 'w3', 'owner-1', 'sent', 's2-3', '2026-12-01T08:00:00.000Z', 'sub-2'),
      // another owner whose id starts like owner-1's, and their handover
      entry('2026-T3', 'w14', 'owner-10', 'sent', 'x-14', '2026-11-20T08:00:00.000Z'),
      entry('2026-T3', 'w14', 'owner-10+sub-1', 'sent', 'x-s1', '2026-11-20T08:00:00.000Z', 'sub-1'),
    ];
    for (const e of entries) expect(await outbox.claimNew(e)).not.toBeNull();
    const sent = await outbox.listSentTo('2026-T3', 'owner-1');
    expect([...sent].sort((a, b) => a.sentAt.localeCompare(b.sentAt))).toStrictEqual([
      { activityId: 'a-28', sentAt: '2026-11-06T08:00:00.000Z', ownerId: 'owner-1' },
      { activityId: 'a-14', sentAt: '2026-11-20T08:00:00.000Z', ownerId: 'owner-1' },
      { activityId: 's1-7', sentAt: '2026-11-27T08:00:00.000Z', ownerId: 'owner-1+sub-1', deliverTo: 'sub-1' },
      { activityId: 's2-3', sentAt: '2026-12-01T08:00:00.000Z', ownerId: 'owner-1', deliverTo: 'sub-2' },
    ]);
    expect(await outbox.listSentTo('2026-T3', 'nobody')).toEqual([]);
  });
});
