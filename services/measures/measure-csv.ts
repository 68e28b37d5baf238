/**
 * Measures and their outcomes as semicolon-separated CSV, as Swedish Excel saves it (UTF-8 with BOM,
 * `;` between cells, decimal comma). One row per measure, or per measure and period:
 *
 *   year;goal_ref;measure_ref;name;unit;kind;direction;baseline_period;baseline_value;target;owner;period;value;comment
 *   2025;4.1;4.1.M1;Sjukfrånvaro;%;number;lower;2023;9,9;9,5;;2025-T3;9,32;Minskar sedan våren
 *
 * A row's definition columns (goal_ref … owner) define or change the measure; they may be left empty
 * on further rows of the same measure. `period` + `value` (+ `comment`) is an outcome; a row without
 * a period only defines. kind: number|tal or text; direction: higher|högre or lower|lägre.
 * `owner`: the reporter's aadObjectId or e-mail. Parsing collects every problem, each with its row.
 */
import type { Measure, MeasureOutcome, MeasureValue } from '../domain/model';
import { ValidationError } from '../errors';
import { parseSemicolonCsv } from '../import/csv';
import { parsePeriod, parseSwedishNumber, swedishNumber } from './measure-values';

export const MEASURE_CSV_COLUMNS = [
  'year',
  'goal_ref',
  'measure_ref',
  'name',
  'unit',
  'kind',
  'direction',
  'baseline_period',
  'baseline_value',
  'target',
  'owner',
  'period',
  'value',
  'comment',
] as const;
const REQUIRED = ['year', 'measure_ref'] as const;

/** A measure as a CSV row defines it; fields left empty are undefined (keep what the plan says). */
export interface MeasureDefinitionRow {
  line: number;
  ref: string;
  goalRef?: string;
  name?: string;
  unit?: string;
  kind?: Measure['kind'];
  direction?: Measure['direction'];
  baseline?: { period: string; raw: string };
  target?: string;
  /** aadObjectId or e-mail */
  owner?: string;
}

export interface MeasureOutcomeRow {
  line: number;
  ref: string;
  period: string;
  /** as written; converted by the measure's kind once it is known */
  raw: string;
  comment: string | null;
}

export interface MeasureCsv {
  year: number;
  definitions: MeasureDefinitionRow[];
  outcomes: MeasureOutcomeRow[];
}

const KINDS: Record<string, Measure['kind']> = { number: 'number', tal: 'number', text: 'text' };
const DIRECTIONS: Record<string, NonNullable<Measure['direction']>> = { higher: 'higher', 'högre': 'higher', lower: 'lower', 'lägre': 'lower' };

