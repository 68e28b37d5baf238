/**
 * What the tab API answers, as the views use it: the contract the API's routes are checked against
 * (tab/api/tab-contract.ts), re-exported under the views' names (types only: nothing of it reaches the
 * bundle), with the labels the views show.
 */
export type {
  ApiErrorBody,
  AssessmentCode,
  AssignBody,
  CreateRoundBody,
  DecisionBody,
  HandoverBody,
  OutcomeBody,
  RemindBody,
  ReportBody,
  SignInBody,
  StatusCode,
  SummaryBody,
  TakeBackBody,
  TabRequests,
  TabQueries,
  TabUploads,
  TabDownloads,
  Tertial,
  UpdateRoundBody,
  Board,
  CalendarDay,
  Counts,
  Decision,
  DecisionSaved,
  GoalView,
  HandoverState,
  LocalPerson,
  LocalSignIn,
  Me,
  MeasureRow,
  MeasuresOverview,
  MyItem,
  MyRound,
  OutcomeSaved,
  OwnersOverview,
  Person,
  PlanImport,
  PlanPreview,
  Progress,
  ProgressRow,
  PublishResult,
  RemindResult,
  RemovalPreview,
  ReportSaved,
  Round,
  RoundCalendar,
  RoundPhase,
  RoundRecord,
  SummaryAnswer,
  SummaryVersion,
  TabApi,
  TabConfig,
} from '../../api/tab-contract';
import type { RoundPhase } from '../../api/tab-contract';

/** the statuses an owner picks from, their labels and the tertials: the domain's vocabulary, the one source the API checks against */
export { STATUS_CODES, STATUS_LABELS, TERTIALS } from '../../../services/domain/vocabulary';

export const PHASE_LABELS: Record<RoundPhase, string> = {
  upcoming: 'Kommande',
  open: 'Öppen',
  closed: 'Stängd',
  cancelled: 'Avbruten',
};
