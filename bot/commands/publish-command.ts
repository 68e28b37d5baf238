/** `publicera [2025 T3]` (admins): posts or updates the round's cards in the ledningsgrupp channel. */
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { isTertialError } from '../../services/errors';
import { chooseRound } from './round-choice';
import type { CommandDefinition } from './command-types';

export const publishCommand: CommandDefinition = {
  names: ['publicera', 'publish'],
  help: '**publicera** [2025 T3] (administratörer): publicera målavstämningen i ledningsgruppens kanal; igen uppdaterar korten',
  action: 'round.publish',
  async run({ context, services, user, args }) {
    try {
      const { year, tertial } = chooseRound(args, await services.rounds.list(), services.clock.now());
      const r = await services.publishing.publish(user.principal, year, tertial);
      await context.sendActivity(ASSESSMENT_TEXTS.published(r.roundId, r.posted.length, r.updated.length, r.failed.map((f) => `${f.key}: ${f.reason}`)));
    } catch (e) {
      if (!isTertialError(e)) throw e;
      await context.sendActivity(ASSESSMENT_TEXTS.refused(e.message, e.details));
    }
  },
};
