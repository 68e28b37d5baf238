/** `status` / `mina aktiviteter`: the asker's items in every open round, as the reminder card. */
import { CardFactory } from 'botbuilder';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { renderReminderCard } from '../../cards/reminder-card';
import type { CommandDefinition } from './command-types';

export const statusCommand: CommandDefinition = {
  names: ['status', 'mina aktiviteter', 'my items', 'my activities'],
  help: '**status** (eller **mina aktiviteter**): dina aktiviteter i den öppna omgången, med knappar för att rapportera',
  forOwners: true,
  async run({ context, services, user }) {
    const rounds = await services.collection.openRounds();
    if (rounds.length === 0) {
      await context.sendActivity(BOT_TEXTS.noOpenRounds);
      return;
    }
    const open = await services.collection.openItems(user.aadObjectId);
    // what colleagues handed to this person for the round, one card per owner, reported "för" them
    const standIn = await services.collection.substituteItems(user.aadObjectId);
    if (open.length === 0 && standIn.length === 0) {
      await context.sendActivity(BOT_TEXTS.notAnOwner);
      return;
    }
    for (const { round, items, measures, ownerId, ownerName } of standIn) {
      const { card, summary } = renderReminderCard(items, round, { now: services.clock.now(), forOwner: { id: ownerId, name: ownerName }, measures });
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
      // the substitute's living reminder for that owner
      await services.reminders.remember(ownerId, round.id, sent?.id ?? '', user.aadObjectId);
    }
    for (const { round, items, measures } of open) {
      const { card, summary } = renderReminderCard(items, round, { now: services.clock.now(), measures });
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
      await services.reminders.remember(user.aadObjectId, round.id, sent?.id ?? '');
    }
  },
};
