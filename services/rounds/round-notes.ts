/**
 * What an admin should know about a round just scheduled: a year without a plan (nobody would be
 * reminded), and waves that fall on the same working day as another wave once moved off weekends and
 * holidays (they are sent as one). Pure: the round, and whether the year has a plan.
 */
import type { Round } from '../domain/model';
import { waveDay, waveSchedule } from './round-calendar';

export function roundNotes(round: Pick<Round, 'year' | 'deadline' | 'waves' | 'sendTime'>, hasPlan: boolean): string[] {
  const notes: string[] = [];
  if (!hasPlan) {
    notes.push(`Det finns ingen plan för ${round.year}: ingen får en påminnelse förrän planen är importerad (tertial import plan FIL).`);
  }
  const kept = waveSchedule(round);
  const keptOffsets = new Set(kept.map((w) => w.offset));
  for (const offset of round.waves) {
    if (keptOffsets.has(offset)) continue;
    const { plannedDate: planned, date } = waveDay(round.deadline, offset);
    const other = kept.find((w) => w.date === date);
    const which = offset === 0 ? 'Vågen på sista svarsdagen' : `Vågen ${Math.abs(offset)} dagar ${offset > 0 ? 'före' : 'efter'} sista svarsdag`;
    const why = planned === date ? '' : ` flyttas från ${planned} (helg eller helgdag) till ${date} och`;
    const otherText = other ? (other.offset === 0 ? 'vågen på sista svarsdagen' : `vågen ${Math.abs(other.offset)} dagar ${other.offset > 0 ? 'före' : 'efter'}`) : 'en annan våg';
    notes.push(`${which}${why} infaller samma dag som ${otherText}: de skickas som en påminnelse ${date}.`);
  }
  return notes;
}
