/** `delegera` / `ersättare`: hand one activity or all of one's own to a colleague for the round, or take it back (the card). */
import { CardFactory } from 'botbuilder';
import { roundForHandover, substituteCardFor } from '../substitute-view';
import type { CommandDefinition } from './command-types';

export const delegateCommand: CommandDefinition = {
  names: ['delegera', 'ersättare', 'ersattare', 'delegate', 'substitute'],
  help: '**delegera** (eller **ersättare**): lämna över en aktivitet eller alla dina till en kollega när du är borta under omgången, eller ta tillbaka',
  forOwners: true,
  async run({ context, services, user }) {
    const round = await roundForHandover(services);
    if (!round) {
      await context.sendActivity('Det finns ingen pågående eller kommande omgång att lämna över.');
      return;
    }
    const items = await services.collection.itemsFor(user.aadObjectId, round);
    if (items.length === 0) {
      await context.sendActivity('Du har inga aktiviteter i omgången att lämna över.');
      return;
    }
    const { card, summary } = await substituteCardFor(services, user, round);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
  },
};
