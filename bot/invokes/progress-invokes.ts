/**
 * "Påminn igen" on a person's row of the `läge` card (whom the policy allows `reminders.send`): one reminder to that person now, then
 * the card redrawn in place with the outcome on top. The reminder goes through the dispatcher like the tab's "Påminn"
 * (Dispatcher.remindOwner), keyed by the card's press key, so a double click or a retried invoke sends once; the redrawn
 * card carries a new key, so pressing again there sends again.
 */
import { z } from 'zod';
import { decide } from '../../services/access/access-policy';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { renderRoundProgressCard } from '../../cards/round-progress-card';
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { newPressKey, oneReminderOutcome, PRESS_KEY_PATTERN } from '../../services/dispatch/dispatcher';
import { isTertialError } from '../../services/errors';
import { isRoundOpen } from '../../services/rounds/round-calendar';
import type { InvokeHandler } from './invoke-types';

const schema = z.object({
  roundId: z.string().regex(/^\d{4}-T[123]$/),
  ownerId: z.string().min(1).max(64),
  // absent on a card drawn before presses had keys: that card is redrawn with keys, nothing is sent
  press: z.string().regex(PRESS_KEY_PATTERN).optional(),
});

/** how long the invoke waits for the reminder's outcome before answering that it is on its way (Teams waits for an invoke only so long) */
export const REMIND_ANSWER_WAIT_MS = 8_000;

export const remindOwnerAgain: InvokeHandler = async ({ services, user, data }) => {
  const access = decide(user.principal, 'reminders.send');
  if (!access.allowed) return { message: access.reason };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { message: BOT_TEXTS.unknownAction };
  const round = await services.collection.reference.round(parsed.data.roundId);
  if (!round) return { message: BOT_TEXTS.unknownAction };
  if (!isRoundOpen(round, services.clock.now())) return { message: 'Omgången är inte öppen: ingen påminnelse skickades.' };
  const owner = await services.collection.reference.owner(parsed.data.ownerId);
  if (!owner) return { message: 'Personen finns inte bland ägarna längre: ingen påminnelse skickades.' };
  let notice: { text: string; good: boolean };
  if (!parsed.data.press) {
    notice = { text: T.remindPressAgain, good: false };
  } else {
    try {
      const result = await settledWithin(services.dispatcher.remindOwner(round.year, round.tertial, owner.aadObjectId, parsed.data.press), REMIND_ANSWER_WAIT_MS);
      notice = T.remindedOne(owner.name, result ? oneReminderOutcome(result) : { outcome: 'pending' });
    } catch (e) {
      // refused (another instance is sending, the round closed meanwhile): the catalogue's reason, nothing sent
      if (!isTertialError(e)) throw e;
      notice = { text: e.message, good: false };
    }
  }
  const progress = await services.rounds.progress(round.year, round.tertial);
  return { card: renderRoundProgressCard(progress, services.clock.now(), { notice, canRemind: true, pressKey: newPressKey() }).card };
};

/** the promise's value, or null if it has not settled within `ms` (it goes on; what it sends is recorded in the outbox, and `läge` shows it) */
function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
