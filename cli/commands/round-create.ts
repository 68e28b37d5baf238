import { DEFAULT_GRACE_DAYS, waveSchedule } from '../../services/rounds/round-calendar';
import { defineCommand } from '../command';
import { roundLabel } from '../../services/domain/vocabulary';
import { parseDateText } from '../../services/rounds/swedish-date';
import { localTime, parseWaves, tertialFlag, yearFlag } from './round-args';

export const roundCreateCommand = defineCommand({
  summary: 'Schemalägg en tertialomgång (schedule a round)',
  action: 'round.manage',
  details:
    'Vågor = dagar före sista svarsdag, negativa efter; en våg på helg/helgdag flyttas till föregående arbetsdag (efter sista svarsdag: till följande).\n' +
    'Sista svarsdag: ett riktigt datum i tertialens fönster (T1 jan–jul, T2 maj–nov, T3 sep–mar), inte i ett stängt år (före innevarande) eller passerat.',
  flags: {
    year: yearFlag,
    tertial: tertialFlag,
    deadline: { type: 'string', required: true, description: 'sista svarsdag (Europe/Stockholm), ÅÅÅÅ-MM-DD eller ”30 april”', placeholder: 'ÅÅÅÅ-MM-DD' },
    waves: { type: 'string', description: 'påminnelsevågor, dagar före sista svarsdag (standard 28,14,7,2,0,-2)', placeholder: '28,14,7,2,0,-2' },
    time: { type: 'string', description: 'utskickstid (default 09:00)', placeholder: 'HH:MM' },
    grace: { type: 'integer', description: `dagar efter deadline innan omgången stänger (default ${DEFAULT_GRACE_DAYS})`, placeholder: 'N' },
  },
  async run({ flags }, ctx) {
    const service = ctx.services.rounds;
    const round = await service.create({
      year: flags.year,
      tertial: flags.tertial,
      deadline: /^\d{4}-/.test(flags.deadline) || ![1, 2, 3].includes(flags.tertial) ? flags.deadline : parseDateText(flags.deadline, { year: flags.year, tertial: flags.tertial as 1 | 2 | 3 }),
      waves: parseWaves(flags.waves),
      sendTime: flags.time,
      graceDays: flags.grace,
    });
    ctx.stdout.write(`Omgång ${roundLabel(round.year, round.tertial)} (${round.id}) schemalagd: sista svarsdag ${round.deadline}, utskick ${round.sendTime}, stänger ${round.graceDays} dagar efter sista svarsdag\n`);
    for (const w of waveSchedule(round)) {
      const moved = w.date !== w.plannedDate ? ` (flyttad från ${w.plannedDate})` : '';
      ctx.stdout.write(`  våg ${String(w.offset).padStart(3)}: ${localTime(w.at.toISOString())}${moved}\n`);
    }
    for (const note of await service.notes(round)) ctx.stderr.write(`Observera: ${note}\n`);
  },
});
