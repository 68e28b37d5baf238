/**
 * "Påminn igen" on a person's row of the `läge` card (whom the policy allows `reminders.send`): one reminder to that person now, then
 * the card redrawn in place with the outcome on top. Sending and recording are services/collection's.
 */
import { z } from 'zod';
import { decide } from '../../services/access/access-policy';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { renderRoundProgressCard } from '../../cards/round-progress-card';
import { isRoundOpen } from '../../services/rounds/round-calendar';
import { explainReachProblem } from '../../services/rounds/reach-problems';
import type { InvokeHandler } from './invoke-types';

const schema = z.object({ roundId: z.string().regex(/^\d{4}-T[123]$/), ownerId: z.string().min(1).max(64) });

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
  const outcome = await services.reminders.remindAgain(owner.aadObjectId, round);
  const notice =
    outcome.outcome === 'sent'
      ? { text: `Påminnelse skickad till ${owner.name} nu.`, good: true }
      : outcome.outcome === 'already'
        ? { text: `${owner.name} fick en påminnelse för mindre än en minut sedan.`, good: true }
        : { text: `Påminnelsen nådde inte fram till ${owner.name}: ${explainReachProblem(outcome.state === 'retry' ? 'failed' : outcome.state, outcome.reason).reason}.`, good: false };
  const progress = await services.rounds.progress(round.year, round.tertial);
  return { card: renderRoundProgressCard(progress, services.clock.now(), { notice, canRemind: true }).card };
};
