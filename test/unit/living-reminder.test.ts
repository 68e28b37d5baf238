/**
 * The living reminder: the latest reminder a person got (a wave's send in the outbox, or a card the
 * bot posted and remembered) is redrawn in place when they report; the card they acted on is not.
 */
import { LivingReminders } from '../../services/collection/living-reminder';
import type { Round } from '../../services/domain/model';
import type { UserConversation } from '../../services/ports/conversations';
import type { OutgoingCard, SendResult } from '../../services/ports/messenger';
import type { OutboxEntry } from '../../services/ports/outbox';
import { fixtureRound } from '../support/collection-fixture';
import { MemoryOutbox } from '../support/memory-repositories';

const OWNER = 'owner-1';
const round: Round = fixtureRound();

function sentEntry(wave: string, activityId: string, sentAt: string, ownerId = OWNER): OutboxEntry {
  return {
    id: `${wave}:${ownerId}`, roundId: round.id, wave, ownerId, state: 'sent', leaseOwner: null, leaseUntil: null, attempts: [], takeovers: 0,
    possibleDuplicate: false, claimedAt: sentAt, updatedAt: sentAt, sentAt, activityId, reason: null,
  };
}

function setup(entries: OutboxEntry[], now = '2026-12-01T10:00:00Z', update: SendResult['outcome'] = 'sent', send: SendResult = { outcome: 'sent', activityId: 'fresh', conversationId: 'c1' }) {
  const outbox = new MemoryOutbox();
  for (const e of entries) void outbox.claimNew(e);
  const sends: string[] = [];
  const users = new Map<string, UserConversation>([
    [OWNER, { aadObjectId: OWNER, name: 'Ägare', tenantId: null, conversationId: 'c1', serviceUrl: 'http://x', reference: {}, state: 'installed', unreachable: null, updatedAt: now }],
  ]);
  const updates: { to: string; activityId: string; message: OutgoingCard }[] = [];
  let clockNow = new Date(now);
  const living = new LivingReminders({
    outbox,
    conversations: {
      getUser: async (id) => users.get(id) ?? null,
      upsertUser: async (id, change) => {
        const next = change(users.get(id) ?? null);
        users.set(id, next);
        return next;
      },
    },
    messenger: {
      async sendToUser(to) {
        sends.push(to);
        return send;
      },
      async updateForUser(to, activityId, message) {
        updates.push({ to, activityId, message });
        return update === 'sent' ? { outcome: 'sent', activityId, conversationId: 'c1' } : { outcome: 'unreachable', status: 404, reason: 'borta' };
      },
    },
    items: async () => [],
    render: (_items, r, at) => ({ card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: `${r.id} ${at.toISOString()}` }] }, summary: 's' }),
    clock: { now: () => clockNow },
  });
  return { living, updates, users, outbox, sends, setNow: (iso: string) => (clockNow = new Date(iso)) };
}

describe('the living reminder', () => {
  it('redraws the latest wave reminder of the person, not an earlier one or someone else\'s', async () => {
    const { living, updates } = setup([
      sentEntry('w28', 'a-28', '2026-11-06T08:00:00Z'),
      sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z'),
      sentEntry('w7', 'other', '2026-11-27T08:00:00Z', 'someone-else'),
    ]);
    expect(await living.refresh(OWNER, round)).toBe('updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ to: OWNER, activityId: 'a-14' });
    expect(JSON.stringify(updates[0]!.message.card)).toContain('2026-12-01T10:00:00.000Z');
  });

  it('a card the bot posted later (status, first contact) becomes the living one', async () => {
    const { living, updates, setNow } = setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')]);
    setNow('2026-11-30T12:00:00Z');
    await living.remember(OWNER, round.id, 'status-card');
    expect(await living.latest(OWNER, round.id)).toEqual({ activityId: 'status-card', at: '2026-11-30T12:00:00.000Z' });
    await living.refresh(OWNER, round);
    expect(updates.map((u) => u.activityId)).toEqual(['status-card']);
  });

  it('reads the person\'s latest reminder once; a wave\'s send this instance notes is the latest at once', async () => {
    const { living, updates, outbox } = setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')]);
    const listRound = jest.spyOn(outbox, 'listRound');
    await living.refresh(OWNER, round);
    await living.refresh(OWNER, round);
    expect(listRound).toHaveBeenCalledTimes(1);
    living.noteSent(sentEntry('w7', 'a-7', '2026-11-27T08:00:00Z'));
    living.noteSent(sentEntry('w7', 'other', '2026-11-28T08:00:00Z', 'someone-else'));
    living.noteSent({ ...sentEntry('w0', 'a-0', '2026-11-29T08:00:00Z'), state: 'failed' });
    await living.refresh(OWNER, round);
    expect(updates.map((u) => u.activityId)).toEqual(['a-14', 'a-14', 'a-7']);
    expect(listRound).toHaveBeenCalledTimes(1);
  });

  it('a wave\'s send noted while the person\'s latest is being read is not hidden by that read', async () => {
    const { living, outbox } = setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')]);
    const listRound = outbox.listRound.bind(outbox);
    jest.spyOn(outbox, 'listRound').mockImplementationOnce(async (id) => {
      const entries = await listRound(id);
      living.noteSent(sentEntry('w7', 'a-7', '2026-11-27T08:00:00Z'));
      return entries;
    });
    expect(await living.latest(OWNER, round.id)).toEqual({ activityId: 'a-7', at: '2026-11-27T08:00:00Z' });
  });

  it('leaves the card the person acted on to the answer of that action', async () => {
    const { living, updates } = setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')]);
    expect(await living.refresh(OWNER, round, 'a-14')).toBe('is-this-card');
    expect(updates).toEqual([]);
  });

  it('does nothing without a reminder, and reports a failed update without throwing', async () => {
    expect(await setup([]).living.refresh(OWNER, round)).toBe('no-reminder');
    expect(await setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')], undefined, 'unreachable').living.refresh(OWNER, round)).toBe('failed');
  });

  it('"Påminn igen" sends one reminder, records it in the outbox, and it becomes the living one', async () => {
    const { living, outbox, sends } = setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')]);
    expect(await living.remindAgain(OWNER, round)).toEqual({ outcome: 'sent' });
    expect(await living.remindAgain(OWNER, round)).toEqual({ outcome: 'already' }); // a double click in the same minute
    expect(sends).toEqual([OWNER]);
    const again = (await outbox.listRound(round.id)).find((e) => e.wave.startsWith('again-'))!;
    expect(again).toMatchObject({ wave: 'again-2026-12-01T10:00', state: 'sent', activityId: 'fresh', sentAt: '2026-12-01T10:00:00.000Z', leaseOwner: null });
    expect(await living.latest(OWNER, round.id)).toEqual({ activityId: 'fresh', at: '2026-12-01T10:00:00.000Z' });
  });

  it('"Påminn igen" to someone still unreachable records why', async () => {
    const { living, outbox } = setup([], undefined, 'sent', { outcome: 'unreachable', status: 403, reason: 'MessageWritesBlocked' });
    expect(await living.remindAgain(OWNER, round)).toEqual({ outcome: 'not-reached', state: 'unreachable', reason: '403: MessageWritesBlocked' });
    expect((await outbox.listRound(round.id))[0]).toMatchObject({ state: 'unreachable', reason: '403: MessageWritesBlocked', sentAt: null });
  });
});
