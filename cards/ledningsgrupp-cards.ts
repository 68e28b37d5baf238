/**
 * The ledningsgrupp channel's cards of a round, as services/publish receives them (its ChannelCards
 * port): the view models built from the round's assessments, rendered by the summary and goal cards,
 * each goal card fitted under Teams' message limit by shortening comments step by step.
 */
import type { GoalAssessmentView, RoundAssessments } from '../services/assessment/assessment-service';
import { GOAL_KIND_LABELS, type StatusCode } from '../services/domain/vocabulary';
import { TertialError } from '../services/errors';
import type { OutgoingCard } from '../services/ports/messenger';
import type { CardKey, ChannelCards, GoalCardEditing } from '../services/publish/channel-cards';
import type { GoalCardInput, SummaryCardInput } from './channel-card-models';
import { renderGoalCard } from './ledningsgrupp-goal-card';
import { renderSummaryCard } from './ledningsgrupp-summary-card';
import { cardSize } from './literal-text';

/** Teams rejects messages over 40 KB; the card JSON stays under this, leaving room for the envelope */
export const MAX_CARD_BYTES = 36_000;
const COMMENT_LIMITS = [null, 1500, 800, 400, 200, 80, 0] as const;

function statusCounts(v: GoalAssessmentView): Partial<Record<StatusCode | 'unreported', number>> {
  const counts: Partial<Record<StatusCode | 'unreported', number>> = {};
  for (const a of v.goal.activities) {
    const k = a.status ?? 'unreported';
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** the cards of a round: the summary, then one per KF goal with KS goals, then the economic goals */
export function roundCards(
  round: RoundAssessments,
  publishedAt: string,
  reportUrl: string | null,
  editing?: GoalCardEditing,
): { key: CardKey; card: OutgoingCard }[] {
  const counts = { met: 0, 'partly-met': 0, 'barely-met': 0, 'not-met': 0, missing: 0 };
  for (const g of round.goals) counts[g.shown.assessment]++;
  const summary: SummaryCardInput = {
    fullTitle: `Målavstämning, tertial ${round.tertial} ${round.year} — ${round.plan.meta.body}`,
    organisation: round.plan.meta.organisation,
    roundId: round.roundId,
    year: round.year,
    tertial: round.tertial,
    counts,
    total: round.goals.length,
    proposals: round.goals.filter((g) => g.shown.isProposal).length,
    unreported: round.unreported,
    reportUrl,
    publishedAt,
  };
  const out: { key: CardKey; card: OutgoingCard }[] = [{ key: 'summary', card: renderSummaryCard(summary) }];
  const chapters = [
    ...round.kfGoals.map((kf) => ({ chapter: { ref: kf.ref, title: kf.title, kind: 'kf' as const }, goals: round.goals.filter((g) => g.goal.ref === kf.ref || (g.goal.parentRef === kf.ref && g.goal.kind === 'ks')) })),
    { chapter: { ref: 'economic', title: GOAL_KIND_LABELS.economic, kind: 'economic' as const }, goals: round.goals.filter((g) => g.goal.kind === 'economic') },
  ].filter((c) => c.goals.length > 0);
  for (const c of chapters) {
    const input: Omit<GoalCardInput, 'commentLimit'> = {
      roundId: round.roundId,
      year: round.year,
      tertial: round.tertial,
      chapter: c.chapter,
      actions: true,
      goals: c.goals.map((v) => ({
        ref: v.goal.ref,
        title: v.goal.title,
        assessment: v.shown.assessment,
        proposed: v.proposal.proposed,
        confirmable: v.proposal.proposed !== 'missing' || v.proposal.hit.rule === 'not-assessed',
        isProposal: v.shown.isProposal,
        comment: v.shown.comment,
        statusCounts: statusCounts(v),
        decidedBy: v.final?.by.name ?? null,
        decidedAt: v.final?.at ?? null,
        decidedSource: v.final?.source ?? null,
        why: v.shown.isProposal ? v.proposal.explanation : undefined,
      })),
      editing: editing && c.goals.some((g) => g.goal.ref === editing.goalRef) ? editing : undefined,
    };
    out.push({ key: `goal:${c.chapter.ref}`, card: fitGoalCard(input) });
  }
  return out;
}

/** renders the goal card with whole comments, shortening them step by step until it fits */
export function fitGoalCard(input: Omit<GoalCardInput, 'commentLimit'>, render: (input: GoalCardInput) => OutgoingCard = renderGoalCard): OutgoingCard {
  let card: OutgoingCard | null = null;
  for (const commentLimit of COMMENT_LIMITS) {
    card = render({ ...input, commentLimit });
    if (cardSize(card.card) <= MAX_CARD_BYTES) return card;
  }
  // even without comments: drop the actions (decisions still possible in the personal chat and the CLI)
  card = render({ ...input, commentLimit: 0, actions: false });
  if (cardSize(card.card) <= MAX_CARD_BYTES) return card;
  throw new TertialError('invalid-input', `Kortet för ${input.chapter.ref} blir större än ${MAX_CARD_BYTES} byte även utan kommentarer`);
}

export const ledningsgruppCards: ChannelCards = { round: roundCards };