/** Parses the decoded text (BOM already dropped); throws one ValidationError naming every bad row. */
export function parseMeasureCsv(text: string): MeasureCsv {
  const table = parseSemicolonCsv(text, { known: MEASURE_CSV_COLUMNS, required: REQUIRED, label: 'Mått-CSV' });
  const problems: string[] = [];
  const years = new Set(table.rows.map((r) => r.get('year')).filter(Boolean));
  if (years.size > 1) problems.push(`fält "year": olika år (${[...years].join(', ')}); en fil gäller ett år`);
  const yearText = [...years][0] ?? '';
  if (!/^\d{4}$/.test(yearText)) problems.push(`fält "year": "${yearText}" är inget år (YYYY)`);
  const year = Number(yearText);
  const definitions: MeasureDefinitionRow[] = [];
  const outcomes: MeasureOutcomeRow[] = [];
  const seenOutcome = new Map<string, number>();
  for (const r of table.rows) {
    const at = `rad ${r.line}`;
    const ref = r.get('measure_ref');
    if (!r.get('year')) problems.push(`${at}, fält "year": år saknas`);
    if (!ref) {
      problems.push(`${at}, fält "measure_ref": måttets ref saknas`);
      continue;
    }
    const def: MeasureDefinitionRow = { line: r.line, ref };
    const set = <K extends keyof MeasureDefinitionRow>(key: K, value: MeasureDefinitionRow[K] | undefined) => {
      if (value !== undefined) def[key] = value;
    };
    set('goalRef', r.get('goal_ref') || undefined);
    set('name', r.get('name') || undefined);
    set('unit', r.get('unit') || undefined);
    const kindText = r.get('kind').toLowerCase();
    if (kindText && !KINDS[kindText]) problems.push(`${at}, mått ${ref}, fält "kind": "${r.get('kind')}" ska vara number (tal) eller text`);
    set('kind', KINDS[kindText]);
    const directionText = r.get('direction').toLowerCase();
    if (directionText && !DIRECTIONS[directionText]) problems.push(`${at}, mått ${ref}, fält "direction": "${r.get('direction')}" ska vara higher (högre) eller lower (lägre)`);
    set('direction', DIRECTIONS[directionText]);
    const bp = r.get('baseline_period');
    const bv = r.get('baseline_value');
    if (bp || bv) {
      if (!bp || !bv) problems.push(`${at}, mått ${ref}: baseline_period och baseline_value hör ihop; fyll i båda eller ingen`);
      else if (!parsePeriod(bp)) problems.push(`${at}, mått ${ref}, fält "baseline_period": "${bp}" är ingen period (YYYY eller YYYY-T1..T3)`);
      else def.baseline = { period: bp, raw: bv };
    }
    set('target', r.get('target') || undefined);
    set('owner', r.get('owner') || undefined);
    if (Object.keys(def).length > 2) definitions.push(def);
    const period = r.get('period');
    const raw = r.get('value');
    if (period || raw || r.get('comment')) {
      if (!period) problems.push(`${at}, mått ${ref}, fält "period": ett utfall behöver en period`);
      else if (!parsePeriod(period)) problems.push(`${at}, mått ${ref}, fält "period": "${period}" är ingen period (YYYY eller YYYY-T1..T3)`);
      else if (parsePeriod(period)!.year !== year && /^\d{4}$/.test(yearText)) problems.push(`${at}, mått ${ref}, fält "period": ${period} hör inte till året ${year}`);
      else if (!raw) problems.push(`${at}, mått ${ref}, fält "value": utfallet saknas`);
      else {
        const key = `${ref} ${period}`;
        if (seenOutcome.has(key)) problems.push(`${at}, mått ${ref}: perioden ${period} finns redan på rad ${seenOutcome.get(key)}`);
        seenOutcome.set(key, r.line);
        outcomes.push({ line: r.line, ref, period, raw, comment: r.get('comment') || null });
      }
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(`Mått-CSV:n innehåller ${problems.length} fel; inget har ändrats (the measures CSV has ${problems.length} problem(s); nothing was changed)`, problems);
  }
  return { year, definitions, outcomes };
}

/** a cell's text as the measure's value: a number (decimal comma) for number measures, else the text */
export function measureValueFromText(kind: Measure['kind'], raw: string): MeasureValue | null {
  if (kind === 'text') return raw.trim() || null;
  return parseSwedishNumber(raw);
}

function cell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const valueCell = (v: MeasureValue | null | undefined) => (v === null || v === undefined ? '' : typeof v === 'number' ? swedishNumber(v).replace(/ /g, '') : v);

/**
 * The year's live measures and their current outcomes as CSV, as Excel opens it (BOM, `;`, CRLF,
 * decimal comma): one row per outcome, the definition on the first row of each measure.
 */
export function writeMeasureCsv(year: number, measures: readonly Measure[], outcomes: readonly MeasureOutcome[], emailOf: (id: string) => string | null = () => null): string {
  const lines = [MEASURE_CSV_COLUMNS.join(';')];
  const live = [...measures].filter((m) => !m.archived).sort((a, b) => a.order - b.order);
  for (const m of live) {
    const own = outcomes.filter((o) => o.measureRef === m.ref && o.current.value !== null).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    const definition = [
      String(year),
      m.goalRef,
      m.ref,
      m.name,
      m.unit,
      m.kind,
      m.direction ?? '',
      m.baseline?.period ?? '',
      valueCell(m.baseline?.value),
      valueCell(m.target?.value),
      m.ownerId ? emailOf(m.ownerId) ?? m.ownerId : '',
    ];
    const blank = [String(year), '', m.ref, '', '', '', '', '', '', '', ''];
    if (own.length === 0) lines.push([...definition, '', '', ''].map(cell).join(';'));
    own.forEach((o, i) => lines.push([...(i === 0 ? definition : blank), o.period, valueCell(o.current.value), o.current.comment ?? ''].map(cell).join(';')));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
