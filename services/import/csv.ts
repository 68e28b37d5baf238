/**
 * Semicolon-separated CSV as Swedish Excel saves it: `;` between cells, `"` quoting (`""` inside),
 * line breaks inside quoted cells, CRLF or LF. The first row is the header; column names are
 * matched case-insensitively. A comma-separated file is refused (it would silently become one column).
 */
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

function splitRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ';') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += c;
  }
  if (quoted) throw new ValidationError('Trasig CSV (unterminated quote)', [`rad ${recordLine}: ett citattecken (") stängs aldrig`]);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
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
