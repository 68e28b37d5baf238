/** Swedish wording of explanations and draft comments, in one place. */
import type { AssessmentCode } from '../domain/vocabulary';
import type { ActivityCondition } from './rules';

export const CONDITION_LABELS: Readonly<Record<ActivityCondition, { one: string; many: string }>> = {
  done: { one: 'avslutad enligt plan', many: 'avslutade enligt plan' },
  'in-progress': { one: 'pågående enligt plan', many: 'pågående enligt plan' },
  'not-started-on-plan': { one: 'ej påbörjad enligt plan (planerad senare)', many: 'ej påbörjade enligt plan (planerade senare)' },
  'not-started-late': { one: 'ej påbörjad trots passerat startdatum', many: 'ej påbörjade trots passerat startdatum' },
  'in-progress-deviation': { one: 'pågående med avvikelse', many: 'pågående med avvikelse' },
  'done-deviation': { one: 'avslutad med avvikelse', many: 'avslutade med avvikelse' },
  'on-hold': { one: 'i vänteläge', many: 'i vänteläge' },
  unreported: { one: 'utan rapport', many: 'utan rapport' },
};

/** "Målet bedöms som delvis uppfyllt." */
export const CONCLUSION: Readonly<Record<AssessmentCode, string>> = {
  met: 'Målet bedöms som uppfyllt.',
  'partly-met': 'Målet bedöms som delvis uppfyllt.',
  'barely-met': 'Målet bedöms som knappt uppfyllt.',
  'not-met': 'Målet bedöms som ej uppfyllt.',
  missing: 'Bedömning saknas ännu.',
};

const NUMBER_WORDS = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'];
/** 'två', 'tre', … up to tolv, then digits; `ett` for n = 1 unless `en` is asked for */
export function numberWord(n: number, one: 'en' | 'ett' = 'ett'): string {
  if (n === 1) return one;
  return NUMBER_WORDS[n] ?? String(n);
}

/** true if the text has whitespace other than single spaces (a plain loop: this runs for every title and comment) */
function irregularSpace(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) {
      if (t.charCodeAt(i + 1) === 32) return true;
    } else if (c === 9 || c === 10 || c === 13 || c === 160) return true;
  }
  return false;
}
const collapse = (t: string) => (irregularSpace(t) ? t.replace(/\s+/g, ' ') : t);

/** ”Title” (whitespace collapsed, a closing period dropped: the sentence supplies its own) */
export function quoted(title: string): string {
  let t = collapse(title.trim());
  if (t.endsWith('.')) t = t.slice(0, -1);
  return `”${t}”`;
}

/** "A", "A och B", "A, B och C" */
export function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** the first sentence of a comment, at most `max` characters, ending with a period */
export function firstSentence(text: string, max = 220): string {
  // only the head of a long comment can hold the first sentence: scan that, not the whole text
  const whole = text.length <= max * 2;
  const flat = collapse((whole ? text : text.slice(0, max * 2)).trim());
  let end = -1;
  for (let i = 1; i < flat.length; i++) {
    const c = flat.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && (i + 1 < flat.length ? flat.charCodeAt(i + 1) === 32 : whole)) {
      end = i;
      break;
    }
  }
  let s = end >= 0 ? flat.slice(0, end + 1) : flat;
  if (s.length > max) s = `${s.slice(0, max - 1).replace(/[\s,;:]*\S*$/, '')} …`;
  s = s.replace(/[\s,;:–-]+$/, '');
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}
