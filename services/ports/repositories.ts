/**
 * Storage ports. services/ depends on these interfaces only; services/store/ implements them
 * with @azure/cosmos. Every method that changes a stored item guards it with the item's ETag.
 */
import type {
  Actor,
  AssessmentDecision,
  GoalAssessment,
  IsoInstant,
  MeasureOutcome,
  OutcomeVersion,
  Owner,
  Plan,
  ReportVersion,
  Round,
  StatusReport,
} from '../domain/model';

export interface PlanSaveSummary {
  year: number;
  goals: { added: number; updated: number; archived: number; unchanged: number };
  activities: { added: number; updated: number; archived: number; unchanged: number };
  /** absent from stores that keep no measures */
  measures?: { added: number; updated: number; archived: number; unchanged: number };
}

/**
 * A conditional read: `changed: false` when the item still has `version` (its ETag), else the current
 * value (null: absent) and its version. One small request; Cosmos DB answers an unchanged item with 304.
 */
export type ReadIfChanged<T> = { changed: false } | { changed: true; value: T | null; version: string | null };

export interface PlanRepository {
  /** the year's plan, archived goals and activities included (they carry archived: true) */
  get(year: number): Promise<Plan | null>;
  years(): Promise<number[]>;
  /**
   * The version of the year's plan (changes with every save), read only if it differs from `version`:
   * lets a cache check in one point read that its plan is current. Optional: without it caches reload.
   */
  versionIfChanged?(year: number, version: string | null): Promise<ReadIfChanged<string>>;
  /**
   * Writes the plan by ref: new refs are added, known refs updated, refs no longer present archived.
   * Nothing is deleted.
   */
  save(plan: Plan): Promise<PlanSaveSummary>;
}

/** what a round's progress needs of an owner */
export type OwnerAssignments = Pick<Owner, 'aadObjectId' | 'name' | 'units' | 'activities'>;

/** what a round's progress needs of a report: whose, which activity, and its current status and time */
export type CurrentReport = Pick<StatusReport, 'activityRef' | 'ownerId'> & { current: Pick<ReportVersion, 'status' | 'at'> };

export interface OwnerRepository {
  list(): Promise<Owner[]>;
  /**
   * every owner's assignments only (no email, no removal record), sorted by name like list(); optional:
   * callers fall back to list(). Reads a fraction of what list() reads, for a round's progress.
   */
  listAssignments?(): Promise<OwnerAssignments[]>;
  /** every owner, page by page as read (any order; the first page at most `firstPageSize`), so a consumer can start before the last page; optional */
  pages?(firstPageSize: number): AsyncIterable<Owner[]>;
  get(aadObjectId: string): Promise<Owner | null>;
  /** upserts each owner by aadObjectId (a full replacement of that owner's assignments) */
  upsertMany(owners: Owner[]): Promise<void>;
  /** the version of the owner list as a whole (changes with every owner write), read only if it differs from `version`; optional */
  versionIfChanged?(version: string | null): Promise<ReadIfChanged<string>>;
  /** read-modify-write of one owner under the ETag; `change` may be called again after a conflict; not-found if absent */
  update(aadObjectId: string, change: (current: Owner) => Owner): Promise<Owner>;
}

export interface RoundRepository {
  get(id: string): Promise<Round | null>;
  /** the round, read only if it no longer has `version` (its ETag); optional: callers fall back to get() */
  getIfChanged?(id: string, version: string | null): Promise<ReadIfChanged<Round>>;
  list(): Promise<Round[]>;
  /** creates the round; fails with a StoreError 'conflict' if a round with that id exists */
  create(round: Round): Promise<Round>;
  /**
   * read-modify-write under the ETag; `change` may be called again after a conflict. A store whose
   * submits skip reading the round (see RoundGuard) fences the reports the change concerns
   * (services/rounds/report-fence.ts) before it returns.
   */
  update(id: string, change: (current: Round) => Round): Promise<Round>;
  /**
   * finishes the fences a writer began and did not finish (it stopped between the round's write and
   * the fence); returns the ids of the rounds fenced. Optional: a store without fences has none.
   */
  completeFences?(): Promise<string[]>;
}

/**
 * What a card submit hands the report's append so it need not read the round on every submit: the
 * version of the round it was checked against, and a way to check it again against the round as
 * stored now. The store writes without `confirm` only under an ETag it holds from its own write of
 * that report checked against the same round version; a round change fences those ETags
 * (services/rounds/report-fence.ts). Any other write (a first report, a report read but not written
 * here, a write refused for its ETag) is preceded by `confirm`, called after the report's ETag was
 * learned, so a change fenced before then is seen.
 */
export interface RoundGuard {
  /** the round's version (its ETag) the submit was checked against; null when the store has none */
  version: string | null;
  /**
   * checks the submit again against the round as stored now and returns that round's version; throws
   * the refusal. May also be called once after the write has been answered, to vouch for a created
   * report's ETag (a refusal then only leaves the ETag unchecked).
   */
  confirm(): Promise<string | null>;
}

export interface ReportRepository {
  get(roundId: string, activityRef: string, ownerId: string): Promise<StatusReport | null>;
  listByRound(roundId: string): Promise<StatusReport[]>;
  /** the round's reports without their history (who, which activity, the current status and when); optional: callers fall back to listByRound() */
  listCurrentByRound?(roundId: string): Promise<CurrentReport[]>;
  listByOwner(roundId: string, ownerId: string): Promise<StatusReport[]>;
  /**
   * Adds a version to the report (creating it if new). Concurrent appends never lose a version:
   * a conflict re-reads and appends again. A version whose `submitId` is already in the history
   * (a retried submit) is not added again: the report is returned as stored. With a `guard`, the
   * version is written only while the round allows it (RoundGuard); a refusal writes nothing.
   */
  append(roundId: string, activityRef: string, ownerId: string, version: ReportVersion, guard?: RoundGuard): Promise<StatusReport>;
}

export interface AssessmentRepository {
  listByRound(roundId: string): Promise<GoalAssessment[]>;
  get(roundId: string, goalRef: string): Promise<GoalAssessment | null>;
  /** adds a decision to the goal's assessment (creating it if new), under the ETag */
  append(roundId: string, goalRef: string, decision: AssessmentDecision): Promise<GoalAssessment>;
}

export interface MeasureOutcomeRepository {
  /** every outcome of the year's measures (periods 'YYYY' and 'YYYY-Tn'), with history */
  listByYear(year: number): Promise<MeasureOutcome[]>;
  get(year: number, measureRef: string, period: string): Promise<MeasureOutcome | null>;
  /** adds a version to the outcome (creating it if new), under the ETag */
  append(year: number, measureRef: string, period: string, version: OutcomeVersion): Promise<MeasureOutcome>;
}

/** one version of a round's Sammanfattning as the ledningsgrupp wrote it */
export interface SummaryVersion {
  text: string;
  by: Actor;
  at: IsoInstant;
  source: 'teams' | 'cli' | 'import';
}

/** a round's written Sammanfattning with every version; `current` is the last one */
export interface RoundSummary {
  roundId: string;
  current: SummaryVersion;
  history: SummaryVersion[];
}

export interface RoundSummaryRepository {
  get(roundId: string): Promise<RoundSummary | null>;
  /**
   * Adds a version (creating the summary if new) under the ETag. `expectedVersions` is the number of
   * versions the writer saw: when another version was written meanwhile the change is refused with a
   * `conflict` TertialError and nothing is written. Omitted, the version is appended whatever came before.
   */
  append(roundId: string, version: SummaryVersion, expectedVersions?: number): Promise<RoundSummary>;
}
