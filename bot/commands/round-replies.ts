/** Shared by the admin round commands: a refused action is answered with its reasons, not a crash. */
import type { TurnContext } from 'botbuilder';
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { isTertialError } from '../../services/errors';
import { chooseRound } from './round-choice';
import { roundPhase } from '../../services/rounds/round-calendar';
import type { Round } from '../../services/domain/model';
import type { BotServices } from '../bot-context';

export async function replyWithErrors(context: TurnContext, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (e) {
    if (!isTertialError(e)) throw e;
    await context.sendActivity(T.rejected(e.message, e.details));
  }
}

/**
 * Runs `each` for the round the admin named in `args`, or for every open round; answers `none`
 * when there is no such round, and a refusal with its reasons.
 */
export async function forEachRoundMeant(
  context: TurnContext,
  services: Pick<BotServices, 'rounds' | 'clock'>,
  args: string,
  none: string,
  each: (round: { year: number; tertial: number }, now: Date) => Promise<void>,
): Promise<void> {
  await replyWithErrors(context, async () => {
    const now = services.clock.now();
    const targets = roundsMeant(args, await services.rounds.list(), now);
    if (targets.length === 0) {
      await context.sendActivity(none);
      return;
    }
    for (const target of targets) await each(target, now);
  });
}

/** the round the admin named ("2026 T1"), else every open round */
export function roundsMeant(args: string, rounds: readonly Round[], now: Date): { year: number; tertial: number }[] {
  if (args.trim()) return [chooseRound(args, rounds, now)];
  return rounds.filter((r) => roundPhase(r, now) === 'open').map((r) => ({ year: r.year, tertial: r.tertial }));
}
