/**
 * `påminn nu` (admins): a reminder now to every owner with something unreported in the open round(s),
 * through the same outbox as the scheduled waves (keyed by the day: asking twice sends nothing twice).
 */
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { SenderBusyError } from '../../services/dispatch/dispatcher';
import { roundId } from '../../services/domain/model';
import type { CommandDefinition } from './command-types';
import { forEachRoundMeant } from './round-replies';

export const remindNowCommand: CommandDefinition = {
  names: ['påminn nu', 'paminn nu', 'påminn', 'remind now'],
  help: '**påminn nu** (admin): påminn alla som har något kvar att rapportera, nu',
  action: 'reminders.send',
  async run({ context, services, args }) {
    await forEachRoundMeant(context, services, args, T.notOpenForReminders, async ({ year, tertial }) => {
      try {
        const result = await services.dispatcher.remindNow(year, tertial);
        await context.sendActivity(T.reminded(roundId(year, tertial), result));
      } catch (e) {
        if (!(e instanceof SenderBusyError)) throw e;
        await context.sendActivity(e.message);
      }
    });
  },
};
