/**
 * Deciding a goal from its card reads the round once: the decision, the card answered in place and
 * the channel card refreshed after the answer all use that one read. A failed refresh is logged and
 * never turns the answer into an error. Embedded Cosmos, the real services, a fake messenger.
 */
import pino from 'pino';
import { AfterTurnTasks } from '../../bot/after-turn';
import { decideAssessment } from '../../bot/invokes/assessment-invokes';
import type { InvokeRequest } from '../../bot/invokes/invoke-types';
import { ledningsgruppCards } from '../../cards/ledningsgrupp-cards';
import { personPrincipal } from '../../services/access/access-policy';
import { AssessmentService } from '../../services/assessment/assessment-service';
import { AppPacer } from '../../services/dispatch/app-pacer';
import { RateLimiter } from '../../services/dispatch/rate-limiter';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { PublishService } from '../../services/publish/publish-service';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { RecordingMessenger } from '../support/recording-messenger';
import { seedAnge } from '../support/seed-ange';

const access = { admins: ['aad-admin'], ledningsgrupp: ['aad-lg'] };
const ADMIN = personPrincipal({ id: 'aad-admin', name: 'Controller' }, access);
const LG = personPrincipal({ id: 'aad-lg', name: 'Avdelningschef' }, access);

/** counts the calls of each method of a repository */
function counting<T extends object>(target: T, counts: Record<string, number>, prefix: string): T {
  return new Proxy(target, {
    get(obj, name, receiver) {
      const value = Reflect.get(obj, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts[`${prefix}.${String(name)}`] = (counts[`${prefix}.${String(name)}`] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

describe('deciding a goal from its card', () => {
  let t: TestStore;
  let messenger: RecordingMessenger;
  let publishing: PublishService;
  const counts: Record<string, number> = {};
  const clock = new FakeClock('2026-01-20T10:00:00.000Z');
  const logLines: string[] = [];
  const after = new AfterTurnTasks(pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) }));

  const request = (data: Record<string, unknown>): InvokeRequest =>
    ({
      context: {} as InvokeRequest['context'],
      services: { assessments: publishingDeps.assessments, publishing } as unknown as InvokeRequest['services'],
      user: { aadObjectId: 'aad-lg', name: 'Avdelningschef', principal: LG },
      data,
      after: after.run,
    }) as InvokeRequest;
  let publishingDeps: { assessments: AssessmentService };

  beforeAll(async () => {
    t = await startTestStore();
    await seedAnge(t.store);
    messenger = new RecordingMessenger();
    const assessments = new AssessmentService({
      ...t.store,
      plans: counting(t.store.plans, counts, 'plans'),
      reports: counting(t.store.reports, counts, 'reports'),
      assessments: counting(t.store.assessments, counts, 'assessments'),
      clock,
    });
    publishingDeps = { assessments };
    publishing = new PublishService({
      assessments,
      publications: t.store.publications,
      messenger,
      cards: ledningsgruppCards,
      clock,
      timer: new FakeTimer(clock),
      pacer: new AppPacer(new RateLimiter(), clock, new FakeTimer(clock)),
    });
    await publishing.link(ADMIN, '19:lg@thread.tacv2');
    await publishing.publish(ADMIN, 2025, 3);
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    for (const k of Object.keys(counts)) delete counts[k];
  });

  it('reads the round once, answers with the goal card, and refreshes the channel card after the answer', async () => {
    const channelCard = () => messenger.posts.find((p) => JSON.stringify(p.card.card).includes('3.6.1 Starta'))!;
    const updatesBefore = channelCard().updates;
    const result = await decideAssessment(request({ year: 2025, tertial: 3, goalRef: '3.6.1', 'assessment-3.6.1': 'met', 'comment-3.6.1': 'Piloten är startad.' }));
    expect('card' in result && JSON.stringify(result.card)).toContain('Piloten är startad.');
    // answered: one read of the round, one write; the channel card not yet touched
    expect(counts['plans.get']).toBe(1);
    expect(counts['reports.listByRound']).toBe(1);
    expect(counts['assessments.listByRound']).toBe(1);
    expect(counts['assessments.append']).toBe(1);
    expect(channelCard().updates).toBe(updatesBefore);

    await after.idle();
    expect(channelCard().updates).toBe(updatesBefore + 1);
    expect(JSON.stringify(channelCard().card.card)).toContain('Piloten är startad.');
    // the refresh used the round already read
    expect(counts['plans.get']).toBe(1);
    expect(counts['reports.listByRound']).toBe(1);
  });

  it('a refresh that fails is logged and the answer stands', async () => {
    jest.spyOn(publishing, 'refreshGoal').mockRejectedValueOnce(new Error('Cosmos does not answer'));
    const result = await decideAssessment(request({ year: 2025, tertial: 3, goalRef: '3.6.1', 'assessment-3.6.1': 'partly-met', 'comment-3.6.1': 'Delvis.' }));
    expect('card' in result).toBe(true);
    await after.idle();
    const warned = logLines.map((l) => JSON.parse(l) as { msg: string; task?: string; err?: { message: string } });
    expect(warned).toContainEqual(expect.objectContaining({ msg: 'work after the answer failed', task: expect.stringContaining('goal and summary cards'), err: expect.objectContaining({ message: 'Cosmos does not answer' }) }));
    expect((await t.store.assessments.get('2025-T3', '3.6.1'))!.current).toMatchObject({ assessment: 'partly-met', comment: 'Delvis.' });
  });
});
