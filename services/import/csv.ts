/**
 * Semicolon-separated CSV as Swedish Excel saves it: `;` between cells, `"` quoting (`""` inside),
 * line breaks inside quoted cells, CRLF or LF. The first row is the header; column names are
 * matched case-insensitively. A comma-separated file is refused (it would silently become one column).
 * Reading the cells is csv-parse's; the rules about columns and rows, and their Swedish messages, are here.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError } from '../errors';

export interface CsvRow {
  /** 1-based line in the file where the row starts (the header is line 1) */
  line: number;
  /** cells by lower-cased header name, trimmed; '' for an empty or missing cell */
  get(column: string): string;
}

export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
}

const LINE_BREAK = /\r\n|\n|\r/g;

/** records with the line each starts on (a quoted cell may span lines), read by csv-parse */
function splitRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let lastLine = 0;
  try {
    const parsed = parse(text, {
      delimiter: ';',
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      // a " opens a quoted cell only at the cell's start (spaces before it allowed); elsewhere it is text
      relax_quotes: true,
      ltrim: true,
      rtrim: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      raw: true,
      // the end of the last complete record, for the line of a quote that never closes
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    for (const { record, info, raw } of parsed) {
      // info.lines is the line the record ends on; the breaks inside its cells give the line it starts on
      const inside = raw.replace(/(\r\n|\n|\r)$/, '').match(LINE_BREAK)?.length ?? 0;
      records.push({ line: info.lines - inside, cells: record });
    }
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new ValidationError('Trasig CSV (unterminated quote)', [`rad ${lastLine + 1}: ett citattecken (") stängs aldrig`]);
    }
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? lastLine + 1;
      throw new ValidationError('Trasig CSV (malformed CSV)', [`rad ${line}: cellerna går inte att läsa (kontrollera citattecknen)`]);
    }
    throw e;
  }
  return records;
}

/**
 * Parses the text against the known columns: unknown or missing required columns are errors,
 * blank rows (Excel's trailing `;;;`) are skipped.
 */
export function parseSemicolonCsv(text: string, spec: { known: readonly string[]; required: readonly string[]; label: string }): CsvTable {
  const records = splitRecords(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length === 0) throw new ValidationError(`${spec.label} är tom (empty file)`, [`${spec.label}: ingen rubrikrad`]);
  const header = records[0]!.cells.map((c) => c.trim().toLowerCase());
  if (header.length === 1 && header[0]!.includes(',')) {
    throw new ValidationError('CSV-filen är kommaseparerad; Tertial läser semikolonseparerad CSV (comma-delimited CSV; use ";")', [
      `rad 1: rubrikraden "${records[0]!.cells[0]}" innehåller komma men inget semikolon. Spara som "CSV UTF-8" med svenska ` +
        'inställningar (semikolon) eller byt avgränsare till ;',
    ]);
  }
  const problems: string[] = [];
  const known = new Set(spec.known);
  for (const h of header) if (h && !known.has(h)) problems.push(`rad 1: okänd kolumn "${h}"`);
  for (const r of spec.required) if (!header.includes(r)) problems.push(`rad 1: kolumnen "${r}" saknas`);
  const seen = new Set<string>();
  for (const h of header) {
    if (h && seen.has(h)) problems.push(`rad 1: kolumnen "${h}" finns två gånger`);
    seen.add(h);
  }
  for (const r of records.slice(1)) {
    if (r.cells.length > header.length && r.cells.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push(`rad ${r.line}: ${r.cells.length} celler men rubrikraden har ${header.length}`);
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(`${spec.label}: felaktiga kolumner (bad columns); kända kolumner: ${spec.known.join(';')}`, problems);
  }
  const index = new Map(header.map((h, i) => [h, i]));
  return {
    columns: header,
    rows: records.slice(1).map((r) => ({
      line: r.line,
      get: (column: string) => {
        const i = index.get(column);
        return i === undefined ? '' : (r.cells[i] ?? '').trim();
      },
    })),
  };
}
