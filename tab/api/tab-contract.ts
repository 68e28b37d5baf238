/**
 * The tab API's wire format: what each route under /api/tab takes and answers, in one place that both
 * sides compile against. The routes (tab-routes.ts) check every answer against `TabApi` with `satisfies`,
 * so a service whose result no longer fits fails the server's `tsc`, and hold each body schema to take
 * exactly the body `TabRequests` declares; the front end (tab/app/src/types.ts re-exports these) reads
 * and sends the same types, so a field renamed here fails the tab's `tsc`.
 *
 * Types only, and only from modules that also compile in the browser build (tab/app/tsconfig.json: no
 * Node types, no Express): the plain domain model, its vocabulary and the progress and owner views in
 * services/domain/ (test/unit/layering.test.ts holds this file to it). Where a service's own type lives in a module that needs Node, the wire
 * shape is written out here and the route checks the service's value against it.
 */
import type { Actor, AssessmentDecision, Measure, MeasureValue, Owner, Round as StoredRound, Substitution } from '../../services/domain/model';
import type { AssessmentCode, GoalKind, StatusCode, Tertial } from '../../services/domain/vocabulary';
import type { CalendarDay, CalendarMonth, ProgressRow, RoundCalendar, WaveProgress } from '../../services/domain/progress-views';
import type { HandoverChoices, OwnersOverview, PersonRef as Person, RemovalPreview } from '../../services/domain/owner-views';

export type { CalendarDay, CalendarMonth, ProgressRow, RoundCalendar, WaveProgress };
export type { OwnersOverview, Person, RemovalPreview };

export type { Actor, AssessmentCode, GoalKind, Measure, MeasureValue, Owner, StatusCode, Substitution, Tertial };

/** what a refused request answers (401, 403, 400 with what is wrong, 404, 409, 503) */
export interface ApiErrorBody {
  /** the Swedish message to show */
  error: string;
  /** the error catalogue's code (services/errors.ts); absent on 401 and 403 */
  code?: string;
  details?: string[];
}

// ---- sign-in and who is signed in ----

/** a person offered by the local sign-in, with the roles shown beside the name */
export interface LocalPerson {
  aadObjectId: string;
  name: string;
  roles: readonly string[];
}

/** GET /config: how to sign in (before anyone has) */
export interface TabConfig {
  auth: 'entra' | 'local';
  clientId: string | null;
  /** the demo people of the local sign-in; empty with Entra */
  people: readonly LocalPerson[];
}

export interface SignedInUser {
  aadObjectId: string;
  name: string;
}

export interface LocalSignIn {
  token: string;
  user: SignedInUser;
}

export interface Me {
  user: SignedInUser;
  roles: { admin: boolean; ledningsgrupp: boolean; owner: boolean };
}

// ---- rounds ----

export type RoundPhase = 'upcoming' | 'open' | 'closed' | 'cancelled';

/** a round as stored (create, update, close and cancel answer this) */
export type RoundRecord = StoredRound;

/** a round in the list, with its phase today */
export interface Round extends StoredRound {
  phase: RoundPhase;
}


/** POST /rounds/:roundId/remind: how the reminder pass went (the dispatcher's result, in part) */
export interface RemindResult {
  recipients: number;
  sent: number;
  unreachable: number;
  failed: number;
  alreadySent: number;
  deferred: number;
  /** owners left out because a scheduled wave reached them today */
  remindedToday: number;
  /** who it did not reach, in this press or in an earlier handling of the same one (a double click) */
  problems: { ownerId: string; name: string; state: 'unreachable' | 'failed'; reason: string | null }[];
}



export interface Progress {
  round: RoundRecord;
  /** when the server read this progress from the store */
  readAt: string;
  phase: RoundPhase;
  totals: { owners: number; ownersDone: number; reported: number; missing: number; unreachableOwners: number; sent: number; failed: number };
  waves: WaveProgress[];
  planMissing: boolean;
  owners: ProgressRow[];
  /** live activities nobody owns (e.g. after their owner left), with the latest status reported */
  unowned: { ref: string; title: string; status: StatusCode | null }[];
}

// ---- the plan ----

export interface Counts {
  added: number;
  updated: number;
  archived: number;
  unchanged: number;
}

export type PlanPreview = { ok: true; year: number; goals: Counts; activities: Counts } | { ok: false; message: string; errors: string[] };

