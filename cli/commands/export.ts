import { defineCommand } from '../command';

export const exportCommand = defineCommand({
  summary: 'Exportera allt för ett år (plan, ägare, omgångar, rapporter och bedömningar med historik) som JSON på stdout',
  action: 'year.export',
  flags: {
    year: { type: 'integer', required: true, description: 'året att exportera', placeholder: 'YYYY' },
    json: { type: 'boolean', description: 'JSON (tertial-export/1); standard och enda formatet' },
  },
  details: 'Återställs med `tertial import FILE`.',
  async run({ flags }, ctx) {
    const doc = await ctx.services.yearData.exportYear(flags.year);
    ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  },
});
