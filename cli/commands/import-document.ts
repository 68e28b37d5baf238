import { defineCommand } from '../command';
import { readInputFile } from '../read-input';
import { formatPlanSummary, formatResultsSummary, formatRestoreSummary } from './import-summaries';

export const importDocumentCommand = defineCommand({
  summary: 'Importera ett JSON-dokument efter dess format: tertial-plan/1, tertial-results/1 eller tertial-export/1',
  action: 'plan.import',
  args: [{ name: 'FILE', description: 'JSON-fil med "format"' }],
  details: 'En tertial-export/1 återställs utan förlust; data som redan finns och skiljer sig skrivs aldrig över (konflikt, exit 1).',
  async run({ args }, ctx) {
    const r = await ctx.services.yearData.importDocument(await readInputFile(ctx, args[0]!));
    const text =
      r.format === 'tertial-plan/1'
        ? formatPlanSummary(r.result.summary, r.result.written)
        : r.format === 'tertial-results/1'
          ? formatResultsSummary(r.result)
          : formatRestoreSummary(r.result);
    ctx.stdout.write(`${text}\n`);
  },
});
