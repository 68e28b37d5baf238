/**
 * The domain model. Plain data, no behaviour, no I/O: what the store keeps and what services pass around.
 * Dates are ISO strings: calendar dates as 'YYYY-MM-DD' (Europe/Stockholm), instants as full ISO 8601 UTC.
 */
import type { AssessmentCode, GoalKind, StatusCode, Tertial } from './vocabulary';

/** 'YYYY-MM-DD' */
export type IsoDate = string;
/** full ISO 8601 instant, e.g. '2026-11-23T09:00:00.000Z' */
export type IsoInstant = string;

export interface PlanMeta {
  year: number;
  organisation: string;
  body: string;
  importedAt: IsoInstant;
}

export interface Goal {
  year: number;
  ref: string;
  kind: GoalKind;
  title: string;
  /** the KF goal a KS goal belongs to; null for KF and economic goals */
  parentRef: string | null;
  /** position in the plan, to keep the published order */
  order: number;
  /** set when a re-import no longer contains the goal; never deleted */
  archived: boolean;
}

export interface Activity {
  year: number;
  ref: string;
  goalRef: string;
  title: string;
  description: string | null;
  start: IsoDate | null;
  end: IsoDate;
  units: string[];
  order: number;
  archived: boolean;
}

export type MeasureKind = 'number' | 'text';
export type MeasureDirection = 'higher' | 'lower';
/** a number for a `number` measure, text ("Ja") for a `text` measure */
export type MeasureValue = number | string;

/** A measure (mått) of a goal: how the goal's outcome is measured, against a target. */
export interface Measure {
  year: number;
  /** unique within the year's plan, e.g. '4.1.M1' */
  ref: string;
  goalRef: string;
  name: string;
  /** '%', 'kr', 'placering'; '' for none */
  unit: string;
  kind: MeasureKind;
  /** for numbers: which way is better; null for text measures */
  direction: MeasureDirection | null;
  baseline: { period: string; value: MeasureValue } | null;
  /** the value to reach (a number: at least/at most by direction; text: equal, e.g. "Ja"); null: none set */
  target: { value: MeasureValue } | null;
  /** aadObjectId of the person who reports the measure; null: an admin enters it */
  ownerId: string | null;
  order: number;
  archived: boolean;
}

/** One year's plan, normalized: goals, activities and measures flat, linked by refs. */
export interface Plan {
  meta: PlanMeta;
  goals: Goal[];
  activities: Activity[];
  /** the goals' measures; absent or empty when the plan has none */
  measures?: Measure[];
}

/** 'YYYY' (a year's outcome) or 'YYYY-T1'..'YYYY-T3' (a tertial's) */
export type MeasurePeriod = string;

export interface OutcomeVersion {
  /** null: the outcome is withdrawn (not known) */
  value: MeasureValue | null;
  comment: string | null;
  by: Actor;
  at: IsoInstant;
  source: 'teams' | 'cli' | 'import';
}

/** The outcome of one measure for one period; every change adds a version. */
export interface MeasureOutcome {
  year: number;
  measureRef: string;
  period: MeasurePeriod;
  current: OutcomeVersion;
  history: OutcomeVersion[];
}

/** A person who reports on activities (enhetschef), identified by Entra ID. */
export interface Owner {
  aadObjectId: string;
  name: string;
  email: string | null;
  /** units this person answers for: owns every activity of these units */
  units: string[];
  /** single activities assigned to this person, by year and ref */
  activities: { year: number; ref: string }[];
  /**
   * Set when the person was removed (left the organisation): units and activities are then empty, and
   * what they were is kept here. Absent or null for a current owner; importing the person again with
   * assignments makes them an owner again.
   */
  removed?: OwnerRemoval | null;
}

export interface OwnerRemoval {
  at: IsoInstant;
  by: Actor;
  /** the assignments the person had when removed */
  units: string[];
  activities: { year: number; ref: string }[];
}

export type RoundState = 'scheduled' | 'closed' | 'cancelled';

export interface Round {
  /** `${year}-T${tertial}` */
  id: string;
  year: number;
  tertial: Tertial;
  /** the deadline, a calendar date in Europe/Stockholm */
  deadline: IsoDate;
  /** reminder waves as day offsets before the deadline (negative: after) */
  waves: number[];
  /** local send time 'HH:MM', Europe/Stockholm */
  sendTime: string;
  /** days after the deadline before the round closes by itself */
  graceDays: number;
  /** 'scheduled' rounds are open between their first wave and deadline + grace; admins may close or cancel */
  state: RoundState;
  closedAt: IsoInstant | null;
  createdAt: IsoInstant;
  /** where the round came from: scheduled by an admin, or created by importing results */
  source: 'scheduled' | 'import';
  /** owners away for this round and who stands in for them; absent when none. They end with the round. */
  substitutions?: Substitution[];
}

/**
 * An owner away for a round hands one activity, or all of theirs, to a colleague: the substitute
 * gets the reminders and reports "för <owner>". Kept on the round (it ends with it); taking it back
 * sets `endedAt`, the entry stays as history.
 */
export interface Substitution {
  ownerId: string;
  ownerName: string;
  substituteId: string;
  substituteName: string;
  /** one activity, or null for every activity of the owner */
  activityRef: string | null;
  by: Actor;
  at: IsoInstant;
  endedAt: IsoInstant | null;
  endedBy: Actor | null;
}

export interface Actor {
  /** aadObjectId, or a system actor like 'import' or 'cli' */
  id: string;
  name: string;
}

export interface ReportVersion {
  status: StatusCode | null;
  comment: string | null;
  by: Actor;
  /** set when `by` reported as the owner's substitute: the owner it was reported for */
  onBehalfOf?: Actor;
  at: IsoInstant;
  source: 'teams' | 'cli' | 'import';
  /** the key the submitting card carried: a retry with the same key stores nothing a second time */
  submitId?: string;
}

/** true when a version with this submit key is already in the history (a retried submit) */
export function hasSubmit(history: readonly ReportVersion[], submitId: string | undefined): boolean {
  return submitId !== undefined && history.some((v) => v.submitId === submitId);
}

/** What one owner reported for one activity in one round; every change adds a version. */
export interface StatusReport {
  roundId: string;
  activityRef: string;
  /** aadObjectId of the reporting owner; 'import' for results brought from an earlier system */
  ownerId: string;
  /** the latest version (the last entry of history) */
  current: ReportVersion;
  /** every version, oldest first, current included */
  history: ReportVersion[];
}

export interface AssessmentDecision {
  assessment: AssessmentCode;
  comment: string | null;
  by: Actor;
  at: IsoInstant;
  source: 'teams' | 'cli' | 'import';
}

/** The decided assessment of one goal in one round; every decision is kept. */
export interface GoalAssessment {
  roundId: string;
  goalRef: string;
  current: AssessmentDecision;
  history: AssessmentDecision[];
}

export function roundId(year: number, tertial: Tertial | number): string {
  return `${year}-T${tertial}`;
}
