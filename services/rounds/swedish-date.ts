/**
 * Dates as admins write them: ÅÅÅÅ-MM-DD, or the Swedish way with the month's name ("30 april",
 * "30 april 2027", "30 apr"). Without a year, the year is the one that puts the date in the round's
 * deadline window (T3 2026's window runs into 2027). Anything else is refused with how to write it.
 */
import { catalogued } from '../errors';
import { deadlineWindow } from './round-rules';
import { isValidIsoDate } from './stockholm-time';

const MONTHS: readonly (readonly string[])[] = [
  ['januari', 'jan'],
  ['februari', 'feb'],
  ['mars', 'mar'],
  ['april', 'apr'],
  ['maj'],
  ['juni', 'jun'],
  ['juli', 'jul'],
  ['augusti', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt'],
  ['november', 'nov'],
  ['december', 'dec'],
];

const monthOf = (word: string): number | null => {
  const w = word.toLocaleLowerCase('sv').replace(/\.$/, '');
  const i = MONTHS.findIndex((names) => names.includes(w));
  return i < 0 ? null : i + 1;
};

const pad = (n: number) => String(n).padStart(2, '0');

export interface ParsedDate {
  date: string;
  /** how many of the words the date took (1 for 2026-04-30, 2 for "30 april", 3 for "30 april 2026") */
  words: number;
}

/**
 * Reads a date from the start of `words`. `round` (year and tertial) places a date written without a
 * year. Returns null when the words do not start like a date; throws a catalogued refusal when they
 * look like one but are not a real date.
 */
export function readDate(words: readonly string[], round: { year: number; tertial: 1 | 2 | 3 }): ParsedDate | null {
  const [first = '', second = '', third = ''] = words;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(first)) {
    const [y, m, d] = first.split('-').map(Number) as [number, number, number];
    const date = `${y}-${pad(m)}-${pad(d)}`;
    if (!isValidIsoDate(date)) throw catalogued('round.date-unreadable', { got: first });
    return { date, words: 1 };
  }
  if (!/^\d{1,2}\.?$/.test(first)) return null;
  const month = monthOf(second);
  if (month === null) throw catalogued('round.date-unreadable', { got: [first, second].filter(Boolean).join(' ') });
  const day = Number(first.replace('.', ''));
  const withYear = /^\d{4}$/.test(third);
  const window = deadlineWindow(round.year, round.tertial);
  const candidates = withYear ? [Number(third)] : [round.year, round.year + 1];
  const dates = candidates.map((y) => `${y}-${pad(month)}-${pad(day)}`);
  const date = withYear ? dates[0]! : (dates.find((d) => d >= window.from && d <= window.to) ?? dates[0]!);
  if (!isValidIsoDate(date)) throw catalogued('round.date-unreadable', { got: words.slice(0, withYear ? 3 : 2).join(' ') });
  return { date, words: withYear ? 3 : 2 };
}

/** a whole text that must be a date (the CLI's --deadline) */
export function parseDateText(text: string, round: { year: number; tertial: 1 | 2 | 3 }): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const parsed = readDate(words, round);
  if (!parsed || parsed.words !== words.length) throw catalogued('round.date-unreadable', { got: text.trim() });
  return parsed.date;
}
