/**
 * One activity's condition at a tertial, from its (combined) status and its dates.
 * Ej påbörjad is on plan while the activity's start date (or, without a start date, its end date)
 * lies after the tertial: "planerade att genomföras under den senare delen av året … är då enligt
 * plan och ingen avvikelse". Once that date is inside the tertial, Ej påbörjad is a deviation.
 */
import type { IsoDate } from '../domain/model';
import type { StatusCode, Tertial } from '../domain/vocabulary';
import type { ActivityCondition } from './rules';

const TERTIAL_LAST_DAY: Readonly<Record<Tertial, string>> = { 1: '04-30', 2: '08-31', 3: '12-31' };

/** the last day of the tertial, 'YYYY-MM-DD' */
export function tertialEnd(year: number, tertial: Tertial): IsoDate {
  return `${year}-${TERTIAL_LAST_DAY[tertial]}`;
}

export function activityCondition(
  activity: { status: StatusCode | null; start: IsoDate | null; end: IsoDate },
  periodEnd: IsoDate,
): ActivityCondition {
  switch (activity.status) {
    case null:
      return 'unreported';
    case 'not-started': {
      const plannedFrom = activity.start ?? activity.end;
      return plannedFrom > periodEnd ? 'not-started-on-plan' : 'not-started-late';
    }
    default:
      return activity.status;
  }
}
