import { personPrincipal, type Principal } from '../../services/access/access-policy';
import { AssessmentService } from '../../services/assessment/assessment-service';
import { TertialError } from '../../services/errors';
import { FakeClock } from '../../services/ports/clock';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { seedAnge } from '../support/seed-ange';

const access = { admins: ['aad-admin'], ledningsgrupp: ['aad-lg-1'] };
const LG: Principal = personPrincipal({ id: 'aad-lg-1', name: 'Avdelningschef Stab' }, access);
const ADMIN: Principal = personPrincipal({ id: 'aad-admin', name: 'Controller' }, access);
const OWNER: Principal = personPrincipal({ id: 'aad-owner', name: 'Enhetschef Fritid' }, access);

describe('AssessmentService (embedded Cosmos)', () => {
  let t: TestStore;
  let service: AssessmentService;
  const clock = new FakeClock('2026-01-20T10:00:00.000Z');

  beforeAll(async () => {
    t = await startTestStore();
    await seedAnge(t.store);
    service = new AssessmentService({ ...t.store, clock });
  });
  afterAll(async () => t.close());

  it('shows proposals, marked as such, until someone decides', async () => {
    const round = await service.roundAssessments(2025, 3);
    expect(round.goals).toHaveLength(20);
    expect(round.kfGoals.map((g) => g.ref)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
    const g = round.goals.find((x) => x.goal.ref === '3.4.1')!;
    expect(g.final).toBeNull();
    expect(g.shown).toMatchObject({ assessment: 'partly-met', label: 'Delvis uppfyllt', isProposal: true });
    expect(g.shown.comment).toBe(g.proposal.draftComment);
  });

  it('refuses a user who is neither ledningsgrupp nor admin, and stores nothing', async () => {
    await expect(service.decide(OWNER, { year: 2025, tertial: 3, goalRef: '3.1.1', assessment: 'met', comment: 'Jag tycker det', source: 'teams' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await t.store.assessments.get('2025-T3', '3.1.1')).toBeNull();
  });

  it('keeps every decision with who and when; the latest is final', async () => {
    const first = await service.decide(LG, { year: 2025, tertial: 3, goalRef: '3.6.1', assessment: 'met', comment: 'Målet för året var att starta piloten.', source: 'teams' });
    expect(first.shown).toMatchObject({ assessment: 'met', isProposal: false, comment: 'Målet för året var att starta piloten.' });
    clock.advance(60_000);
    await service.decide(ADMIN, { year: 2025, tertial: 3, goalRef: '3.6.1', assessment: 'partly-met', source: 'cli' });
    const stored = await t.store.assessments.get('2025-T3', '3.6.1');
    expect(stored!.history.map((h) => [h.assessment, h.by.id, h.at])).toEqual([
      ['met', 'aad-lg-1', '2026-01-20T10:00:00.000Z'],
      ['partly-met', 'aad-admin', '2026-01-20T10:01:00.000Z'],
    ]);
    // confirming the proposal without a comment keeps the draft comment
    expect(stored!.current.comment).toContain('Målet bedöms som delvis uppfyllt.');
    const round = await service.roundAssessments(2025, 3);
    expect(round.goals.find((x) => x.goal.ref === '3.6.1')!.shown).toMatchObject({ assessment: 'partly-met', isProposal: false });
  });

  it('rejects bad decisions with a clear message and stores nothing', async () => {
    const bad = [
      { goalRef: '3.1.1', assessment: 'met', comment: null }, // a change without a comment
      { goalRef: '3.1', assessment: 'met', comment: 'x' }, // a KF goal is not assessed
      { goalRef: '9.9.9', assessment: 'met', comment: 'x' },
      { goalRef: '3.1.1', assessment: 'Saknas', comment: 'x' }, // the label is not a code
      { goalRef: '3.1.1', assessment: 'great', comment: 'x' },
      { goalRef: '3.1.1', assessment: 'partly-met', comment: 'x'.repeat(5000) },
    ];
    for (const b of bad) {
      const e = await service.decide(LG, { year: 2025, tertial: 3, source: 'teams', ...(b as { goalRef: string; assessment: 'met'; comment: string | null }) }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TertialError);
      expect((e as TertialError).code).toBe('invalid-input');
    }
    expect(await t.store.assessments.get('2025-T3', '3.1.1')).toBeNull();
    expect(await t.store.assessments.get('2025-T3', '3.1')).toBeNull();
  });

  it('refuses a changed level whose comment is still the draft written for the proposal', async () => {
    const view = (await service.roundAssessments(2025, 3)).goals.find((g) => g.goal.ref === '3.1.1')!;
    const other = view.proposal.proposed === 'not-met' ? 'met' : 'not-met';
    const e = await service.decide(LG, { year: 2025, tertial: 3, goalRef: '3.1.1', assessment: other, comment: `${view.proposal.draftComment}  `, source: 'teams' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'invalid-input', id: 'assessment.comment-unchanged' });
    expect((e as TertialError).message).toMatch(/^Kommentaren är oförändrad och motiverar /);
    expect(await t.store.assessments.get('2025-T3', '3.1.1')).toBeNull();
    // the same draft with the proposed level is a confirmation, and is kept
    await service.decide(LG, { year: 2025, tertial: 3, goalRef: '3.1.1', assessment: view.proposal.proposed, comment: view.proposal.draftComment, source: 'teams' });
    expect((await t.store.assessments.get('2025-T3', '3.1.1'))?.current.assessment).toBe(view.proposal.proposed);
  });
});
