/**
 * The assessment card actions (channel and personal chat): confirm a proposal, or decide with a
 * comment. The access policy is asked first; validation is services/assessment's. The answer replaces
 * the card in place with the goal's card as it now stands; the channel's card is updated after the
 * answer (a failed update is logged).
 */
import { z } from 'zod';
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { decide as decideAccess } from '../../services/access/access-policy';
import { MAX_DECISION_COMMENT, withDecision, type RoundAssessments } from '../../services/assessment/assessment-service';
import { catalogued, isTertialError } from '../../services/errors';
import { assessmentInputId, commentInputId } from '../../cards/card-verbs';
import { isAssessmentCode, type Tertial } from '../../services/domain/vocabulary';
import type { InvokeHandler, InvokeRequest, InvokeResult } from './invoke-types';

const base = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  tertial: z.coerce.number().int().min(1).max(3),
  goalRef: z.string().trim().min(1).max(40),
});

async function decide(request: InvokeRequest, pick: (data: Record<string, unknown>, goalRef: string, proposed: string) => { assessment: unknown; comment: unknown }): Promise<InvokeResult> {
  const parsed = base.safeParse(request.data);
  if (!parsed.success) return { message: ASSESSMENT_TEXTS.refused('okänd eller trasig knapp', []) };
  const { year, goalRef } = parsed.data;
  const tertial = parsed.data.tertial as Tertial;
  const { services, user } = request;
  const access = decideAccess(user.principal, 'assessment.decide');
  if (!access.allowed) return { message: access.reason };
  let round: RoundAssessments | null = null;
  let entered: { assessment: string; comment: string } = { assessment: '', comment: '' };
  try {
    // the round is read once: the decision, the answer and the channel's card all use it
    round = await services.assessments.roundAssessments(year, tertial);
    const view = round.goals.find((g) => g.goal.ref === goalRef);
    const chosen = pick(request.data as Record<string, unknown>, goalRef, view?.proposal.proposed ?? '');
    // bounds first: an oversized comment is refused by its length, the card left as the person typed it
    const comment = typeof chosen.comment === 'string' ? chosen.comment : null;
    if (comment !== null && comment.length > MAX_DECISION_COMMENT) {
      return { message: ASSESSMENT_TEXTS.refused(catalogued('assessment.comment-too-long', { length: comment.length, max: MAX_DECISION_COMMENT }).message, []) };
    }
    const assessment = typeof chosen.assessment === 'string' && isAssessmentCode(chosen.assessment) ? chosen.assessment : null;
    entered = { assessment: assessment ?? '', comment: comment ?? '' };
    if (!assessment) throw catalogued('assessment.level-missing', {});
    const decided = await services.assessments.decide(user.principal, { year, tertial, goalRef, assessment, comment, source: 'teams' }, round);
    const updated = withDecision(round, decided);
    request.after('refresh the goal and summary cards in the ledningsgrupp channel', () => services.publishing.refreshGoal(year, tertial, goalRef, updated));
    const card = services.publishing.goalCardIn(updated, goalRef);
    return card ? { card: card.card } : { message: ASSESSMENT_TEXTS.decided(goalRef, '') };
  } catch (e) {
    if (!isTertialError(e)) throw e;
    // a refused decision: the goal's form stays open on its card, with what was entered and why
    if (e.code === 'invalid-input' && round) {
      const card = services.publishing.goalCardIn(round, goalRef, { goalRef, ...entered, error: `Inte sparat: ${e.message}` });
      if (card) return { card: card.card };
    }
    // a refusal by the access policy carries its own reason
    return { message: e.code === 'forbidden' ? e.message : ASSESSMENT_TEXTS.refused(e.message, e.details) };
  }
}

/** `tertial.assessment.confirm`: the proposal as it stands, with its draft comment */
export const confirmAssessment: InvokeHandler = (request) => decide(request, (_data, _ref, proposed) => ({ assessment: proposed, comment: null }));

/** `tertial.assessment.decide`: the chosen assessment and comment from the goal's inputs */
export const decideAssessment: InvokeHandler = (request) =>
  decide(request, (data, ref) => ({ assessment: data[assessmentInputId(ref)], comment: data[commentInputId(ref)] }));
