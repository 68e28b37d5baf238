/**
 * `tertial-results/1`: what was reported and assessed at one tertial (see DOMAIN.md). Parsed and
 * validated with every problem collected; a `status` of null is an empty status cell.
 * Whether the refs exist in the year's plan is checked by the importer (it needs the store).
 */
import { z } from 'zod';
import { ASSESSMENT_CODES, STATUS_CODES, TERTIALS, type AssessmentCode, type StatusCode, type Tertial } from '../domain/vocabulary';
import { ValidationError } from '../errors';
import { parsePeriod } from '../measures/measure-values';
import { requireFormat } from '../plan/plan-format';

export const RESULTS_FORMAT = 'tertial-results/1';

export interface ResultsReport {
  activity: string;
  status: StatusCode | null;
  comment: string | null;
}

export interface ResultsAssessment {
  goal: string;
  assessment: AssessmentCode;
  comment: string | null;
}

/** a measure's outcome for a period ('2025' or '2025-T3') */
export interface ResultsMeasure {
  ref: string;
  period: string;
  value: number | string;
  comment: string | null;
}

export interface ResultsDocument {
  format: typeof RESULTS_FORMAT;
  year: number;
  tertial: Tertial;
  reports: ResultsReport[];
  assessments: ResultsAssessment[];
  /** measure outcomes; [] when the file has none */
  measures: ResultsMeasure[];
}

const ref = z.string({ error: 'ref saknas eller är inte text' }).trim().min(1, 'ref saknas');
const comment = z.string({ error: 'kommentar ska vara text eller null' }).nullable().optional();

const schema = z.object({
  format: z.literal(RESULTS_FORMAT),
  year: z.number({ error: 'år saknas eller är inget tal' }).int('år ska vara ett heltal').min(2000, 'orimligt år').max(2100, 'orimligt år'),
  tertial: z.union(TERTIALS.map((t) => z.literal(t)), { error: 'tertial ska vara 1, 2 eller 3' }),
  reports: z.array(
    z.object({
      activity: ref,
      status: z.enum(STATUS_CODES, { error: `okänd statuskod (unknown status code; expected ${STATUS_CODES.join(', ')} or null)` }).nullable(),
      comment,
    }),
    { error: 'reports ska vara en lista' },
  ),
  assessments: z
    .array(
      z.object({
        goal: ref,
        assessment: z.enum(ASSESSMENT_CODES, { error: `okänd bedömning (unknown assessment code; expected ${ASSESSMENT_CODES.join(', ')})` }),
        comment,
      }),
      { error: 'assessments ska vara en lista' },
    )
    .optional(),
  measures: z
    .array(
      z.object({
        ref,
        period: z.string({ error: 'period saknas' }).trim().refine((p) => parsePeriod(p) !== null, { message: 'ingen period (YYYY eller YYYY-T1..T3)' }),
        value: z.union([z.number().finite(), z.string().trim().min(1)], { error: 'värdet ska vara ett tal eller text' }),
        comment,
      }),
      { error: 'measures ska vara en lista' },
    )
    .optional(),
});

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(input: Raw, path: readonly PropertyKey[]): string {
  const [list, index, field] = path;
  if ((list === 'reports' || list === 'assessments' || list === 'measures') && typeof index === 'number') {
    const entry = (input[list] as unknown[] | undefined)?.[index] as Raw | undefined;
    const key = list === 'reports' ? 'activity' : list === 'assessments' ? 'goal' : 'ref';
    const label = list === 'reports' ? 'aktivitet' : list === 'assessments' ? 'mål' : 'mått';
    const name = typeof entry?.[key] === 'string' && entry[key] ? `${label} ${entry[key] as string}` : `${list}[${index}]`;
    const value = field !== undefined && entry ? entry[field as string] : undefined;
    const shown = typeof value === 'string' ? ` "${value}"` : '';
    return `${name}${field !== undefined ? `, fält "${String(field)}"${shown}` : ''}`;
  }
  return path.length > 0 ? `fält "${path.map(String).join('.')}"` : 'dokumentet';
}

/** Parses and validates a tertial-results/1 document; throws one ValidationError listing every problem. */
export function parseResultsDocument(input: unknown): ResultsDocument {
  requireFormat(input, RESULTS_FORMAT);
  const raw = input as Raw;
  const problems: string[] = [];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${describe(raw, issue.path)}: ${issue.message}`);
  const duplicates = (list: unknown, key: string, label: string) => {
    if (!Array.isArray(list)) return;
    const seen = new Map<string, number>();
    for (const e of list) {
      const v = (e as Raw | null)?.[key];
      if (typeof v === 'string') seen.set(v, (seen.get(v) ?? 0) + 1);
    }
    for (const [v, n] of seen) if (n > 1) problems.push(`${label} ${v}: förekommer ${n} gånger (duplicate)`);
  };
  duplicates(raw.reports, 'activity', 'aktivitet');
  duplicates(raw.assessments, 'goal', 'mål');
  if (Array.isArray(raw.measures)) {
    const keyed = raw.measures.map((m) => (isRaw(m) && typeof m.ref === 'string' && typeof m.period === 'string' ? { key: `${m.ref} ${m.period}` } : {}));
    duplicates(keyed, 'key', 'mått och period');
    for (const m of raw.measures) {
      const period = isRaw(m) && typeof m.period === 'string' ? parsePeriod(m.period) : null;
      if (period && typeof raw.year === 'number' && period.year !== raw.year) {
        problems.push(`mått ${String(m.ref)}, fält "period" "${m.period}": perioden hör inte till året ${raw.year}`);
      }
    }
  }
  if (!parsed.success || problems.length > 0) {
    throw new ValidationError(
      `Resultatfilen innehåller ${problems.length} fel; inget har ändrats (the results file has ${problems.length} problem(s); nothing was changed)`,
      problems,
    );
  }
  const d = parsed.data;
  return {
    format: RESULTS_FORMAT,
    year: d.year,
    tertial: d.tertial as Tertial,
    reports: d.reports.map((r) => ({ activity: r.activity, status: r.status, comment: r.comment ?? null })),
    assessments: (d.assessments ?? []).map((a) => ({ goal: a.goal, assessment: a.assessment, comment: a.comment ?? null })),
    measures: (d.measures ?? []).map((m) => ({ ref: m.ref, period: m.period, value: m.value, comment: m.comment ?? null })),
  };
}
