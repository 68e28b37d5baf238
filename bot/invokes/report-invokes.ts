/**
 * The status-collection card actions: open an activity's form, submit a report, back to the list.
 * Validation and storage are services/collection's; whose items a card may show, the access policy's
 * (`items.view`); this parses, asks and renders the answer.
 */
import { renderReminderCard } from '../../cards/reminder-card';
import { renderReceiptCard } from '../../cards/report-receipt-card';
import { renderReportFormCard } from '../../cards/report-form-card';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { z } from 'zod';
import { roundLabel } from '../../services/domain/vocabulary';
import { decide } from '../../services/access/access-policy';
import type { InvokeHandler, InvokeRequest } from './invoke-types';

const openSchema = z.object({
  roundId: z.string().regex(/^\d{4}-T[123]$/),
  activityRef: z.string().min(1).max(40).regex(/^[0-9A-Za-z.\-_]+$/),
  ownerId: z.string().min(1).max(64).optional(),
});
const listSchema = z.object({ roundId: z.string().regex(/^\d{4}-T[123]$/) });

/** refusals answered as a message under the card, which stays as the person left it (nothing they typed is echoed) */
const KEEP_THE_CARD = new Set(['report.comment-too-long', 'input.field-too-long', 'input.field-wrong-type', 'input.not-an-object']);

/** whose items: the asker's, or the owner named in the data when the policy allows `items.view` on them */
async function ownerAsked(
  request: InvokeRequest,
  ownerId: string | undefined,
  roundId: string,
  activityRef: string | null,
): Promise<{ ownerId: string } | { refused: string }> {
  const self = request.user.aadObjectId;
  const owner = ownerId ?? self;
  const resource = owner === self ? { ownerId: owner } : await request.services.collection.ownerResource(owner, roundId, activityRef);
  const decision = decide(request.user.principal, 'items.view', resource);
  return decision.allowed ? { ownerId: owner } : { refused: decision.reason };
}

export const openReportForm: InvokeHandler = async (request) => {
  const parsed = openSchema.safeParse(request.data);
  if (!parsed.success) return { message: BOT_TEXTS.unknownAction };
  const { roundId, activityRef, ownerId } = parsed.data;
  const asked = await ownerAsked(request, ownerId, roundId, activityRef);
  if ('refused' in asked) return { message: asked.refused };
  const owner = asked.ownerId;
  const found = await request.services.collection.item(owner, roundId, activityRef);
  if (!found) return { message: `Du är inte ägare till aktivitet ${activityRef} i omgången ${roundLabel(roundId)}.` };
  if (!request.services.collection.isOpen(found.round)) {
    return { message: `Omgången ${roundLabel(found.round.id)} är stängd.` };
  }
  return { card: renderReportFormCard(found.item, found.round, { ownerId: owner !== request.user.aadObjectId ? owner : undefined }).card };
};

export const submitReportAction: InvokeHandler = async (request) => {
  const { user, services } = request;
  const outcome = await services.collection.submit(user.principal, request.data);
  if (outcome.ok) {
    const forOwnerId = outcome.report.ownerId !== user.aadObjectId ? outcome.report.ownerId : undefined;
    // a substitute's receipt counts what is handed to them; anyone else's all the owner's activities
    const { progress, handedBy } = await services.collection.receiptProgress(user.aadObjectId, outcome.round, outcome.report);
    // the owner's latest reminder, and that of each substitute the activity is handed to, shows the new
    // progress, after the card acted on is answered
    const replyToId = request.context.activity.replyToId;
    const redraw = { actorId: user.aadObjectId, activityRef: outcome.report.activityRef };
    request.after('redraw the living reminder', () => services.reminders.refresh(outcome.report.ownerId, outcome.round, replyToId, redraw));
    return {
      card: renderReceiptCard(outcome.report, outcome.activity, outcome.round, {
        open: services.collection.isOpen(outcome.round),
        forOwnerId,
        progress,
        handedBy: handedBy ?? undefined,
      }).card,
    };
  }
  if (outcome.id && KEEP_THE_CARD.has(outcome.id)) return { message: `Inte sparat: ${outcome.reason}` };
  // no answer from the store in time: the card stays (with its submit key) so that a retry stores once
  if (outcome.code === 'store-unavailable') return { message: outcome.reason };
  // refused: show the form again with the reason and what the user wrote, if the user may see the form
  const data = (request.data ?? {}) as Record<string, unknown>;
  // the form is looked up only for ids of the right shape (a malformed id is no item: the refusal stands alone)
  const ids = openSchema.safeParse(data);
  const asked = ids.success ? await ownerAsked(request, ids.data.ownerId, ids.data.roundId, ids.data.activityRef) : { ownerId: user.aadObjectId };
  if ('refused' in asked) return { message: `Inte sparat: ${outcome.reason}` };
  const owner = asked.ownerId;
  const found = ids.success ? await services.collection.item(owner, ids.data.roundId, ids.data.activityRef) : null;
  if (!found || outcome.code === 'round-closed') return { message: `Inte sparat: ${outcome.reason}` };
  const values = {
    status: typeof data.status === 'string' ? data.status : null,
    comment: typeof data.comment === 'string' ? data.comment : null,
  };
  return {
    card: renderReportFormCard(found.item, found.round, {
      error: `Inte sparat: ${outcome.reason}`,
      values,
      ownerId: owner !== user.aadObjectId ? owner : undefined,
    }).card,
  };
};

export const showReportList: InvokeHandler = async (request) => {
  const parsed = listSchema.safeParse(request.data);
  if (!parsed.success) return { message: BOT_TEXTS.unknownAction };
  // a substitute's list is the owner's, when the list they came from was
  const listOwner = typeof (request.data as { ownerId?: unknown }).ownerId === 'string' ? (request.data as { ownerId: string }).ownerId : undefined;
  const asked = await ownerAsked(request, listOwner, parsed.data.roundId, null);
  if ('refused' in asked) return { message: asked.refused };
  const round = await request.services.collection.reference.round(parsed.data.roundId);
  if (!round) return { message: BOT_TEXTS.unknownAction };
  // a substitute's list is what the owner handed to them, as on their "för" reminder
  const items = await request.services.collection.listFor(request.user.aadObjectId, asked.ownerId, round);
  const owner = asked.ownerId;
  const notice = request.services.collection.isOpen(round) ? undefined : 'Omgången är stängd.';
  const forOwner = owner !== request.user.aadObjectId ? { id: owner, name: (await request.services.collection.reference.owner(owner))?.name ?? owner } : undefined;
  // the person's own list points to their measures, as their reminder does
  const measures = forOwner ? 0 : await request.services.collection.measureCount(owner, round);
  return { card: renderReminderCard(items, round, { notice, now: request.services.clock.now(), forOwner, measures }).card };
};
