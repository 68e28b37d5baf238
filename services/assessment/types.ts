/** What the assessment engine reads and writes: plain data, no I/O. */
import type { IsoDate } from '../domain/model';
import type { AssessmentCode, GoalKind, StatusCode, Tertial } from '../domain/vocabulary';
import type { ActivityCondition } from './rules';

/** One activity as the engine sees it in a round: its combined status and its owners' comments. */
export interface ActivityState {
  ref: string;
  title: string;
  description: string | null;
  start: IsoDate | null;
  end: IsoDate;
  /** the combined status of the activity's reports (combined-status.ts); null while nobody reported */
  status: StatusCode | null;
  /** the owners' comments; one per reporting owner that wrote one */
  comments: { by: string | null; text: string }[];
}

export interface GoalState {
  ref: string;
  kind: Exclude<GoalKind, 'kf'>;
  title: string;
  /** the KF goal above a KS goal; null for economic goals */
  parentRef: string | null;
  activities: ActivityState[];
}

export interface RoundContext {
  year: number;
  tertial: Tertial;
}

/** Which rule gave the proposal: a stated rule, the met rule, or a level of the table (its index). */
export type RuleHit =
  | { rule: 'not-assessed' }
  | { rule: 'no-activities' }
  | { rule: 'nothing-reported' }
  | { rule: 'all-done' }
  | { rule: 'no-deviation' }
  | { rule: 'level'; index: number };

export interface Proposal {
  goalRef: string;
  proposed: AssessmentCode;
  hit: RuleHit;
  /** why, in Swedish: "3 av 4 aktiviteter avslutade enligt plan; 1 avslutad med avvikelse: …" */
  explanation: string;
  /** a draft goal comment in the style of the published ones, ending with the conclusion */
  draftComment: string;
  /** activities per condition */
  conditions: Record<ActivityCondition, number>;
}
