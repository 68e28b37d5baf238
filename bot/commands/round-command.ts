/**
 * `omgång` (admins): list rounds, `omgång skapa 2026 T2 2026-08-31 [vågor 28,14,7] [tid 09:00]`,
 * `omgång stäng 2026 T2`. Subcommands through a table; validation and rules in RoundService.
 */
import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { catalogued } from '../../services/errors';
import { readDate } from '../../services/rounds/swedish-date';
import { waveSchedule } from '../../services/rounds/round-calendar';
import type { RoundService } from '../../services/rounds/round-service';
import type { CommandDefinition, CommandRequest } from './command-types';
import { replyWithErrors } from './round-replies';

type Sub = (words: string[], request: CommandRequest, rounds: RoundService) => Promise<void>;

function yearAndTertial(words: string[]): { year: number; tertial: number } {
  const [y, t] = words;
  const year = Number(y);
  const tertial = Number((t ?? '').replace(/^t/i, ''));
  if (!y || !t || !Number.isInteger(year) || !Number.isInteger(tertial)) {
    throw catalogued('round.year-tertial-missing', { got: words.slice(0, 2).join(' ') });
  }
  return { year, tertial };
}

/** 'vågor 28,14,7' and 'tid 09:00' after the positional words */
function options(words: string[]): { waves?: number[]; sendTime?: string } {
  const out: { waves?: number[]; sendTime?: string } = {};
  for (let i = 0; i < words.length; i += 2) {
    const [key, value] = [words[i], words[i + 1]];
    if ((key === 'vågor' || key === 'vagor' || key === 'waves') && value) {
      const parts = value.split(',');
      if (parts.some((p) => !/^-?\d+$/.test(p))) throw catalogued('round.waves-not-days', { got: value });
      out.waves = parts.map(Number);
    } else if ((key === 'tid' || key === 'time') && value) out.sendTime = value;
    else throw catalogued('round.unknown-option', { got: words.slice(i).join(' ') });
  }
  return out;
}

const SUBCOMMANDS: Record<string, Sub> = {
  '': async (_w, { context }, rounds) => {
    const list = await rounds.list();
    await context.sendActivity(list.length === 0 ? T.noRounds : `${T.list(list)}\n\n${T.usage}`);
  },
  skapa: async (words, { context }, rounds) => {
    const { year, tertial } = yearAndTertial(words);
    const rest = words.slice(2);
    // "2026-08-31", "31 augusti" or "31 augusti 2026"; a tertial outside 1–3 is refused by the round's own rules
    const parsed = tertial >= 1 && tertial <= 3 ? readDate(rest, { year, tertial: tertial as 1 | 2 | 3 }) : null;
    const deadline = parsed?.date ?? rest[0] ?? '';
    const round = await rounds.create({ year, tertial, deadline, ...options(rest.slice(parsed?.words ?? 1)) });
    const waves = waveSchedule(round).map((w) => `${w.date} kl ${round.sendTime}${w.date !== w.plannedDate ? ` (flyttad från ${w.plannedDate})` : ''}`);
    await context.sendActivity(T.created(round, waves, await rounds.notes(round)));
  },
  stäng: async (words, { context }, rounds) => {
    const { year, tertial } = yearAndTertial(words);
    const round = await rounds.close(year, tertial);
    await context.sendActivity(T.closed(round));
  },
};
const ALIASES: Record<string, string> = { visa: '', lista: '', list: '', create: 'skapa', stang: 'stäng', close: 'stäng' };

export const roundCommand: CommandDefinition = {
  names: ['omgång', 'omgang', 'round'],
  help: '**omgång** (admin): lista, **omgång skapa 2026 T2 31 augusti**, **omgång stäng 2026 T2**',
  action: 'round.manage',
  async run(request) {
    const [first = '', ...rest] = request.args.split(' ').filter(Boolean);
    const name = ALIASES[first] ?? first;
    const sub = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name]! : null;
    if (!sub) {
      await request.context.sendActivity(T.usage);
      return;
    }
    await replyWithErrors(request.context, () => sub(rest, request, request.services.rounds));
  },
};
