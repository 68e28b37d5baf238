/**
 * Validation of round settings: pure functions of the input and "today" (Stockholm). Every problem is
 * reported at once, one line each, naming the field; nothing is stored when there is any.
 *
 * Rules (documented in README "Rounds"):
 * - year an integer 2000–2100, tertial 1, 2 or 3;
 * - deadline a real calendar date 'YYYY-MM-DD' (2025-02-30 is rejected);
 * - the deadline lies in the round's window: from the tertial's first day to the end of the third month
 *   after the tertial's last day (T1 2026: 2026-01-01 … 2026-07-31; T3 2025: 2025-09-01 … 2026-03-31);
 * - a CLOSED YEAR is any calendar year before the current one (Stockholm): no deadline in it; a deadline
 *   before today is rejected as well (the round would close before anyone could answer);
 * - waves are whole days -60…180, no duplicates; a wave after the round closes (offset < -graceDays)
 *   is rejected; send time 'HH:MM' 00:00–23:59; grace days 0–60.
 */
import { addDays, isValidIsoDate } from './stockholm-time';

export const TERTIAL_FIRST_MONTH = { 1: 1, 2: 5, 3: 9 } as const;
export const MAX_WAVE_OFFSET = 180;
export const MIN_WAVE_OFFSET = -60;
export const MAX_GRACE_DAYS = 60;

const pad = (n: number) => String(n).padStart(2, '0');

/** first and last allowed deadline of a round of year + tertial */
export function deadlineWindow(year: number, tertial: 1 | 2 | 3): { from: string; to: string } {
  const firstMonth = TERTIAL_FIRST_MONTH[tertial];
  const from = `${year}-${pad(firstMonth)}-01`;
  // the tertial's last month is firstMonth + 3; allow three months more: end of month firstMonth + 6
  const endMonthIndex = firstMonth + 6; // 1-based month, may pass December
  const endYear = year + Math.floor((endMonthIndex - 1) / 12);
  const endMonth = ((endMonthIndex - 1) % 12) + 1;
  const firstOfNext = endMonth === 12 ? `${endYear + 1}-01-01` : `${endYear}-${pad(endMonth + 1)}-01`;
  return { from, to: addDays(firstOfNext, -1) };
}

export function isValidSendTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export interface RoundSettingsInput {
  year: unknown;
  tertial: unknown;
  deadline: unknown;
  waves: unknown;
  sendTime: unknown;
  graceDays: unknown;
}

export interface RoundSettings {
  year: number;
  tertial: 1 | 2 | 3;
  deadline: string;
  waves: number[];
  sendTime: string;
  graceDays: number;
}

/** Returns the settings or every problem found (Swedish, one line per field, named as a person reads it). */
export function checkRoundSettings(input: RoundSettingsInput, today: string): { ok: true; value: RoundSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const { year, tertial, deadline, waves, sendTime, graceDays } = input;

  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2100;
  if (!yearOk) problems.push(`år: ${String(year)} är inget år (2000–2100)`);
  const tertialOk = tertial === 1 || tertial === 2 || tertial === 3;
  if (!tertialOk) problems.push(`tertial: ${String(tertial)} är ingen tertial (1, 2 eller 3)`);

  const graceOk = typeof graceDays === 'number' && Number.isInteger(graceDays) && graceDays >= 0 && graceDays <= MAX_GRACE_DAYS;
  if (!graceOk) problems.push(`frist: ${String(graceDays)} ska vara hela dagar 0–${MAX_GRACE_DAYS}`);

  const deadlineOk = typeof deadline === 'string' && isValidIsoDate(deadline);
  if (!deadlineOk) {
    problems.push(`sista svarsdag: ${String(deadline)} är inget riktigt datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2026-04-30)`);
  } else {
    const currentYear = Number(today.slice(0, 4));
    if (Number(deadline.slice(0, 4)) < currentYear) {
      problems.push(`sista svarsdag: ${deadline} ligger i ett stängt år (år före ${currentYear} är stängda)`);
    } else if (deadline < today) {
      problems.push(`sista svarsdag: ${deadline} har redan passerat (i dag är det ${today})`);
    }
    if (yearOk && tertialOk) {
      const w = deadlineWindow(year as number, tertial as 1 | 2 | 3);
      if (deadline < w.from || deadline > w.to) {
        problems.push(`sista svarsdag: ${deadline} passar inte T${String(tertial)} ${String(year)} (tillåtet ${w.from} … ${w.to})`);
      }
    }
  }

  if (!Array.isArray(waves) || waves.length === 0) {
    problems.push('vågor: minst en våg (dagar före sista svarsdag) behövs');
  } else {
    const seen = new Set<number>();
    for (const w of waves) {
      if (typeof w !== 'number' || !Number.isInteger(w) || w < MIN_WAVE_OFFSET || w > MAX_WAVE_OFFSET) {
        problems.push(`vågor: ${String(w)} är inget helt antal dagar ${MIN_WAVE_OFFSET}…${MAX_WAVE_OFFSET}`);
        continue;
      }
      if (seen.has(w)) problems.push(`vågor: ${w} står två gånger`);
      seen.add(w);
      if (graceOk && w < -(graceDays as number)) {
        problems.push(`vågor: ${w} infaller efter att omgången stängt (sista svarsdag + ${String(graceDays)} dagars frist)`);
      }
    }
  }

  if (typeof sendTime !== 'string' || !isValidSendTime(sendTime)) {
    problems.push(`tid: ${String(sendTime)} är ingen tid TT:MM (00:00–23:59)`);
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      year: year as number,
      tertial: tertial as 1 | 2 | 3,
      deadline: deadline as string,
      waves: [...(waves as number[])].sort((a, b) => b - a),
      sendTime: sendTime as string,
      graceDays: graceDays as number,
    },
  };
}
