/** `tertial report --year Y --tertial N --format docx|md|json -o FILE`: the Målavstämning report of a round. */
import { writeFile } from 'node:fs/promises';
import { isReportFormat, REPORT_FORMATS } from '../../services/report/report-service';
import { ValidationError } from '../../services/errors';
import { defineCommand } from '../command';
import { checkTertial } from './assessment-cli';
import { tertialFlag, yearFlag } from './round-args';

export const reportCommand = defineCommand({
  summary: 'Skriv rapporten Målavstämning för en tertial (write the report)',
  action: 'report.export',
  details: [
    'Exempel:',
    '  tertial report --year 2025 --tertial 3 --format docx -o malavstamning-t3-2025.docx',
    '  tertial report --year 2025 --tertial 3 --format md            (Markdown på stdout)',
    'Målen visar det beslutade, eller förslaget markerat "Förslag" där ingen har beslutat.',
  ].join('\n'),
  flags: {
    year: yearFlag,
    tertial: tertialFlag,
    format: { type: 'string', required: true, description: `format: ${REPORT_FORMATS.join(', ')}`, placeholder: 'docx|md|json' },
    o: { type: 'string', description: 'fil att skriva (md och json: stdout om den saknas)', placeholder: 'FILE' },
  },
  check({ flags }) {
    checkTertial(flags.tertial);
    if (!isReportFormat(flags.format)) {
      throw new ValidationError(`Okänt format "${flags.format}" (ska vara ${REPORT_FORMATS.join(', ')})`, [`--format: ${flags.format}`]);
    }
    if (flags.format === 'docx' && !flags.o) throw new ValidationError('docx skrivs till en fil: ange -o FIL', ['-o: krävs för docx']);
  },
  async run({ flags }, ctx) {
    const tertial = checkTertial(flags.tertial);
    if (!isReportFormat(flags.format)) throw new ValidationError(`Okänt format "${flags.format}"`, [`--format: ${flags.format}`]);
    const report = await ctx.services.reports.render(flags.year, tertial, flags.format);
    if (!flags.o) {
      ctx.stdout.write(Buffer.from(report.bytes).toString('utf8'));
      return;
    }
    await writeFile(flags.o, report.bytes);
    const proposals = report.model.summary.proposals;
    ctx.stderr.write(`Skrev ${flags.o} (${report.model.fullTitle}, ${report.bytes.byteLength} byte${proposals > 0 ? `; ${proposals} bedömningar är förslag` : ''})\n`);
  },
});
