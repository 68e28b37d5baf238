import { ledningsgruppCards } from '../../cards/ledningsgrupp-cards';
import { personPrincipal, type Principal } from '../../services/access/access-policy';
import { AssessmentService } from '../../services/assessment/assessment-service';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { cardSize } from '../../cards/literal-text';
import { PublishService } from '../../services/publish/publish-service';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { RecordingLimiter } from '../support/recording-limiter';
import { RecordingMessenger } from '../support/recording-messenger';
import { maxInWindow } from '../support/sliding-window';
import { seedAnge } from '../support/seed-ange';
import { AppPacer } from '../../services/dispatch/app-pacer';
import { RateLimiter } from '../../services/dispatch/rate-limiter';

const access = { admins: ['aad-admin'], ledningsgrupp: ['aad-lg'] };
const ADMIN: Principal = personPrincipal({ id: 'aad-admin', name: 'Controller' }, access);
const LG: Principal = personPrincipal({ id: 'aad-lg', name: 'Avdelningschef' }, access);
const OWNER: Principal = personPrincipal({ id: 'aad-owner', name: 'Enhetschef' }, access);
const CHANNEL = '19:ledningsgrupp@thread.tacv2';

describe('publishing to the ledningsgrupp channel (embedded Cosmos, fake messenger)', () => {
  let t: TestStore;
  let messenger: RecordingMessenger;
  let assessments: AssessmentService;
  let publish: PublishService;
  const clock = new FakeClock('2026-01-20T10:00:00.000Z');
  /** the app's pacer: every channel post takes its slot here, keyed by the channel's conversation */
  const limiter = new RecordingLimiter();
  const grants: { key: string; at: number }[] = [];
  limiter.onGrant = (key, at) => grants.push({ key, at });

  beforeAll(async () => {
    t = await startTestStore();
    await seedAnge(t.store);
    messenger = new RecordingMessenger();
    assessments = new AssessmentService({ ...t.store, clock });
    publish = new PublishService({
      assessments,
      publications: t.store.publications,
      messenger,
      cards: ledningsgruppCards,
      clock,
      timer: new FakeTimer(clock),
      pacer: new AppPacer(limiter, clock, new FakeTimer(clock)),
      reportUrl: (y, n) => `https://tertial.example/api/report?year=${y}&tertial=${n}&format=docx`,
    });
  });
  afterAll(async () => t.close());

  it('refuses to link or publish for anyone but an admin, and changes nothing', async () => {
    await expect(publish.link(LG, CHANNEL)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(publish.link(OWNER, CHANNEL)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await t.store.publications.getLink()).toBeNull();
    await expect(publish.publish(LG, 2025, 3)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(publish.publish(OWNER, 2025, 3)).rejects.toMatchObject({ code: 'forbidden' });
    expect(messenger.calls).toBe(0);
  });

  it('says how to link when no channel is linked', async () => {
    await expect(publish.publish(ADMIN, 2025, 3)).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('@Tertial ledningsgrupp') });
  });

  it('posts a summary and, threaded under it, one card per KF goal and one for the economic goal; each under 40 KB', async () => {
    await publish.link(ADMIN, CHANNEL, 'Ledningsgrupp');
    const r = await publish.publish(ADMIN, 2025, 3);
    expect(r.failed).toEqual([]);
    expect(r.posted).toEqual(['summary', 'goal:3.1', 'goal:3.2', 'goal:3.3', 'goal:3.4', 'goal:3.5', 'goal:3.6', 'goal:economic']);
    const [summary, ...goals] = messenger.posts;
    expect(summary!.replyToId).toBeNull();
    for (const g of goals) expect(g.replyToId).toBe(summary!.activityId);
    for (const p of messenger.posts) expect(cardSize(p.card.card)).toBeLessThan(40 * 1024);
    // one pacer: eight posts to one conversation, never more than Teams' 7 in 1 s and 8 in 2 s
    expect(grants.map((g) => g.key)).toEqual(Array(8).fill(CHANNEL));
    const times = grants.map((g) => g.at);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1000);
    const summaryJson = JSON.stringify(summary!.card.card);
    expect(summaryJson).toContain('Målavstämning, tertial 3 2025 — Kommunstyrelsen');
    expect(summaryJson).toContain('"text":"◕ Delvis uppfyllt","weight":"Bolder"}]},{"type":"Column","width":"60px","style":"warning","items":[{"type":"TextBlock","text":"4"');
    expect(summaryJson).toContain('"style":"warning"');
    expect(summaryJson).toContain('20 av 20 bedömningar är förslag');
    expect(summaryJson).toContain('format=docx');
    const g34 = JSON.stringify(goals[3]!.card.card);
    expect(g34).toContain('3.4.1 Ånge ska ha ett positivt flyttnetto.');
    expect(g34).toContain('Förslag: Delvis uppfyllt');
    expect(g34).toContain('1 pågående med avvikelse · 2 avslutad enligt plan · 1 avslutad med avvikelse');
    expect(g34).toContain('tertial.assessment.decide');
  });

  it('publishing again updates the posted cards: the number of posts is unchanged', async () => {
    const before = messenger.posts.length;
    const r = await publish.publish(ADMIN, 2025, 3);
    expect(r.posted).toEqual([]);
    expect(r.updated).toHaveLength(8);
    expect(messenger.posts).toHaveLength(before);
    expect(messenger.posts.every((p) => p.updates === 1)).toBe(true);
  });

  it('a decision updates its goal card AND the summary card in place', async () => {
    const summaryBefore = JSON.stringify(messenger.posts[0]!.card.card);
    expect(summaryBefore).toContain('20 av 20 bedömningar är förslag');
    const updatesBefore = messenger.posts[0]!.updates;
    await assessments.decide(LG, { year: 2025, tertial: 3, goalRef: '3.6.1', assessment: 'met', comment: 'Målet för året var att starta piloten.', source: 'teams' });
    expect(await publish.refreshGoal(2025, 3, '3.6.1')).toBe(true);
    expect(messenger.posts[0]!.updates).toBe(updatesBefore + 1);
    expect(JSON.stringify(messenger.posts[0]!.card.card)).toContain('19 av 20 bedömningar är förslag');
    const card = JSON.stringify(messenger.posts.find((p) => JSON.stringify(p.card.card).includes('3.6.1 Starta'))!.card.card);
    expect(card).toContain('Målet för året var att starta piloten.');
    expect(card).toContain('Avdelningschef');
    const before = messenger.posts.length;
    await publish.publish(ADMIN, 2025, 3);
    expect(messenger.posts).toHaveLength(before);
    expect(JSON.stringify(messenger.posts[0]!.card.card)).toContain('19 av 20 bedömningar är förslag');
  });

  it('retries a 429 and re-posts only a card that was deleted in Teams', async () => {
    const deleted = messenger.posts[2]!.activityId;
    messenger.delete(deleted);
    messenger.faults.push({ outcome: 'retry', status: 429, reason: 'Too Many Requests', retryAfterMs: 1000 });
    const before = messenger.posts.length;
    const r = await publish.publish(ADMIN, 2025, 3);
    expect(r.failed).toEqual([]);
    expect(r.posted).toEqual(['goal:3.2']);
    expect(messenger.posts).toHaveLength(before + 1);
    expect(messenger.posts.at(-1)!.replyToId).toBe(messenger.posts[0]!.activityId);
  });

  it('two instances publishing at once never post a card twice', async () => {
    const fresh = new RecordingMessenger();
    const make = () =>
      new PublishService({ assessments, publications: t.store.publications, messenger: fresh, cards: ledningsgruppCards, clock, timer: new FakeTimer(clock), pacer: new AppPacer(new RateLimiter(), clock, new FakeTimer(clock)) });
    await publish.link(ADMIN, '19:second@thread.tacv2');
    const outcomes = await Promise.allSettled([make().publish(ADMIN, 2025, 3), make().publish(ADMIN, 2025, 3)]);
    const done = outcomes.filter((o) => o.status === 'fulfilled');
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'conflict' });
    expect(fresh.posts).toHaveLength(8);
    // the lease is released: publishing again works and updates
    const again = await make().publish(ADMIN, 2025, 3);
    expect(again.updated).toHaveLength(8);
    expect(fresh.posts).toHaveLength(8);
  });

  it('publishes a round once when it closes, not on every tick', async () => {
    const fresh = new RecordingMessenger();
    const service = new PublishService({ assessments, publications: t.store.publications, messenger: fresh, cards: ledningsgruppCards, clock, timer: new FakeTimer(clock), pacer: new AppPacer(new RateLimiter(), clock, new FakeTimer(clock)) });
    await publish.link(ADMIN, '19:third@thread.tacv2');
    await t.store.rounds.create({
      id: '2025-T3', year: 2025, tertial: 3, deadline: '2026-01-09', waves: [7, 0], sendTime: '09:00', graceDays: 2,
      state: 'scheduled', closedAt: null, createdAt: '2025-12-01T00:00:00.000Z', source: 'scheduled',
    });
    clock.set('2026-01-05T10:00:00.000Z'); // open: nothing to publish
    expect(await service.publishClosedRounds(t.store.rounds)).toEqual([]);
    clock.set('2026-01-12T10:00:00.000Z'); // closed by deadline + grace
    const first = await service.publishClosedRounds(t.store.rounds);
    expect(first.map((r) => r.posted.length)).toEqual([8]);
    clock.advance(60_000);
    expect(await service.publishClosedRounds(t.store.rounds)).toEqual([]);
    expect(fresh.posts).toHaveLength(8);
  });
});
