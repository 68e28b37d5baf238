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

/** ”Title” (whitespace collapsed, a closing period dropped: the sentence supplies its own) */
export function quoted(title: string): string {
  return `”${title.replace(/\s+/g, ' ').trim().replace(/\.$/, '')}”`;
}

/** "A", "A och B", "A, B och C" */
export function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** the first sentence of a comment, at most `max` characters, ending with a period */
export function firstSentence(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(flat);
  let s = m ? m[1]! : flat;
  if (s.length > max) s = `${s.slice(0, max - 1).replace(/[\s,;:]*\S*$/, '')} …`;
  s = s.replace(/[\s,;:–-]+$/, '');
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}
