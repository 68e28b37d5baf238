/**
 * Which round a chat command means: "2025 T3", "2025 3", "T3 2025", or nothing (the latest round that
 * has opened and is not cancelled).
 */
import type { Round } from '../../services/domain/model';
import type { Tertial } from '../../services/domain/vocabulary';
import { catalogued, plainEcho, ValidationError } from '../../services/errors';
import { roundPhase } from '../../services/rounds/round-calendar';

export function chooseRound(args: string, rounds: readonly Round[], now: Date): { year: number; tertial: Tertial } {
  const text = args.trim().toLowerCase();
  if (text) {
    const m = /^(?:(\d{4})\s*t?([123])|t([123])\s*(\d{4}))$/.exec(text.replace(/\s+/g, ' '));
    if (!m) throw catalogued('round.choice-unreadable', { got: plainEcho(args) });
    const year = Number(m[1] ?? m[4]);
    const tertial = Number(m[2] ?? m[3]) as Tertial;
    return { year, tertial };
  }
  const started = rounds
    .filter((r) => r.state !== 'cancelled' && roundPhase(r, now) !== 'upcoming')
    .sort((a, b) => b.year - a.year || b.tertial - a.tertial);
  const latest = started[0];
  if (!latest) throw new ValidationError('Det finns ingen omgång att publicera ännu; ange den som ”2025 T3”', ['omgång: ingen har startat']);
  return { year: latest.year, tertial: latest.tertial };
}
