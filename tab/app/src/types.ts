/**
 * What the tab API answers, as the views use it: the contract the API's routes are checked against
 * (tab/api/tab-contract.ts), re-exported under the views' names. Types only: nothing of it reaches the bundle.
 */
export type {
  ApiErrorBody,
  AssessmentCode,
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

export const STATUS_LABELS: Record<string, string> = {
  'not-started': 'Ej påbörjad',
  'in-progress': 'Pågående enligt plan',
  'in-progress-deviation': 'Pågående med avvikelse',
  done: 'Avslutad enligt plan',
  'done-deviation': 'Avslutad med avvikelse',
  'on-hold': 'Vänteläge',
};

export const PHASE_LABELS: Record<RoundPhase, string> = {
  upcoming: 'Kommande',
  open: 'Öppen',
  closed: 'Stängd',
  cancelled: 'Avbruten',
};
