import { RoundService } from '../../services/rounds/round-service';
import { defineCommand } from '../command';
import { parseWaves, tertialFlag, yearFlag } from './round-args';

export const roundUpdateCommand = defineCommand({
  summary: 'Ändra deadline, vågor, tid eller frist för en schemalagd omgång (update a round)',
  flags: {
    year: yearFlag,
    tertial: tertialFlag,
    deadline: { type: 'string', description: 'ny deadline', placeholder: 'YYYY-MM-DD' },
    waves: { type: 'string', description: 'nya vågor', placeholder: '28,14,7,2,0,-2' },
    time: { type: 'string', description: 'ny utskickstid', placeholder: 'HH:MM' },
    grace: { type: 'integer', description: 'nya dagar efter deadline', placeholder: 'N' },
  },
  async run({ flags }, ctx) {
    const round = await new RoundService({ rounds: ctx.repos.rounds, clock: ctx.clock }).update(flags.year, flags.tertial, {
      deadline: flags.deadline,
      waves: parseWaves(flags.waves),
      sendTime: flags.time,
      graceDays: flags.grace,
    });
    ctx.stdout.write(`Omgång ${round.id}: deadline ${round.deadline}, vågor ${round.waves.join(',')}, kl ${round.sendTime}, frist ${round.graceDays} dagar\n`);
  },
});
