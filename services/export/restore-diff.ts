/**
 * What differs between an item in the store and the same item in an export, said in Swedish, one line
 * per item: which fields differ and both values ("databasen …, exporten …"), or for a history the first
 * version where the two part ways. A restore that refuses lists these lines, so an admin sees exactly
 * what would have been overwritten.
 */
import { canonicalJson } from '../plan/plan-compare';

const MAX_VALUE = 80;

/** a value as a short, readable string */
export function shortValue(value: unknown): string {
  if (value === undefined) return 'saknas';
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Swedish names of the fields people see in a difference (others are shown as they are named) */
const FIELD_NAMES: Record<string, string> = {
  status: 'status',
  comment: 'kommentar',
  by: 'av',
  at: 'tid',
  source: 'källa',
  assessment: 'bedömning',
  value: 'värde',
  name: 'namn',
  email: 'e-post',
  units: 'enheter',
  activities: 'aktiviteter',
  removed: 'borttagen',
  deadline: 'deadline',
  waves: 'påminnelser',
  sendTime: 'utskickstid',
  graceDays: 'respitdagar',
  state: 'läge',
  closedAt: 'stängd',
  createdAt: 'skapad',
  title: 'titel',
  description: 'beskrivning',
  start: 'start',
  end: 'slut',
  archived: 'arkiverad',
  organisation: 'organisation',
  body: 'nämnd',
};

/** how a field's value is shown; default: short JSON */
export type ValueFormat = Partial<Record<string, (value: unknown) => string>>;

const show = (field: string, value: unknown, format: ValueFormat) => (value === undefined ? 'saknas' : (format[field]?.(value) ?? shortValue(value)));

/** the top-level fields that differ, each as `fält: databasen X, exporten Y`; `ignore` lists fields left out */
export function fieldDifferences(stored: object, exported: object, ignore: readonly string[] = [], format: ValueFormat = {}): string[] {
  const a = stored as Record<string, unknown>;
  const b = exported as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k)).sort();
  return keys
    .filter((k) => !same(a[k] ?? null, b[k] ?? null))
    .map((k) => `${FIELD_NAMES[k] ?? k}: databasen ${show(k, a[k], format)}, exporten ${show(k, b[k], format)}`);
}

/** `label: fält …; fält …` */
export function describeDifference(label: string, stored: object, exported: object, ignore: readonly string[] = [], format: ValueFormat = {}): string {
  const fields = fieldDifferences(stored, exported, ignore, format);
  return `${label}: ${fields.length > 0 ? fields.join('; ') : 'skiljer sig'}`;
}

/** where two histories part ways: the fields of the first version that differs, or which one is longer */
export function describeHistoryDifference<T extends object>(
  label: string,
  stored: T[],
  exported: T[],
  format: ValueFormat = {},
  equal: (a: T, b: T) => boolean = same,
): string {
  const n = Math.min(stored.length, exported.length);
  for (let i = 0; i < n; i++) {
    if (!equal(stored[i]!, exported[i]!)) {
      return `${label}, version ${i + 1} av ${Math.max(stored.length, exported.length)}: ${fieldDifferences(stored[i]!, exported[i]!, [], format).join('; ')}`;
    }
  }
  return `${label}: databasen har ${stored.length} versioner, exporten ${exported.length}`;
}
