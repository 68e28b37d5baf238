/**
 * What the ledningsgrupp channel cards show, as data (their view models): built from a round's
 * assessments by cards/ledningsgrupp-cards.ts and rendered by the summary and goal cards.
 */
import type { IsoInstant } from '../services/domain/model';
import type { AssessmentCode, GoalKind, StatusCode, Tertial } from '../services/domain/vocabulary';
import type { GoalCardEditing } from '../services/publish/channel-cards';

export interface SummaryCardInput {
  fullTitle: string;
  organisation: string;
  roundId: string;
  year: number;
  tertial: Tertial;
  /** goals per shown assessment (decided, or proposed where nobody decided) */
  counts: Record<AssessmentCode, number>;
  total: number;
  /** goals still showing a proposal */
  proposals: number;
  /** activities without any status */
  unreported: number;
  reportUrl: string | null;
  publishedAt: IsoInstant;
}

export interface GoalCardGoal {
  ref: string;
  title: string;
  assessment: AssessmentCode;
  proposed: AssessmentCode;
  /** whether the proposal can be confirmed as it stands: any level, or Saknas where the tertial is not assessed; absent: unless Saknas */
  confirmable?: boolean;
  isProposal: boolean;
  comment: string;
  /** activities per combined status; 'unreported' for none yet */
  statusCounts: Partial<Record<StatusCode | 'unreported', number>>;
  decidedBy: string | null;
  decidedAt: IsoInstant | null;
  /** where the decision was made; 'import': brought from an earlier system (its date is the import's, not the decision's) */
  decidedSource: 'teams' | 'cli' | 'import' | null;
  /** why the rule proposes this level (the explanation the CLI prints) */
  why?: string;
}

/** a decision that was refused: the goal's form is shown open with what was entered and why */

export interface GoalCardInput {
  roundId: string;
  year: number;
  tertial: Tertial;
  chapter: { ref: string; title: string; kind: Exclude<GoalKind, 'ks'> };
  goals: GoalCardGoal[];
  /** comments longer than this are cut (to stay under the card size limit); null: whole */
  commentLimit: number | null;
  /** show the confirm/change actions */
  actions: boolean;
  /** a refused decision on one of the card's goals */
  editing?: GoalCardEditing;
}
