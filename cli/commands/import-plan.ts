import { defineCommand } from '../command';
import { readInputFile } from '../read-input';
import { formatPlanSummary } from './import-summaries';

export const importPlanCommand = defineCommand({
  summary: 'Importera årets plan (tertial-plan/1 JSON eller semikolonseparerad CSV); allt eller inget',
  action: 'plan.import',
  args: [{ name: 'FILE', description: 'planfil, .json (tertial-plan/1) eller .csv (UTF-8, semikolon)' }],
  details:
    'CSV-kolumner: year;organisation;body;kf_ref;kf_title;goal_ref;goal_kind;goal_title;activity_ref;activity_title;description;start;end;units\n' +
    'En rad per aktivitet. Datum YYYY-MM-DD, enheter åtskilda med , eller |. Se README.md.\n' +
    'Ny import av samma år uppdaterar per ref; aktiviteter som saknas arkiveras, rapporter behålls.',
  async run({ args }, ctx) {
    const { summary, written } = await ctx.services.yearData.importPlan(await readInputFile(ctx, args[0]!));
    ctx.stdout.write(`${formatPlanSummary(summary, written)}\n`);
  },
});
