/**
 * When a round's waves go out, when it opens and closes. Pure functions of the round and the time.
 *
 * - A wave is `offset` days before the deadline (negative: after), at the round's send time,
 *   Europe/Stockholm. A wave on a weekend or holiday moves to the previous working day, so that it
 *   still comes before the deadline; a wave after the deadline moves to the next one, so that it still
 *   comes after it. Waves that land on the same day are sent once (the earliest offset in the list wins).
 * - A round opens at its first wave and closes at the end of deadline + graceDays (local time),
 *   or earlier when an admin closes it; a cancelled round is never open.
 */
import type { Round } from '../domain/model';
import { addDays, stockholmInstant } from './stockholm-time';
import { memoized } from './memo';
import { nextWorkingDay, previousWorkingDay } from './working-days';

export const DEFAULT_WAVES = [28, 14, 7, 2, 0, -2] as const;
export const DEFAULT_SEND_TIME = '09:00';
export const DEFAULT_GRACE_DAYS = 7;

export interface Wave {
  /** the offset as configured, days before the deadline; also the wave's key */
  offset: number;
  /** the planned date before moving off weekends and holidays */
  plannedDate: string;
  /** the date it is sent, a working day */
  date: string;
  /** the send instant */
  at: Date;
}

export type RoundPhase = 'upcoming' | 'open' | 'closed' | 'cancelled';

/** the day a wave `offset` days before the deadline is planned for, and the working day it goes */
export function waveDay(deadline: string, offset: number): { plannedDate: string; date: string } {
  const plannedDate = addDays(deadline, -offset);
  return { plannedDate, date: offset < 0 ? nextWorkingDay(plannedDate) : previousWorkingDay(plannedDate) };
}

export function waveSchedule(round: Pick<Round, 'deadline' | 'waves' | 'sendTime'>): Wave[] {
  const seen = new Set<string>();
  const waves: Wave[] = [];
  for (const offset of [...round.waves].sort((a, b) => b - a)) {
    const { plannedDate, date } = waveDay(round.deadline, offset);
    if (seen.has(date)) continue;
    seen.add(date);
    waves.push({ offset, plannedDate, date, at: stockholmInstant(date, round.sendTime) });
  }
  return waves;
}

export function opensAt(round: Pick<Round, 'deadline' | 'waves' | 'sendTime'>): Date {
  const waves = waveSchedule(round);
  return waves.length > 0 ? waves[0]!.at : stockholmInstant(round.deadline, round.sendTime);
}

/** the instant the round closes by itself: midnight after deadline + graceDays, Stockholm time */
export function closesAt(round: Pick<Round, 'deadline' | 'graceDays'>): Date {
  return stockholmInstant(addDays(round.deadline, round.graceDays + 1), '00:00');
}

/**
 * When a round opens and closes, by the calendar fields that decide it. A card submit asks for the
 * round's phase several times; each answer would otherwise lay out every wave in Stockholm time again.
 */
const boundsOf = memoized(
  256,
  (round: Pick<Round, 'deadline' | 'waves' | 'sendTime' | 'graceDays'>) => ({ opens: opensAt(round).getTime(), closes: closesAt(round).getTime() }),
  (round) => `${round.deadline}|${round.sendTime}|${round.graceDays}|${round.waves.join(',')}`,
);

export function roundPhase(round: Round, now: Date): RoundPhase {
  if (round.state === 'cancelled') return 'cancelled';
  if (round.state === 'closed') return 'closed';
  const { opens, closes } = boundsOf(round);
  if (now.getTime() >= closes) return 'closed';
  if (now.getTime() < opens) return 'upcoming';
  return 'open';
}

export function isRoundOpen(round: Round, now: Date): boolean {
  return roundPhase(round, now) === 'open';
}

/** the waves whose send instant has come by `now` */
export function dueWaves(round: Round, now: Date): Wave[] {
  if (roundPhase(round, now) !== 'open') return [];
  return waveSchedule(round).filter((w) => w.at.getTime() <= now.getTime());
}
