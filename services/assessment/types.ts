/** What the assessment engine reads and writes: plain data, no I/O. */
import type { IsoDate, Measure, MeasurePeriod, MeasureValue } from '../domain/model';
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

/** One measure of a goal as the engine sees it in a round: its target and the outcome that counts. */
export interface MeasureState {
  ref: string;
  name: string;
  unit: string;
  kind: Measure['kind'];
  direction: Measure['direction'];
  baseline: Measure['baseline'];
  target: Measure['target'];
  /** the outcome for the round's period (periodsForRound), or null when none is reported */
  outcome: { period: MeasurePeriod; value: MeasureValue; comment: string | null } | null;
}

export interface GoalState {
  ref: string;
  /** KS and economic goals; a KF goal only when it has measures (its measures decide it) */
  kind: GoalKind;
  title: string;
  /** the KF goal above a KS goal; null for KF and economic goals */
  parentRef: string | null;
  activities: ActivityState[];
  /** the goal's measures; empty when it has none */
  measures: MeasureState[];
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
  | { rule: 'level'; index: number }
  /** from the measures alone: a level of the measure table, or no measure with an outcome yet */
  | { rule: 'measure-level'; index: number }
  | { rule: 'no-outcomes' }
  /** a goal with measures and activities: both proposals and how they combine (rules.combine) */
  | { rule: 'combined'; measures: AssessmentCode; activities: AssessmentCode };

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
  /** per measure: whether its outcome reaches the target (null: no outcome, or no target) */
  measures: { ref: string; reached: boolean | null }[];
}
