import { opensAt, closesAt } from '../../services/rounds/round-calendar';
import { defineCommand } from '../command';
import { localTime } from './round-args';
import { ROUND_PHASES, roundLabel } from '../../services/domain/vocabulary';

export const roundListCommand = defineCommand({
  summary: 'Lista omgångar (list rounds)',
  action: 'round.view',
  flags: { json: { type: 'boolean', description: 'som JSON' } },
  async run({ flags }, ctx) {
    const rounds = await ctx.services.rounds.list();
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(rounds, null, 2)}\n`);
      return;
    }
    if (rounds.length === 0) {
      ctx.stdout.write('Inga omgångar. Skapa en: tertial round create --year ÅÅÅÅ --tertial N --deadline ÅÅÅÅ-MM-DD\n');
      return;
    }
    for (const r of rounds) {
      ctx.stdout.write(
        `${roundLabel(r.year, r.tertial).padEnd(8)} ${r.id.padEnd(9)} ${ROUND_PHASES[r.phase].padEnd(15)} sista svarsdag ${r.deadline}  vågor ${r.waves.join(',')} kl ${r.sendTime}  ` +
          `öppnar ${localTime(opensAt(r).toISOString())}  stänger ${r.closedAt ? localTime(r.closedAt) : localTime(closesAt(r).toISOString())}${r.source === 'import' ? '  (importerad)' : ''}\n`,
      );
    }
  },
});
