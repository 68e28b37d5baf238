/**
 * The living reminder: the latest reminder a person got (a wave's send in the outbox, or a card the
 * bot posted and remembered) is redrawn in place when they report; the card they acted on is not.
 */
import { LivingReminders } from '../../services/collection/living-reminder';
import type { Round } from '../../services/domain/model';
import type { UserConversation } from '../../services/ports/conversations';
import type { OutgoingCard, SendResult } from '../../services/ports/messenger';
import { handoverKey, type OutboxEntry } from '../../services/ports/outbox';
import type { OwnerItem } from '../../services/collection/owner-items';
import { fixtureRound } from '../support/collection-fixture';
import { MemoryOutbox, memoryRepositories } from '../support/memory-repositories';
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { RateLimiter } from '../../services/dispatch/rate-limiter';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { makeOwners, makePlan, makeRound, ownerId, RecordingMessenger } from '../support/dispatch-fixtures';
import { plainReminderComposer } from '../support/plain-reminder-composer';

configureLogger({ level: 'silent' });

const OWNER = 'owner-1';
const round: Round = fixtureRound();

function sentEntry(wave: string, activityId: string, sentAt: string, ownerId = OWNER, deliverTo?: string): OutboxEntry {
  return {
    ...(deliverTo ? { deliverTo } : {}),
    id: `${wave}:${ownerId}`, roundId: round.id, wave, ownerId, state: 'sent', leaseOwner: null, leaseUntil: null, attempts: [], takeovers: 0,
    possibleDuplicate: false, claimedAt: sentAt, updatedAt: sentAt, sentAt, activityId, reason: null,
  };
}

