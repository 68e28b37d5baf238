/** What the tab API answers (tab/api/tab-routes.ts), as the views use it. */
export interface Person {
  aadObjectId: string;
  name: string;
  email?: string | null;
}

export interface Me {
  user: Person;
  roles: { admin: boolean; ledningsgrupp: boolean; owner: boolean };
}

export interface Round {
  id: string;
  year: number;
  tertial: number;
  deadline: string;
  waves: number[];
  sendTime: string;
  graceDays: number;
  state: 'scheduled' | 'closed' | 'cancelled';
  phase: 'upcoming' | 'open' | 'closed' | 'cancelled';
  source: 'scheduled' | 'import';
}

export interface CalendarDay {
  date: string;
  isoWeekday: number;
  weekend: boolean;
  holiday: string | null;
  waves: number[];
  movedWaves: number[];
  deadline: boolean;
  lastDay: boolean;
}

export interface RoundCalendar {
  waves: { offset: number; plannedDate: string; date: string; at: string }[];
  months: { month: string; days: CalendarDay[] }[];
}

export interface Counts {
  added: number;
  updated: number;
  archived: number;
  unchanged: number;
}

export type PlanPreview = { ok: true; year: number; goals: Counts; activities: Counts } | { ok: false; message: string; errors: string[] };

export interface ProgressRow {
  ownerId: string;
  name: string;
  reported: number;
  missing: number;
  missingRefs: string[];
  /** `via`: the substitute's name when the reminder went to a substitute for part of the owner's activities */
  lastDelivery: { wave: string; state: string; at: string; via?: string | null } | null;
  /** why in words, the reason as recorded (Teams' own answer inside), and what to do */
  unreachable: { reason: string; recorded: string; at: string; advice: string } | null;
}

export interface Progress {
  round: Round;
  /** when the server read this progress from the store */
  readAt: string;
  phase: Round['phase'];
  totals: { owners: number; ownersDone: number; reported: number; missing: number; unreachableOwners: number; sent: number; failed: number };
  planMissing: boolean;
  owners: ProgressRow[];
  /** live activities nobody owns (e.g. after their owner left), with the latest status reported */
  unowned?: { ref: string; title: string; status: string | null }[];
}

export interface Decision {
  assessment: string;
  comment: string | null;
  by: { id: string; name: string };
  at: string;
  source: string;
}

export interface GoalView {
  goal: { ref: string; title: string; kind: string; activities: { ref: string; title: string; status: string | null; end: string }[] };
  proposal: { proposed: string; explanation: string; draftComment: string };
  final: Decision | null;
  history: Decision[];
  shown: { assessment: string; label: string; comment: string; isProposal: boolean };
}

export interface Board {
  roundId: string;
  year: number;
  tertial: number;
  title: string;
  unreported: number;
  decidable: string[];
  labels: { assessments: Record<string, string>; statuses: Record<string, string> };
  chapters: { ref: string; title: string; kind: string; goals: GoalView[] }[];
}

export interface MyItem {
  ref: string;
  title: string;
  description: string | null;
  end: string;
  goalPath: { ref: string; title: string }[];
  status: string | null;
  comment: string | null;
  reportedAt: string | null;
  previous: { status: string | null; comment: string | null } | null;
}

export interface MyRound {
  round: { id: string; year: number; tertial: number; deadline: string };
  items: MyItem[];
}

export interface OwnersOverview {
  year: number | null;
  units: { unit: string; owners: Person[]; activities: { ref: string; title: string }[] }[];
  byActivity: (Person & { activities: { ref: string; title: string }[] })[];
  unowned: { ref: string; title: string; units: string[] }[];
}

export interface RemovalPreview {
  owner: Person;
  units: string[];
  activities: { ref: string; title: string; units: string[]; otherOwners: Person[] }[];
}

export const STATUS_LABELS: Record<string, string> = {
  'not-started': 'Ej påbörjad',
  'in-progress': 'Pågående enligt plan',
  'in-progress-deviation': 'Pågående med avvikelse',
  done: 'Avslutad enligt plan',
  'done-deviation': 'Avslutad med avvikelse',
  'on-hold': 'Vänteläge',
};

export const PHASE_LABELS: Record<Round['phase'], string> = {
  upcoming: 'Kommande',
  open: 'Öppen',
  closed: 'Stängd',
  cancelled: 'Avbruten',
};
