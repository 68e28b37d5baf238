/** `läge` (admins): the progress card of the open round(s), or of the round named ("läge 2026 T1"). */
import { CardFactory } from 'botbuilder';
import { renderRoundProgressCard } from '../../cards/round-progress-card';
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { isAllowed } from '../../services/access/access-policy';
import { newPressKey } from '../../services/dispatch/dispatcher';
import type { CommandDefinition } from './command-types';
import { forEachRoundMeant } from './round-replies';

export const progressCommand: CommandDefinition = {
  names: ['läge', 'lage', 'progress'],
  help: '**läge** (admin): vem som har svarat, vem som inte har det, vem påminnelsen inte nådde fram till och varför, med Påminn igen per person',
  action: 'round.view',
  async run({ context, services, user, args }) {
    await forEachRoundMeant(context, services, args, T.noOpenRound, async ({ year, tertial }, now) => {
      const progress = await services.rounds.progress(year, tertial);
      const { card, summary } = renderRoundProgressCard(progress, now, { canRemind: isAllowed(user.principal, 'reminders.send'), pressKey: newPressKey() });
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
    });
  },
};
