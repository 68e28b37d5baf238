/**
 * An activity owned by several units gets one status per owner; the activity's combined status is:
 *
 * 1. no owner has reported: null (nothing to combine);
 * 2. any owner reports Vänteläge: Vänteläge (the activity is held up);
 * 3. every report is Avslutad (enligt plan or med avvikelse): Avslutad, med avvikelse if any has one;
 * 4. every report is Ej påbörjad: Ej påbörjad;
 * 5. otherwise the activity is under way: Pågående, med avvikelse if any report has a deviation.
 *
 * A status reported by one owner never hides another owner's deviation. `complete` tells whether
 * every owner has reported; a report with an empty status (imported) does not count as a status.
 */
import type { StatusCode } from '../domain/vocabulary';

export interface CombinedStatus {
  status: StatusCode | null;
  complete: boolean;
}

const DEVIATIONS: ReadonlySet<StatusCode> = new Set(['in-progress-deviation', 'done-deviation']);

export function combineStatuses(statuses: readonly (StatusCode | null)[], expectedOwners = statuses.length): CombinedStatus {
  const known = statuses.filter((s): s is StatusCode => s !== null);
  const complete = known.length >= expectedOwners;
  if (known.length === 0) return { status: null, complete };
  const deviation = known.some((s) => DEVIATIONS.has(s));
  if (known.includes('on-hold')) return { status: 'on-hold', complete };
  if (known.every((s) => s === 'done' || s === 'done-deviation')) {
    return { status: deviation ? 'done-deviation' : 'done', complete };
  }
  if (known.every((s) => s === 'not-started')) return { status: 'not-started', complete };
  return { status: deviation ? 'in-progress-deviation' : 'in-progress', complete };
}
