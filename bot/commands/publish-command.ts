/**
 * `publicera [2025 T3]` (admins): posts or updates the round's cards in the ledningsgrupp channel. A round
 * that is still open is not published at once: the admin is asked first (publish-question card).
 */
import { CardFactory } from 'botbuilder';
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { renderPublishQuestionCard } from '../../cards/publish-question-card';
import { isTertialError } from '../../services/errors';
import { roundPhase } from '../../services/rounds/round-calendar';
import { chooseRound } from './round-choice';
import type { CommandDefinition } from './command-types';

export const publishCommand: CommandDefinition = {
  names: ['publicera', 'publish'],
  help: '**publicera** [2025 T3] (administratörer): publicera målavstämningen i ledningsgruppens kanal; igen uppdaterar korten',
  action: 'round.publish',
  async run({ context, services, user, args }) {
    try {
      const rounds = await services.rounds.list();
      const now = services.clock.now();
      const { year, tertial } = chooseRound(args, rounds, now);
      const chosen = args.trim() === '';
      const round = rounds.find((r) => r.year === year && r.tertial === tertial);
      const phase = round ? roundPhase(round, now) : null;
      if (round && (phase === 'open' || phase === 'upcoming')) {
        const view = await services.assessments.roundAssessments(year, tertial);
        const { card, summary } = renderPublishQuestionCard({
          year,
          tertial,
          phase,
          deadline: round.deadline,
          unreported: view.unreported,
          proposals: view.goals.filter((g) => g.shown.isProposal).length,
          goals: view.goals.length,
          chosen,
        });
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
        return;
      }
      const r = await services.publishing.publish(user.principal, year, tertial);
      await context.sendActivity(ASSESSMENT_TEXTS.published(r.roundId, r.posted.length, r.updated.length, r.failed.map((f) => `${f.key}: ${f.reason}`), chosen));
    } catch (e) {
      if (!isTertialError(e)) throw e;
      await context.sendActivity(ASSESSMENT_TEXTS.refused(e.message, e.details));
    }
  },
};
