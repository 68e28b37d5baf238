/**
 * Swedish working days: not Saturday or Sunday, not a public holiday (helgdag) and not one of the
 * de facto free eves (midsommarafton, julafton, nyårsafton), from date-holidays' Swedish calendar.
 */
import Holidays from 'date-holidays';
import { addDays, weekday } from './stockholm-time';

const calendar = new Holidays('SE');
const NON_WORKING_TYPES = new Set(['public', 'bank']);
const cache = new Map<number, Map<string, string>>();

function nonWorkingHolidays(year: number): Map<string, string> {
  let days = cache.get(year);
  if (!days) {
    days = new Map();
    for (const h of calendar.getHolidays(year)) {
      if (NON_WORKING_TYPES.has(h.type)) days.set(h.date.slice(0, 10), h.name);
    }
    cache.set(year, days);
  }
  return days;
}

/** The holiday's Swedish name if `date` is a non-working holiday, else null. */
export function holidayName(date: string): string | null {
  return nonWorkingHolidays(Number(date.slice(0, 4))).get(date) ?? null;
}

export function isWorkingDay(date: string): boolean {
  const wd = weekday(date);
  return wd !== 0 && wd !== 6 && holidayName(date) === null;
}

/** `date` itself if it is a working day, else the closest working day before it. */
export function previousWorkingDay(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** `date` itself if it is a working day, else the closest working day after it. */
export function nextWorkingDay(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
