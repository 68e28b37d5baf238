/** `läge` (admins): the progress card of the open round(s), or of the round named ("läge 2026 T1"). */
import { CardFactory } from 'botbuilder';
import { renderRoundProgressCard } from '../../cards/round-progress-card';
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { loadRoundProgress } from '../../services/rounds/round-progress';
import type { CommandDefinition } from './command-types';
import { forEachRoundMeant } from './round-replies';

export const progressCommand: CommandDefinition = {
  names: ['läge', 'lage', 'progress'],
  help: '**läge** (admin): vilka som rapporterat, vilka som saknas, påminnelser och onåbara ägare',
  admin: true,
  async run({ context, services, args }) {
    await forEachRoundMeant(context, services, args, T.noOpenRound, async ({ year, tertial }, now) => {
      const progress = await loadRoundProgress({ ...services.store, clock: services.clock }, year, tertial);
      const { card, summary } = renderRoundProgressCard(progress, now);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
    });
  },
};
