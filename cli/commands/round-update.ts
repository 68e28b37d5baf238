import { defineCommand } from '../command';
import { parseWaves, tertialFlag, yearFlag } from './round-args';
import { roundLabel } from '../../services/domain/vocabulary';

export const roundUpdateCommand = defineCommand({
  summary: 'Ändra sista svarsdag, vågor, tid eller frist för en schemalagd omgång',
  action: 'round.manage',
  flags: {
    year: yearFlag,
    tertial: tertialFlag,
    deadline: { type: 'string', description: 'ny sista svarsdag', placeholder: 'ÅÅÅÅ-MM-DD' },
    waves: { type: 'string', description: 'nya vågor', placeholder: '28,14,7,2,0,-2' },
    time: { type: 'string', description: 'ny utskickstid', placeholder: 'HH:MM' },
    grace: { type: 'integer', description: 'nya dagar efter sista svarsdag', placeholder: 'N' },
  },
  async run({ flags }, ctx) {
    const round = await ctx.services.rounds.update(flags.year, flags.tertial, {
      deadline: flags.deadline,
      waves: parseWaves(flags.waves),
      sendTime: flags.time,
      graceDays: flags.grace,
    });
    ctx.stdout.write(`Omgång ${roundLabel(round.year, round.tertial)}: sista svarsdag ${round.deadline}, vågor ${round.waves.join(',')}, kl ${round.sendTime}, frist ${round.graceDays} dagar\n`);
  },
});