function setup(entries: OutboxEntry[], now = '2026-12-01T10:00:00Z', update: SendResult['outcome'] = 'sent') {
  const outbox = new MemoryOutbox();
  for (const e of entries) void outbox.claimNew(e);
  const users = new Map<string, UserConversation>([
    [OWNER, { aadObjectId: OWNER, name: 'Ägare', tenantId: null, conversationId: 'c1', serviceUrl: 'http://x', reference: {}, state: 'installed', unreachable: null, updatedAt: now }],
  ]);
  const updates: { to: string; activityId: string; message: OutgoingCard }[] = [];
  let clockNow = new Date(now);
  const items = jest.fn(async (_ownerId: string, _round: Round) => ['3.1.1.1', '3.1.1.2'].map((ref) => ({ activity: { ref } }) as OwnerItem));
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
      async updateForUser(to, activityId, message) {
        updates.push({ to, activityId, message });
        return update === 'sent' ? { outcome: 'sent', activityId, conversationId: 'c1' } : { outcome: 'unreachable', status: 404, reason: 'borta' };
      },
    },
    items,
    render: (shown, r, at, extras) => ({
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: `${r.id} ${at.toISOString()}${extras?.forOwner ? ` för ${extras.forOwner.name}` : ''} ${shown.map((i) => i.activity.ref).join(',')}` }] },
      summary: 's',
    }),
    clock: { now: () => clockNow },
  });
  return { living, updates, users, outbox, items, setNow: (iso: string) => (clockNow = new Date(iso)) };
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

  it('points to the owner\'s measures (mått) as the wave\'s reminder did', async () => {
    const rendered: (number | undefined)[] = [];
    const outbox = new MemoryOutbox();
    void outbox.claimNew(sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z'));
    const measures = jest.fn(async (_ownerId: string, _round: Round) => 2);
    const living = new LivingReminders({
      outbox,
      conversations: { getUser: async () => null, upsertUser: async (_id, change) => change(null) },
      messenger: { updateForUser: async (_to, activityId) => ({ outcome: 'sent', activityId, conversationId: 'c1' }) },
      items: async () => [],
      measures,
      render: (_shown, _r, _at, extras) => {
        rendered.push(extras?.measures);
        return { card: {}, summary: 's' };
      },
      clock: { now: () => new Date('2026-12-01T10:00:00Z') },
    });
    expect(await living.refresh(OWNER, round)).toBe('updated');
    expect(rendered).toEqual([2]);
    expect(measures).toHaveBeenCalledWith(OWNER, round);
  });

  it('does nothing without a reminder, and reports a failed update without throwing', async () => {
    expect(await setup([]).living.refresh(OWNER, round)).toBe('no-reminder');
    expect(await setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z')], undefined, 'unreachable').living.refresh(OWNER, round)).toBe('failed');
  });

  it('a reminder the dispatcher records sent through `watching` ("Påminn igen", a wave) becomes the living one at once', async () => {
    const repos = memoryRepositories();
    const clock = new FakeClock('2026-04-21T10:00:00Z');
    const dispatchRound = makeRound();
    await repos.plans.save(makePlan(2026, 2));
    await repos.owners.upsertMany(makeOwners(2));
    await repos.rounds.create(dispatchRound);
    const sentIds: string[] = [];
    const messenger = new RecordingMessenger(() => clock.now().getTime(), (to) => {
      sentIds.push(`${to}-act-${sentIds.length + 1}`);
      return { outcome: 'sent', activityId: sentIds[sentIds.length - 1]!, conversationId: 'c' };
    });
    const updates: string[] = [];
    const living = new LivingReminders({
      outbox: repos.outbox,
      conversations: { getUser: async () => null, upsertUser: async (_id, change) => change(null) },
      messenger: {
        async updateForUser(_to, activityId) {
          updates.push(activityId);
          return { outcome: 'sent', activityId, conversationId: 'c' };
        },
      },
      items: async () => [],
      render: () => ({ card: {}, summary: 's' }),
      clock,
    });
    const dispatcher = new Dispatcher({ ...repos, outbox: living.watching(repos.outbox), messenger, composer: plainReminderComposer, clock, timer: new FakeTimer(clock), limiter: new RateLimiter() }, { random: () => 0.5 });
    await dispatcher.remindNow(2026, 1);
    const first = sentIds.find((id) => id.startsWith(ownerId(0)))!;
    expect(await living.latest(ownerId(0), dispatchRound.id)).toEqual({ activityId: first, at: expect.stringMatching(/^2026-04-21T10:00/) });
    clock.advance(3_600_000);
    await dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001');
    // noted, not read: the cached pointer moves to the reminder just sent without reading the outbox again
    const listRound = jest.spyOn(repos.outbox, 'listRound');
    expect(sentIds).toHaveLength(3);
    expect(await living.latest(ownerId(0), dispatchRound.id)).toEqual({ activityId: `${ownerId(0)}-act-3`, at: expect.stringMatching(/^2026-04-21T11:00/) });
    await living.refresh(ownerId(0), dispatchRound);
    expect(updates).toEqual([`${ownerId(0)}-act-3`]);
    expect(listRound).not.toHaveBeenCalled();
  });

  describe("a substitute's reminder for the owner", () => {
    const SUB = 'sub-1';
    const withHandover = (activityRef: string | null): Round => ({
      ...round,
      substitutions: [{ ownerId: OWNER, ownerName: 'Ägare', substituteId: SUB, substituteName: 'Ersättare', activityRef, by: { id: OWNER, name: 'Ägare' }, at: '2026-11-20T07:00:00Z', endedAt: null, endedBy: null }],
    });

    it('is found beside the owner\'s in one read, redrawn in the substitute\'s chat with what is handed to them, the items read once', async () => {
      const { living, updates, outbox, items } = setup([
        sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z'),
        sentEntry('w14', 's-14', '2026-11-20T08:00:00Z', handoverKey(OWNER, SUB), SUB),
        sentEntry('w7', 's-7', '2026-11-27T08:00:00Z', handoverKey(OWNER, SUB), SUB),
        sentEntry('w7', 'x-7', '2026-11-27T08:00:00Z', handoverKey('owner-10', SUB), SUB),
      ]);
      const listRound = jest.spyOn(outbox, 'listRound');
      expect(await living.refreshAll(OWNER, withHandover('3.1.1.2'), undefined, { activityRef: '3.1.1.2' })).toEqual({ owner: 'updated', substitutes: { [SUB]: 'updated' } });
      expect(updates.map((u) => [u.to, u.activityId, (u.message.card as { body: { text: string }[] }).body[0]!.text.split(' ').slice(2).join(' ')])).toEqual([
        [OWNER, 'a-14', '3.1.1.1,3.1.1.2'],
        [SUB, 's-7', 'för Ägare 3.1.1.2'],
      ]);
      expect(listRound).toHaveBeenCalledTimes(1);
      expect(items).toHaveBeenCalledTimes(1);
      // cached: a second report reads nothing
      await living.refresh(OWNER, withHandover('3.1.1.2'));
      expect(listRound).toHaveBeenCalledTimes(1);
    });

    it('leaves the card the substitute acted on, and is not redrawn for an activity not handed to them', async () => {
      const { living, updates } = setup([sentEntry('w7', 's-7', '2026-11-27T08:00:00Z', handoverKey(OWNER, SUB), SUB)]);
      expect(await living.refreshAll(OWNER, withHandover('3.1.1.2'), 's-7', { actorId: SUB, activityRef: '3.1.1.2' })).toEqual({ owner: 'no-reminder', substitutes: { [SUB]: 'is-this-card' } });
      expect(await living.refreshAll(OWNER, withHandover('3.1.1.2'), undefined, { activityRef: '3.1.1.1' })).toEqual({ owner: 'no-reminder', substitutes: {} });
      expect(updates).toEqual([]);
    });

    it('everything handed over: the owner\'s entry sent to the substitute is the substitute\'s, never the owner\'s; a send noted is the latest at once', async () => {
      const { living, updates } = setup([sentEntry('w14', 'a-14', '2026-11-20T08:00:00Z'), sentEntry('w7', 's-7', '2026-11-27T08:00:00Z', OWNER, SUB)]);
      expect(await living.latest(OWNER, round.id)).toEqual({ activityId: 'a-14', at: '2026-11-20T08:00:00Z' });
      living.noteSent(sentEntry('w3', 's-3', '2026-12-01T08:00:00Z', OWNER, SUB));
      expect(await living.latest(OWNER, round.id, SUB)).toEqual({ activityId: 's-3', at: '2026-12-01T08:00:00Z' });
      await living.refresh(OWNER, withHandover(null));
      expect(updates.map((u) => [u.to, u.activityId])).toEqual([[OWNER, 'a-14'], [SUB, 's-3']]);
      expect((updates[1]!.message.card as { body: { text: string }[] }).body[0]!.text).toContain('för Ägare 3.1.1.1,3.1.1.2');
    });

    it('a card the bot posted to the substitute when the owner handed over is remembered on the owner\'s record', async () => {
      const { living, users, setNow } = setup([sentEntry('w7', 's-7', '2026-11-27T08:00:00Z', handoverKey(OWNER, SUB), SUB)]);
      setNow('2026-11-30T12:00:00Z');
      await living.remember(OWNER, round.id, 'told', SUB);
      expect(await living.latest(OWNER, round.id, SUB)).toEqual({ activityId: 'told', at: '2026-11-30T12:00:00.000Z' });
      expect(await living.latest(OWNER, round.id)).toBeNull();
      // another instance reads it from the record
      const other = setup([sentEntry('w7', 's-7', '2026-11-27T08:00:00Z', handoverKey(OWNER, SUB), SUB)]);
      other.users.set(OWNER, users.get(OWNER)!);
      expect(await other.living.latest(OWNER, round.id, SUB)).toEqual({ activityId: 'told', at: '2026-11-30T12:00:00.000Z' });
      // an owner with no chat with the bot: no record to keep it on, yet this instance redraws it
      await other.living.remember('owner-2', round.id, 'told-2', SUB);
      expect(await other.living.latest('owner-2', round.id, SUB)).toEqual({ activityId: 'told-2', at: '2026-12-01T10:00:00.000Z' });
      expect(other.users.has('owner-2')).toBe(false);
    });
  });
});
