/**
 * Results imported from an earlier system are history: their round is marked imported and closed at its
 * deadline, the close tick never publishes it, and a decision shows where it came from.
 */
import { ledningsgruppCards } from '../../cards/ledningsgrupp-cards';
import { personPrincipal, type Principal } from '../../services/access/access-policy';
import { AssessmentService } from '../../services/assessment/assessment-service';
import { importResults } from '../../services/import/results-import';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { PublishService } from '../../services/publish/publish-service';
import { loadAngeFixture } from '../support/assessment-fixture';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { RecordingMessenger } from '../support/recording-messenger';
import { AppPacer } from '../../services/dispatch/app-pacer';
import { RateLimiter } from '../../services/dispatch/rate-limiter';

const ADMIN: Principal = personPrincipal({ id: 'aad-admin', name: 'Controller' }, { admins: ['aad-admin'], ledningsgrupp: [] });
const CHANNEL = '19:ledningsgrupp@thread.tacv2';

describe('importing results of an earlier system (embedded Cosmos, fake messenger)', () => {
  let t: TestStore;
  const messenger = new RecordingMessenger();
  // a few days after T3 2025 ended: a round closed then is within the close tick's publishing window
  const clock = new FakeClock('2026-01-05T10:00:00.000Z');
  let publish: PublishService;

  beforeAll(async () => {
    t = await startTestStore();
    const fx = loadAngeFixture();
    await t.store.plans.save(fx.plan);
    const assessments = new AssessmentService({ ...t.store, clock });
    publish = new PublishService({ assessments, publications: t.store.publications, messenger, cards: ledningsgruppCards, clock, timer: new FakeTimer(clock), pacer: new AppPacer(new RateLimiter(), clock, new FakeTimer(clock)) });
    await publish.link(ADMIN, CHANNEL, 'Ledningsgrupp');
    await importResults(t.store, clock, fx.results);
  });
  afterAll(async () => t.close());

  it('creates the round marked imported, closed at the end of its deadline day, not at the import', async () => {
    const round = await t.store.rounds.get('2025-T3');
    expect(round).toMatchObject({ source: 'import', state: 'closed', deadline: '2025-12-31', waves: [] });
    // midnight after 31 December, Stockholm time (UTC+1)
    expect(round!.closedAt).toBe('2025-12-31T23:00:00.000Z');
    expect(round!.createdAt).toBe('2026-01-05T10:00:00.000Z');
  });

  it('the close tick posts nothing to the linked channel, now or later', async () => {
    expect(await publish.publishClosedRounds(t.store.rounds)).toEqual([]);
    clock.advance(3_600_000);
    expect(await publish.publishClosedRounds(t.store.rounds)).toEqual([]);
    expect(messenger.calls).toBe(0);
    expect(await t.store.publications.get('2025-T3', CHANNEL)).toBeNull();
  });

  it('a scheduled round closing the same day is still published by the tick (the rule is about imported rounds only)', async () => {
    await t.store.rounds.create({
      id: '2025-T2', year: 2025, tertial: 2, deadline: '2025-12-20', waves: [0], sendTime: '09:00', graceDays: 10,
      state: 'scheduled', closedAt: null, createdAt: '2025-11-01T00:00:00.000Z', source: 'scheduled',
    });
    const published = await publish.publishClosedRounds(t.store.rounds);
    expect(published.map((r) => r.roundId)).toEqual(['2025-T2']);
  });

  it('an admin may still publish the imported round; its decisions name the earlier system, not "Import" with the import date', async () => {
    const before = messenger.posts.length;
    const r = await publish.publish(ADMIN, 2025, 3);
    expect(r.failed).toEqual([]);
    const goals = messenger.posts.slice(before + 1).map((p) => JSON.stringify(p.card.card)).join('\n');
    expect(goals).toContain('"title":"Beslut","value":"Tidigare system (importerat beslut)"');
    expect(goals).not.toContain('Import, 2026-01-05');
  });
});
