/**
 * Calendar dates and local times in Europe/Stockholm, converted to and from instants with Luxon
 * (over the runtime's tz database), so daylight saving is handled where it changes. Dates are
 * ISO strings 'YYYY-MM-DD'; date arithmetic is on the calendar, not on 24-hour steps.
 */
import { DateTime } from 'luxon';
import { memoized } from './memo';

export const TIME_ZONE = 'Europe/Stockholm';

const HOUR_MS = 3_600_000;
/** how many answers each calendar function keeps (memo.ts) */
const KEPT = 4096;

/** Stockholm's date per UTC hour: its date and offset change only on whole UTC hours */
const dateOfHour = memoized(KEPT, (hour: number) => DateTime.fromMillis(hour * HOUR_MS, { zone: TIME_ZONE }).toISODate()!);

/** The Stockholm calendar date of an instant, 'YYYY-MM-DD'. */
export function stockholmDate(instant: Date): string {
  return dateOfHour(Math.floor(instant.getTime() / HOUR_MS));
}

const instantOf = memoized(KEPT, (localDateTime: string) => DateTime.fromISO(localDateTime, { zone: TIME_ZONE }).toMillis());

/**
 * The instant at which it is `time` ('HH:MM') on `date` ('YYYY-MM-DD') in Stockholm. A time that the
 * spring change skips is moved forward by the hour skipped (02:30 → 03:30 summer time); one the autumn
 * change repeats is its second occurrence (standard time).
 */
export function stockholmInstant(date: string, time = '00:00'): Date {
  return new Date(instantOf(`${date}T${time}`));
}

const calendarDate = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

export function isValidIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && calendarDate(value).isValid;
}

const shifted = memoized(
  KEPT,
  ({ date, days }: { date: string; days: number }) => calendarDate(date).plus({ days }).toISODate()!,
  ({ date, days }) => `${date}|${days}`,
);
const weekdayOf = memoized(KEPT, (date: string) => calendarDate(date).weekday % 7);

export function addDays(date: string, days: number): string {
  return shifted({ date, days });
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return weekdayOf(date);
}
