/**
 * The port through which services/publish gets the ledningsgrupp channel's cards: cards/ builds them
 * (view models, Swedish text, Adaptive Card templates, fitted under Teams' size limit); services/publish
 * decides what to post and remembers what was posted, per card key.
 */
import type { GoalAssessmentView, RoundAssessments } from '../assessment/assessment-service';
import type { OutgoingCard } from '../ports/messenger';

/** which card of a round: the summary, or the goal card of a KF goal ('goal:3.1') or of the economic goals */
export type CardKey = 'summary' | `goal:${string}`;

/** a decision being edited in a goal card (the tab's and the chat's "Ändra"), drawn into that card */
export interface GoalCardEditing {
  goalRef: string;
  assessment: string;
  comment: string;
  error: string;
}

export interface ChannelCards {
  /** the round's cards in posting order: the summary first, then the goal cards, each under its key */
  round(round: RoundAssessments, publishedAt: string, reportUrl: string | null, editing?: GoalCardEditing): { key: CardKey; card: OutgoingCard }[];
}

/** the key of the card that shows a goal: its KF goal's card, or the economic goals' card */
export function goalCardKey(view: GoalAssessmentView): CardKey {
  return `goal:${view.goal.kind === 'economic' ? 'economic' : view.goal.kind === 'kf' ? view.goal.ref : view.goal.parentRef}`;
}
