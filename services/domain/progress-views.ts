/**
 * What a round's progress and calendar look like to the people who read them (the tab, the CSV, the
 * `läge` card): plain data, no behaviour, and no Node types, so the tab's browser build shares these
 * declarations through tab/api/tab-contract.ts. Built by services/rounds/.
 */

export interface CalendarDay {
  date: string;
  /** 1 = Monday … 7 = Sunday (ISO) */
  isoWeekday: number;
  weekend: boolean;
  /** the Swedish holiday's name, if the day is a non-working holiday */
  holiday: string | null;
  /** offsets of the waves sent this day */
  waves: number[];
  /** offsets of waves planned for this day but moved off it to a working day (before the deadline: earlier; after it: later) */
  movedWaves: number[];
  deadline: boolean;
  /** the last day reports are accepted (deadline + grace) */
  lastDay: boolean;
}

export interface CalendarMonth {
  /** 'YYYY-MM' */
  month: string;
  days: CalendarDay[];
}

export interface RoundCalendar {
  waves: { offset: number; plannedDate: string; date: string; at: string }[];
  months: CalendarMonth[];
}

export interface WaveProgress {
  wave: string;
  offset: number;
  date: string;
  at: string;
  sent: number;
  unreachable: number;
  failed: number;
  skipped: number;
  pending: number;
}

/** one owner's row in the tab's progress view and its CSV */
export interface ProgressRow {
  ownerId: string;
  name: string;
  reported: number;
  missing: number;
  missingRefs: string[];
  /** `via`: the substitute's name when it went to a substitute for part of the owner's activities */
  lastDelivery: { wave: string; state: string; at: string; via: string | null } | null;
  /**
   * the owner's latest delivery ended unreachable: why in words (reach-problems.ts, "Har blockerat
   * Tertial i Teams"), the reason as the outbox recorded it (Teams' own answer inside), and what to do
   */
  unreachable: { reason: string; recorded: string; at: string; advice: string } | null;
}
