/**
 * A wave as a person reads it. The outbox keys its entries by wave ('w28', 'now-2026-03-02',
 * 'again-<press>'); a press key is a random string, so a person is shown what kind of reminder it was.
 */
import { againWaveKey, manualWaveKey } from '../dispatch/due-waves';

const AGAIN_PREFIX = againWaveKey('');
const NOW_PREFIX = manualWaveKey('');

/** 'våg 28' (days before the last day to answer), 'Påminn nu' (an admin's påminn nu), 'Påminn igen' (a reminder to one person); any other key as it is */
export function waveName(wave: string): string {
  const scheduled = /^w(-?\d+)$/.exec(wave);
  if (scheduled) return `våg ${scheduled[1]}`;
  if (wave.startsWith(AGAIN_PREFIX)) return 'Påminn igen';
  if (wave.startsWith(NOW_PREFIX)) return 'Påminn nu';
  return wave;
}
