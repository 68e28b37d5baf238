/**
 * Measures at the command line: `import measures FILE` (CSV, all or nothing), `measure set` (one
 * outcome, entered by the operator), `export measures` (the CSV Excel opens).
 */
import { writeFile } from 'node:fs/promises';
import { MEASURE_CSV_COLUMNS } from '../../services/measures/measure-csv';
import { defineCommand } from '../command';
import { readInputFile } from '../read-input';
import { operator } from '../operator';
import { yearFlag } from './round-args';

const principal = (by: string | undefined) => operator(by);

export const importMeasuresCommand = defineCommand({
  summary: 'Importera mått och utfall (semikolonseparerad CSV, decimalkomma); allt eller inget',
  action: 'measure.report',
  args: [{ name: 'FILE', description: 'mått-CSV (UTF-8, gärna med BOM, semikolon)' }],
  details:
    `CSV-kolumner: ${MEASURE_CSV_COLUMNS.join(';')}\n` +
    'En rad per mått, eller per mått och period. kind: number (tal) eller text; direction: higher (högre) eller lower (lägre).\n' +
    'Perioder: 2025 eller 2025-T1..T3. Tal med decimalkomma (9,32). Se docs/formats.md.',
  flags: { by: { type: 'string', description: 'namn på den som importerar (standard: användarnamnet)', placeholder: 'NAMN' } },
  async run({ args, flags }, ctx) {
    const r = await ctx.services.measures.importCsv(principal(flags.by), await readInputFile(ctx, args[0]!));
    ctx.stdout.write(
      [
        `Mått för ${r.year} importerade.`,
        `  mått:   ${r.measures.added} nya, ${r.measures.updated} ändrade, ${r.measures.unchanged} oförändrade`,
        `  utfall: ${r.outcomes.added} nya versioner, ${r.outcomes.unchanged} oförändrade`,
      ].join('\n') + '\n',
    );
  },
});

export const measureSetCommand = defineCommand({
  summary: 'Ange ett måtts utfall för en period (enter a measure outcome)',
  action: 'measure.report',
  details: ['Exempel:', '  tertial measure set --year 2025 --ref 4.1.M1 --period 2025-T3 --value 9,32 --comment "Minskar sedan våren"'].join('\n'),
  flags: {
    year: yearFlag,
    ref: { type: 'string', required: true, description: 'måttets ref, t.ex. 4.1.M1', placeholder: 'REF' },
    period: { type: 'string', required: true, description: 'period: YYYY eller YYYY-T1..T3', placeholder: 'PERIOD' },
    value: { type: 'string', required: true, description: 'utfallet: tal med decimalkomma, eller text; tomt tar bort utfallet', placeholder: 'VÄRDE' },
    comment: { type: 'string', description: 'kommentar till utfallet', placeholder: 'TEXT' },
    by: { type: 'string', description: 'namn på den som anger (standard: användarnamnet)', placeholder: 'NAMN' },
  },
  async run({ flags }, ctx) {
    const { outcome, shownValue } = await ctx.services.measures.setOutcomeShown(principal(flags.by), {
      year: flags.year,
      ref: flags.ref,
      period: flags.period,
      value: flags.value,
      comment: flags.comment ?? null,
      source: 'cli',
    });
    ctx.stdout.write(`Utfall sparat: ${outcome.measureRef} ${outcome.period} ${shownValue} (av ${outcome.current.by.name})\n`);
  },
});

export const exportMeasuresCommand = defineCommand({
  summary: 'Exportera årets mått och utfall som CSV (semikolon, decimalkomma, BOM) på stdout eller till -o FIL',
  action: 'year.export',
  flags: {
    year: yearFlag,
    o: { type: 'string', description: 'fil att skriva (annars stdout)', placeholder: 'FILE' },
  },
  async run({ flags }, ctx) {
    const csv = await ctx.services.measures.exportCsv(flags.year);
    if (!flags.o) {
      ctx.stdout.write(csv);
      return;
    }
    await writeFile(flags.o, csv, 'utf8');
    ctx.stderr.write(`Skrev ${flags.o}\n`);
  },
});