export interface PlanImport {
  summary: { year: number; goals: Counts; activities: Counts; measures?: Counts };
  /** false when the stored plan already said exactly this */
  written: boolean;
}

// ---- the ledningsgrupp's assessments ----

export type Decision = AssessmentDecision;

export interface GoalView {
  goal: { ref: string; title: string; kind: GoalKind; activities: { ref: string; title: string; status: StatusCode | null; end: string }[] };
  proposal: { proposed: AssessmentCode; explanation: string; draftComment: string };
  /** the latest decision, or null while the goal has only the proposal */
  final: Decision | null;
  history: Decision[];
  /** what report and channel show: the final decision, or the proposal marked as such */
  shown: { assessment: AssessmentCode; label: string; comment: string; isProposal: boolean };
}

export interface Board {
  roundId: string;
  year: number;
  tertial: number;
  title: string;
  unreported: number;
  decidable: readonly AssessmentCode[];
  labels: { assessments: Readonly<Record<AssessmentCode, string>>; statuses: Readonly<Record<StatusCode, string>> };
  chapters: { ref: string; title: string; kind: string; goals: GoalView[] }[];
}

export interface DecisionSaved {
  view: GoalView;
  /** whether the channel's card of the goal shows the decision now */
  channelUpdated: boolean;
}

export interface SummaryVersion {
  text: string;
  by: Actor;
  at: string;
}

export interface SummaryAnswer {
  roundId: string;
  maxLength: number;
  summary: { current: SummaryVersion; history: SummaryVersion[] } | null;
}

export interface PublishResult {
  roundId: string;
  posted: string[];
  updated: string[];
  failed: { key: string; reason: string }[];
}

// ---- measures ----

export type MeasureRow = Measure & {
  goalTitle: string;
  /** by period, ascending */
  outcomes: { period: string; value: MeasureValue | null; comment: string | null; by: string; at: string }[];
};

export interface MeasuresOverview {
  /** the plan's year; null when there is no plan */
  year: number | null;
  measures: MeasureRow[];
}

export interface OutcomeSaved {
  period: string;
  value: MeasureValue | null;
  comment: string | null;
  by: string;
  at: string;
}

// ---- substitutes and an owner's own activities ----

/** the handover form for one owner: the service's choices, with the round in brief */
export type HandoverState = Omit<HandoverChoices, 'round'> & { round: RoundBrief | null };

export interface RoundBrief {
  id: string;
  year: number;
  tertial: number;
  deadline: string;
}


export interface MyItem {
  ref: string;
  title: string;
  description: string | null;
  end: string;
  goalPath: { ref: string; title: string }[];
  status: StatusCode | null;
  comment: string | null;
  reportedAt: string | null;
  previous: { status: StatusCode | null; comment: string | null } | null;
}

export interface MyRound {
  round: RoundBrief;
  items: MyItem[];
}

export interface ReportSaved {
  status: StatusCode | null;
  comment: string | null;
  at: string;
}

/**
 * Every JSON answer, by method and path as tab-routes.ts declares the route. The CSV and report
 * downloads answer files: they are in `TabDownloads`.
 */
export interface TabApi {
  'GET /config': TabConfig;
  'POST /local/sign-in': LocalSignIn;
  'GET /me': Me;
  'GET /rounds': Round[];
  'POST /rounds': RoundRecord;
  'PATCH /rounds/:roundId': RoundRecord;
  'POST /rounds/:roundId/close': RoundRecord;
  'POST /rounds/:roundId/cancel': RoundRecord;
  'GET /rounds/:roundId/calendar': RoundCalendar;
  'POST /rounds/:roundId/remind': RemindResult;
  'GET /rounds/:roundId/progress': Progress;
  'POST /plan/preview': PlanPreview;
  'POST /plan/import': PlanImport;
  'GET /plan/years': number[];
  'GET /owners': OwnersOverview;
  'POST /owners': Owner;
  'DELETE /owners/:ownerId/units/:unit': Owner;
  'GET /owners/:ownerId/removal': RemovalPreview;
  'DELETE /owners/:ownerId': Owner;
  'GET /rounds/:roundId/assessments': Board;
  'POST /rounds/:roundId/assessments/:goalRef': DecisionSaved;
  'GET /rounds/:roundId/summary': SummaryAnswer;
  'PUT /rounds/:roundId/summary': SummaryAnswer;
  'POST /rounds/:roundId/publish': PublishResult;
  'GET /measures': MeasuresOverview;
  'POST /measures/:year/:ref/outcome': OutcomeSaved;
  'GET /substitutes': HandoverState;
  'POST /substitutes': Substitution;
  'POST /substitutes/take-back': Substitution[];
  'GET /my/items': MyRound[];
  'POST /my/report': ReportSaved;
}

