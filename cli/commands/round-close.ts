import { defineCommand } from '../command';
import { tertialFlag, yearFlag } from './round-args';

export const roundCloseCommand = defineCommand({
  summary: 'Stäng en omgång nu: inga fler påminnelser eller rapporter (close a round)',
  action: 'round.manage',
  flags: { year: yearFlag, tertial: tertialFlag },
  async run({ flags }, ctx) {
    const round = await ctx.services.rounds.close(flags.year, flags.tertial);
    ctx.stdout.write(`Omgång ${round.id} stängd ${round.closedAt ?? ''}\n`);
  },
});
