/**
 * A round's calendar as months of days, for the tab: every day from the month of the first wave to
 * the month the round closes, with weekends and Swedish holidays marked, the waves on the days they
 * are sent (and the day they were planned for, when moved off a weekend or holiday), the deadline
 * and the last day of grace. Pure: a function of the round's settings.
 */
import type { Round } from '../domain/model';
import type { CalendarDay, CalendarMonth, RoundCalendar } from '../domain/progress-views';
import { waveSchedule } from './round-calendar';
import { addDays, weekday } from './stockholm-time';
import { holidayName } from './working-days';

export type { CalendarDay, CalendarMonth, RoundCalendar };

export function roundCalendar(round: Pick<Round, 'deadline' | 'waves' | 'sendTime' | 'graceDays'>): RoundCalendar {
  const waves = waveSchedule(round);
  const lastDay = addDays(round.deadline, round.graceDays);
  const dates = [round.deadline, lastDay, ...waves.map((w) => w.date), ...waves.map((w) => w.plannedDate)].sort();
  const first = `${dates[0]!.slice(0, 7)}-01`;
  const lastMonth = dates[dates.length - 1]!.slice(0, 7);
  const months: CalendarMonth[] = [];
  for (let d = first; d.slice(0, 7) <= lastMonth; d = addDays(d, 1)) {
    const month = d.slice(0, 7);
    if (months[months.length - 1]?.month !== month) months.push({ month, days: [] });
    const wd = weekday(d);
    months[months.length - 1]!.days.push({
      date: d,
      isoWeekday: wd === 0 ? 7 : wd,
      weekend: wd === 0 || wd === 6,
      holiday: holidayName(d),
      waves: waves.filter((w) => w.date === d).map((w) => w.offset),
      movedWaves: waves.filter((w) => w.plannedDate === d && w.date !== d).map((w) => w.offset),
      deadline: d === round.deadline,
      lastDay: d === lastDay && round.graceDays > 0,
    });
  }
  return { waves: waves.map((w) => ({ offset: w.offset, plannedDate: w.plannedDate, date: w.date, at: w.at.toISOString() })), months };
}
