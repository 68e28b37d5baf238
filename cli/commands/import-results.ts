import { defineCommand } from '../command';
import { readInputFile } from '../read-input';
import { formatResultsSummary } from './import-summaries';

export const importResultsCommand = defineCommand({
  summary: 'Importera statusar och bedömningar från tidigare system (tertial-results/1); allt eller inget',
  action: 'results.import',
  args: [{ name: 'FILE', description: 'resultatfil, .json (tertial-results/1)' }],
  details: 'Kopplas till omgången för år + tertial (skapas stängd om den saknas). Samma fil igen lägger inte till något.',
  async run({ args }, ctx) {
    const result = await ctx.services.yearData.importResults(await readInputFile(ctx, args[0]!));
    ctx.stdout.write(`${formatResultsSummary(result)}\n`);
  },
});
