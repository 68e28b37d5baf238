import { defineCommand } from '../command';
import { readInputFile } from '../read-input';
import { formatOwnersSummary } from './import-summaries';

export const importOwnersCommand = defineCommand({
  summary: 'Importera aktivitetsägare (CSV: enheter eller enskilda aktiviteter → personer); allt eller inget',
  action: 'plan.import',
  args: [{ name: 'FILE', description: 'ägarfil, .csv (UTF-8, semikolon)' }],
  details:
    'CSV-kolumner: aadObjectId;name;email;unit;year;activity;remove (remove är valfri)\n' +
    'En rad per uppdrag: antingen unit, eller year + activity (ref i årets plan). Se docs/formats.md.\n' +
    'remove = ja tar bort personen (har slutat): uppdragen upphör direkt, inga fler påminnelser.\n' +
    'En person i filen får exakt filens uppdrag; personer som inte finns i filen lämnas orörda.',
  async run({ args }, ctx) {
    const result = await ctx.services.yearData.importOwners(await readInputFile(ctx, args[0]!));
    ctx.stdout.write(`${formatOwnersSummary(result)}\n`);
  },
});
