/**
 * Calendar dates and local times in Europe/Stockholm, converted to and from instants with Intl
 * (the runtime's tz database), so daylight saving is handled where it changes.
 */
export const TIME_ZONE = 'Europe/Stockholm';

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function localParts(instant: Date): { date: string; time: string; ms: number } {
  const p = Object.fromEntries(partsFormatter.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, ms: instant.getUTCMilliseconds() };
}

/** The Stockholm calendar date of an instant, 'YYYY-MM-DD'. */
export function stockholmDate(instant: Date): string {
  return localParts(instant).date;
}

/** stockholmInstant's answers (a pure function of its arguments; formatToParts is the costly step, ~0.1 ms) */
const instants = new Map<string, number>();
const INSTANTS_LIMIT = 4096;

/** The instant at which it is `time` ('HH:MM') on `date` ('YYYY-MM-DD') in Stockholm. */
export function stockholmInstant(date: string, time = '00:00'): Date {
  const key = `${date}T${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const result = computeStockholmInstant(date, time);
  if (instants.size >= INSTANTS_LIMIT) instants.clear();
  instants.set(key, result.getTime());
  return result;
}

function computeStockholmInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // Stockholm is UTC+1 or UTC+2: correct the guess by the offset seen at that instant, twice for DST edges
  let result = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(result);
    const seenAsUtc = new Date(`${p.date}T${p.time}Z`).getTime();
    result = new Date(result.getTime() - (seenAsUtc - guess.getTime()));
  }
  return result;
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
