/** `läge` (admins): the progress card of the open round(s), or of the round named ("läge 2026 T1"). */
import { CardFactory } from 'botbuilder';
import { renderRoundProgressCard } from '../../cards/round-progress-card';
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { loadRoundProgress } from '../../services/rounds/round-progress';
import type { CommandDefinition } from './command-types';
import { replyWithErrors, roundsMeant } from './round-replies';

export const progressCommand: CommandDefinition = {
  names: ['läge', 'lage', 'progress'],
  help: '**läge** (admin): vilka som rapporterat, vilka som saknas, påminnelser och onåbara ägare',
  admin: true,
  async run({ context, services, args }) {
    await replyWithErrors(context, async () => {
      const now = services.clock.now();
      const targets = roundsMeant(args, await services.store.rounds.list(), now);
      if (targets.length === 0) {
        await context.sendActivity(T.noOpenRound);
        return;
      }
      for (const { year, tertial } of targets) {
        const progress = await loadRoundProgress({ ...services.store, clock: services.clock }, year, tertial);
        const { card, summary } = renderRoundProgressCard(progress, now);
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
      }
    });
  },
};
