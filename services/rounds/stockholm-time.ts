/**
 * Calendar dates and local times in Europe/Stockholm, converted to and from instants with Luxon
 * (over the runtime's tz database), so daylight saving is handled where it changes. Dates are
 * ISO strings 'YYYY-MM-DD'; date arithmetic is on the calendar, not on 24-hour steps.
 */
import { DateTime } from 'luxon';

export const TIME_ZONE = 'Europe/Stockholm';

const HOUR_MS = 3_600_000;
/** stockholmDate's answers per UTC hour: Stockholm's date and offset change only on whole UTC hours */
const datesByHour = new Map<number, string>();
const DATES_LIMIT = 4096;

/** The Stockholm calendar date of an instant, 'YYYY-MM-DD'. */
export function stockholmDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  const known = datesByHour.get(hour);
  if (known !== undefined) return known;
  const date = DateTime.fromMillis(hour * HOUR_MS, { zone: TIME_ZONE }).toISODate()!;
  if (datesByHour.size >= DATES_LIMIT) datesByHour.clear();
  datesByHour.set(hour, date);
  return date;
}

/** stockholmInstant's answers (a pure function of its arguments, asked for again and again by the round checks) */
const instants = new Map<string, number>();
const INSTANTS_LIMIT = 4096;

/**
 * The instant at which it is `time` ('HH:MM') on `date` ('YYYY-MM-DD') in Stockholm. A time that the
 * spring change skips is moved forward by the hour skipped (02:30 → 03:30 summer time); one the autumn
 * change repeats is its second occurrence (standard time).
 */
export function stockholmInstant(date: string, time = '00:00'): Date {
  const key = `${date}T${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const result = DateTime.fromISO(key, { zone: TIME_ZONE }).toJSDate();
  if (instants.size >= INSTANTS_LIMIT) instants.clear();
  instants.set(key, result.getTime());
  return result;
}

const calendarDate = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

export function isValidIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && calendarDate(value).isValid;
}

/** addDays' and weekday's answers (pure functions of their arguments, asked for on every round check) */
const shifted = new Map<string, string>();
const weekdays = new Map<string, number>();
const CALENDAR_LIMIT = 4096;

export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  const known = shifted.get(key);
  if (known !== undefined) return known;
  const result = calendarDate(date).plus({ days }).toISODate()!;
  if (shifted.size >= CALENDAR_LIMIT) shifted.clear();
  shifted.set(key, result);
  return result;
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  const known = weekdays.get(date);
  if (known !== undefined) return known;
  const result = calendarDate(date).weekday % 7;
  if (weekdays.size >= CALENDAR_LIMIT) weekdays.clear();
  weekdays.set(date, result);
  return result;
}
