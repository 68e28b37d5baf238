/**
 * `bedömningar [2025 T3]` in the personal chat (ledningsgrupp and admins): the round's goal cards, the
 * same as in the channel, to confirm or change assessments here.
 */
import { CardFactory } from 'botbuilder';
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { isTertialError } from '../../services/errors';
import { chooseRound } from './round-choice';
import type { CommandDefinition } from './command-types';

export const assessmentsCommand: CommandDefinition = {
  names: ['bedömningar', 'bedömning', 'bedöm', 'assessments'],
  help: '**bedömningar** [2025 T3] (ledningsgruppen): målens föreslagna bedömningar, att bekräfta eller ändra',
  action: 'assessment.view',
  async run({ context, services, args }) {
    try {
      const { year, tertial } = chooseRound(args, await services.rounds.list(), services.clock.now());
      for (const { card, summary } of await services.publishing.goalCards(year, tertial)) {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
      }
    } catch (e) {
      if (!isTertialError(e)) throw e;
      await context.sendActivity(ASSESSMENT_TEXTS.refused(e.message, e.details));
    }
  },
};