// ---- request bodies ----

export interface SignInBody {
  aadObjectId: string;
}

export interface CreateRoundBody {
  year: number;
  tertial: Tertial;
  /** 'YYYY-MM-DD' */
  deadline: string;
  /** day offsets before the deadline (negative: after) */
  waves?: number[];
  /** 'HH:MM', Europe/Stockholm */
  sendTime?: string;
  graceDays?: number;
}

export type UpdateRoundBody = Partial<Omit<CreateRoundBody, 'year' | 'tertial'>>;

/** no owner: everyone with something left; one owner: with the press, the view's key for this click, so a double click sends once */
export interface RemindBody {
  ownerId?: string;
  press?: string;
}

export interface DecisionBody {
  /** one of the board's `decidable` codes; the route refuses any other string with a Swedish message */
  assessment: AssessmentCode;
  comment?: string | null;
}

export interface SummaryBody {
  text: string;
  /** the number of versions the writer saw; another version written meanwhile is not overwritten */
  expectedVersions?: number;
}

export interface AssignBody {
  aadObjectId: string;
  name: string;
  email?: string | null;
  unit: string;
}

export interface OutcomeBody {
  /** 'YYYY' or 'YYYY-T1'..'YYYY-T3' */
  period: string;
  /** null withdraws the outcome */
  value: MeasureValue | null;
  comment?: string | null;
}

export interface HandoverBody {
  roundId: string;
  ownerId: string;
  substituteId: string;
  /** one activity; null or absent: all of the owner's */
  activityRef?: string | null;
}

export type TakeBackBody = Omit<HandoverBody, 'substituteId'>;

export interface ReportBody {
  roundId: string;
  activityRef: string;
  /** the route refuses any other string, naming the statuses in Swedish, as the card flow does */
  status: StatusCode;
  comment?: string | null;
  /** a retry with the same key stores once */
  submitId?: string;
}

/** Every JSON body a route takes, by method and path as in `TabApi`. */
export interface TabRequests {
  'POST /local/sign-in': SignInBody;
  'POST /rounds': CreateRoundBody;
  'PATCH /rounds/:roundId': UpdateRoundBody;
  'POST /rounds/:roundId/remind': RemindBody;
  'POST /rounds/:roundId/assessments/:goalRef': DecisionBody;
  'PUT /rounds/:roundId/summary': SummaryBody;
  'POST /owners': AssignBody;
  'POST /measures/:year/:ref/outcome': OutcomeBody;
  'POST /substitutes': HandoverBody;
  'POST /substitutes/take-back': TakeBackBody;
  'POST /my/report': ReportBody;
}

/** the plan of that year; absent: this year's, else the latest */
export interface PlanYearQuery {
  year?: number;
}

/** Every query a JSON route reads, by method and path as in `TabApi`. */
export interface TabQueries {
  'GET /owners': PlanYearQuery;
  'GET /owners/:ownerId/removal': PlanYearQuery;
  'GET /measures': PlanYearQuery;
  /** absent: the signed-in person's own */
  'GET /substitutes': { ownerId?: string };
}

/** Every route that takes a file as its raw body (≤ 5 MB, any content type) instead of JSON, under a route of `TabApi`. */
export interface TabUploads {
  /** a plan as CSV or JSON (docs/formats.md) */
  'POST /plan/preview': Blob;
  'POST /plan/import': Blob;
}

/**
 * Every route that answers a file, with the query that asks for it. The progress route answers JSON
 * (in `TabApi`) and, with `format=csv`, the same rows as a CSV file.
 */
export interface TabDownloads {
  'GET /rounds/:roundId/progress': { format: 'csv' };
  /** absent: docx */
  'GET /rounds/:roundId/report': { format?: 'docx' | 'md' | 'json' };
}
