/**
 * The assessment card actions (channel and personal chat): confirm a proposal, or decide with a
 * comment. Authorization and validation are services/assessment's; the answer replaces the card in
 * place with the goal's card as it now stands, and the channel's card is updated too.
 */
import { z } from 'zod';
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { isTertialError } from '../../services/errors';
import { assessmentInputId, commentInputId } from '../../services/publish/channel-cards';
import type { Tertial } from '../../services/domain/vocabulary';
import type { InvokeHandler, InvokeRequest, InvokeResult } from './invoke-types';

const base = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  tertial: z.coerce.number().int().min(1).max(3),
  goalRef: z.string().trim().min(1).max(40),
});

async function decide(request: InvokeRequest, pick: (data: Record<string, unknown>, goalRef: string, proposed: string) => { assessment: unknown; comment: unknown }): Promise<InvokeResult> {
  const parsed = base.safeParse(request.data);
  if (!parsed.success) return { message: ASSESSMENT_TEXTS.refused('okänd eller trasig knapp', parsed.error.issues.map((i) => i.path.join('.'))) };
  const { year, goalRef } = parsed.data;
  const tertial = parsed.data.tertial as Tertial;
  const { services, user } = request;
  try {
    const round = await services.assessments.roundAssessments(year, tertial);
    const view = round.goals.find((g) => g.goal.ref === goalRef);
    const chosen = pick(request.data as Record<string, unknown>, goalRef, view?.proposal.proposed ?? '');
    await services.assessments.decide(user.principal, {
      year,
      tertial,
      goalRef,
      assessment: chosen.assessment as 'met',
      comment: typeof chosen.comment === 'string' ? chosen.comment : null,
      source: 'teams',
    });
    await services.publishing.refreshGoal(year, tertial, goalRef).catch(() => false);
    const card = await services.publishing.cardForGoal(year, tertial, goalRef);
    return card ? { card: card.card } : { message: ASSESSMENT_TEXTS.decided(goalRef, '') };
  } catch (e) {
    if (!isTertialError(e)) throw e;
    // a refusal by the access policy carries its own reason
    return { message: e.code === 'forbidden' ? e.message : ASSESSMENT_TEXTS.refused(e.message, e.details) };
  }
}

/** `tertial.assessment.confirm`: the proposal as it stands, with its draft comment */
export const confirmAssessment: InvokeHandler = (request) => decide(request, (_data, _ref, proposed) => ({ assessment: proposed, comment: null }));

/** `tertial.assessment.decide`: the chosen assessment and comment from the goal's inputs */
export const decideAssessment: InvokeHandler = (request) =>
  decide(request, (data, ref) => ({ assessment: data[assessmentInputId(ref)], comment: data[commentInputId(ref)] }));
