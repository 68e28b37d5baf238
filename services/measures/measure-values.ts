/**
 * Measures (mått) as plain rules: periods, whether an outcome reaches its target, and numbers in
 * Swedish notation ("9,32 %"). Pure; the assessment engine, the report and the imports share them.
 */
import type { Measure, MeasurePeriod, MeasureValue, Plan } from '../domain/model';
import type { Tertial } from '../domain/vocabulary';

const PERIOD = /^(\d{4})(?:-T([123]))?$/;

/** how many live measures (mått) of the plan the owner reports: a reminder card points to them */
export function measuresOwnedBy(plan: Pick<Plan, 'measures'> | null, ownerId: string): number {
  return (plan?.measures ?? []).filter((m) => !m.archived && m.ownerId === ownerId).length;
}

/** 'YYYY' or 'YYYY-T1'..'YYYY-T3'; null when the text is neither */
export function parsePeriod(text: string): { year: number; tertial: Tertial | null } | null {
  const m = PERIOD.exec(text.trim());
  if (!m) return null;
  return { year: Number(m[1]), tertial: m[2] ? (Number(m[2]) as Tertial) : null };
}

/**
 * The periods whose outcome counts for a round, the first found wins: the tertial's own
 * ('2025-T2'); at T3 (year end) the year's outcome ('2025') before the tertial's.
 */
export function periodsForRound(year: number, tertial: Tertial): MeasurePeriod[] {
  return tertial === 3 ? [String(year), `${year}-T3`] : [`${year}-T${tertial}`];
}

/**
 * Whether a value reaches the measure's target: a number at least (higher is better) or at most
 * (lower is better) the target; a text equal to it (case and spacing aside). null: no target to reach.
 */
export function reachesTarget(measure: Pick<Measure, 'kind' | 'direction' | 'target'>, value: MeasureValue): boolean | null {
  const target = measure.target?.value;
  if (target === undefined) return null;
  if (measure.kind === 'number') {
    if (typeof value !== 'number' || typeof target !== 'number') return null;
    return measure.direction === 'lower' ? value <= target : value >= target;
  }
  const norm = (v: MeasureValue) => String(v).trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv-SE');
  return norm(value) === norm(target);
}

const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, useGrouping: true });

/** 9.32 → '9,32'; 12500 → '12 500' (plain spaces and hyphen-minus, so the text copies cleanly) */
export function swedishNumber(n: number): string {
  return NUMBER.format(n).replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');
}

/** a value with its unit, the Swedish way: '9,32 %', '13 placering' → '13', 'Ja' */
export function formatMeasureValue(measure: Pick<Measure, 'unit'>, value: MeasureValue | null): string {
  if (value === null) return '–';
  const shown = typeof value === 'number' ? swedishNumber(value) : value;
  return measure.unit && typeof value === 'number' ? `${shown} ${measure.unit}` : shown;
}

/**
 * A number as Swedish Excel writes it: decimal comma (a point is accepted too), spaces (also no-break)
 * between thousands; '9,32' → 9.32, '-1,5' → -1.5, '1 250' → 1250. null when it is no number.
 */
export function parseSwedishNumber(text: string): number | null {
  const t = text.trim().replace(/[\u00a0\u202f ]/g, '').replace(/\u2212/g, '-');
  if (!/^-?\d+(?:[.,]\d+)?$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}
