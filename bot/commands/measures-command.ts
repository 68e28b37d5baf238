/** `mått`: the measures the asker reports in the open round, with a field per measure (the card). */
import { CardFactory } from 'botbuilder';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { renderMeasureCard } from '../../cards/measure-card';
import type { CommandDefinition } from './command-types';

export const measuresCommand: CommandDefinition = {
  names: ['mått', 'matt', 'measures'],
  help: '**mått**: dina mått i den öppna omgången, med mål, senaste utfall och ett fält för utfallet',
  forOwners: true,
  async run({ context, services, user }) {
    const [round] = await services.collection.openRounds();
    if (!round) {
      await context.sendActivity(BOT_TEXTS.noOpenRounds);
      return;
    }
    const measures = await services.measures.measuresFor(user.aadObjectId, round);
    if (measures.length === 0) {
      await context.sendActivity('Du har inga mått att rapportera. Mått och deras ägare läggs in av en administratör (tertial import measures).');
      return;
    }
    const { card, summary } = renderMeasureCard(round, measures);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
  },
};
