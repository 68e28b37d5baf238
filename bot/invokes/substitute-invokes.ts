/**
 * The `delegera` card's actions: hand over (to the person picked) and take back. Who may is the
 * access policy's ('substitute.assign', asked by services/substitutes); the answer is the card as it
 * now stands, and the substitute is told in their own chat with the owner's items.
 */
import { z } from 'zod';
import { ALL_ACTIVITIES } from '../../cards/substitute-card';
import { renderReminderCard } from '../../cards/reminder-card';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { isTertialError } from '../../services/errors';
import { substituteCardFor } from '../substitute-view';
import type { InvokeHandler, InvokeRequest } from './invoke-types';

const setSchema = z.object({
  roundId: z.string().regex(/^\d{4}-T[123]$/),
  substituteId: z.string().trim().min(1).max(64),
  activityRef: z.string().trim().min(1).max(40),
});
const endSchema = z.object({ roundId: z.string().regex(/^\d{4}-T[123]$/), activityRef: z.string().trim().max(40).optional() });


async function answer(request: InvokeRequest, roundId: string, notice: { text: string; good: boolean }) {
  const round = await request.services.collection.reference.round(roundId);
  if (!round) return { message: notice.text };
  return { card: (await substituteCardFor(request.services, request.user, round, notice)).card };
}

export const setSubstitute: InvokeHandler = async (request) => {
  const parsed = setSchema.safeParse(request.data);
  if (!parsed.success) {
    const missing = parsed.error.issues.some((i) => i.path[0] === 'substituteId');
    return { message: missing ? 'Inte sparat: välj en ersättare.' : BOT_TEXTS.unknownAction };
  }
  const { roundId, substituteId, activityRef } = parsed.data;
  const { services, user } = request;
  try {
    const s = await services.substitutes.delegate(request.user.principal, {
      roundId,
      ownerId: user.aadObjectId,
      substituteId,
      // the picker gives an id; the service names the person from the owners or their chat with the bot
      substituteName: null,
      activityRef: activityRef === ALL_ACTIVITIES ? null : activityRef,
    });
    // the substitute hears of it at once, with the owner's items to report
    const round = await services.collection.reference.currentRound(roundId);
    if (round) {
      const items = (await services.collection.itemsFor(user.aadObjectId, round)).filter((i) => s.activityRef === null || i.activity.ref === s.activityRef);
      const card = renderReminderCard(items, round, { now: services.clock.now(), forOwner: { id: user.aadObjectId, name: user.name } });
      const sent = await services.messenger.sendToUser(substituteId, card).catch(() => null);
      // the substitute's living reminder for the owner until a later one comes
      if (sent?.outcome === 'sent') {
        const activityId = sent.activityId;
        request.after("remember the substitute's reminder", () => services.reminders.remember(user.aadObjectId, round.id, activityId, substituteId));
      }
    }
    return answer(request, roundId, { text: `Sparat: ${s.substituteName} rapporterar för dig (${s.activityRef ? `aktivitet ${s.activityRef}` : 'alla dina aktiviteter'}).`, good: true });
  } catch (e) {
    if (!isTertialError(e)) throw e;
    return answer(request, roundId, { text: `Inte sparat: ${e.message}`, good: false });
  }
};

export const endSubstitute: InvokeHandler = async (request) => {
  const parsed = endSchema.safeParse(request.data);
  if (!parsed.success) return { message: BOT_TEXTS.unknownAction };
  const { roundId, activityRef } = parsed.data;
  try {
    const ended = await request.services.substitutes.takeBack(request.user.principal, { roundId, ownerId: request.user.aadObjectId, activityRef: activityRef ?? null });
    return answer(request, roundId, { text: `Tillbakataget: du rapporterar själv igen (${ended.map((s) => s.substituteName).join(', ')} kan inte längre rapportera för dig).`, good: true });
  } catch (e) {
    if (!isTertialError(e)) throw e;
    return answer(request, roundId, { text: `Inte ändrat: ${e.message}`, good: false });
  }
};
