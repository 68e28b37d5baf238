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

/** what a status says about the activity; a new status fails to compile here until it is placed */
function meaningOf(status: StatusCode): { stage: 'not-started' | 'under-way' | 'finished' | 'held'; deviation: boolean } {
  switch (status) {
    case 'not-started':
      return { stage: 'not-started', deviation: false };
    case 'in-progress':
      return { stage: 'under-way', deviation: false };
    case 'in-progress-deviation':
      return { stage: 'under-way', deviation: true };
    case 'done':
      return { stage: 'finished', deviation: false };
    case 'done-deviation':
      return { stage: 'finished', deviation: true };
    case 'on-hold':
      return { stage: 'held', deviation: false };
    default: {
      const unhandled: never = status;
      throw new Error(`status without a meaning: ${String(unhandled)}`);
    }
  }
}

export function combineStatuses(statuses: readonly (StatusCode | null)[], expectedOwners = statuses.length): CombinedStatus {
  const known = statuses.filter((s): s is StatusCode => s !== null).map(meaningOf);
  const complete = known.length >= expectedOwners;
  if (known.length === 0) return { status: null, complete };
  const deviation = known.some((m) => m.deviation);
  if (known.some((m) => m.stage === 'held')) return { status: 'on-hold', complete };
  if (known.every((m) => m.stage === 'finished')) return { status: deviation ? 'done-deviation' : 'done', complete };
  if (known.every((m) => m.stage === 'not-started')) return { status: 'not-started', complete };
  return { status: deviation ? 'in-progress-deviation' : 'in-progress', complete };
}
