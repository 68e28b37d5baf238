import { defineCommand } from '../command';
import { tertialFlag, yearFlag } from './round-args';

export const roundCancelCommand = defineCommand({
  summary: 'Ställ in en omgång som inte stängts: inget mer skickas (cancel a round)',
  action: 'round.manage',
  flags: { year: yearFlag, tertial: tertialFlag },
  async run({ flags }, ctx) {
    const round = await ctx.services.rounds.cancel(flags.year, flags.tertial);
    ctx.stdout.write(`Omgång ${round.id} inställd\n`);
  },
});
