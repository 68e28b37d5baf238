/**
 * A plan as semicolon-separated CSV (Swedish Excel): one row per activity, carrying its goal and
 * the goal's KF goal. Converted to a tertial-plan/1 document and validated by parsePlanDocument,
 * so CSV and JSON obey the same rules; problems name the CSV row.
 *
 * Columns (header row required, any order, case-insensitive):
 *   year            required on every row, the same on every row
 *   organisation    e.g. Ånge kommun (at least one row; must agree)
 *   body            e.g. Kommunstyrelsen (at least one row; must agree)
 *   kf_ref, kf_title            the KF goal of a ks goal (empty for an economic goal)
 *   goal_ref, goal_kind, goal_title   the goal holding the activity; goal_kind ks or economic
 *                                     (empty: ks when kf_ref is set, else economic)
 *   activity_ref, activity_title, description, start, end, units
 *                   the activity; dates YYYY-MM-DD (start may be empty); units separated by , or |
 * A row with an empty activity_ref declares a goal without activities; a row with only kf_ref and
 * kf_title declares a KF goal without ks goals.
 */
import type { Plan } from '../domain/model';
import { ValidationError } from '../errors';
import { parseSemicolonCsv } from '../import/csv';
import { PLAN_FORMAT, parsePlanDocument, type ParsePlanOptions } from './plan-format';

export const PLAN_CSV_COLUMNS = [
  'year',
  'organisation',
  'body',
  'kf_ref',
  'kf_title',
  'goal_ref',
  'goal_kind',
  'goal_title',
  'activity_ref',
  'activity_title',
  'description',
  'start',
  'end',
  'units',
] as const;
const REQUIRED = ['year', 'goal_ref', 'goal_title', 'activity_ref', 'activity_title', 'end'] as const;

interface GoalDraft {
  ref: string;
  kind: string;
  title: string;
  line: number;
  children?: GoalDraft[];
  activities?: Record<string, unknown>[];
}

export function splitUnits(cell: string): string[] {
  return cell
    .split(/[,|]/)
    .map((u) => u.trim())
    .filter(Boolean);
}

/** Parses plan CSV text (already decoded) into a validated Plan; throws one ValidationError listing every problem. */
export function parsePlanCsv(text: string, options: Pick<ParsePlanOptions, 'importedAt'> = {}): Plan {
  const table = parseSemicolonCsv(text, { known: PLAN_CSV_COLUMNS, required: REQUIRED, label: 'Plan-CSV' });
  const problems: string[] = [];
  const rowsOf = new Map<string, number[]>();
  const note = (ref: string, line: number) => rowsOf.set(ref, [...(rowsOf.get(ref) ?? []), line]);
  const single = (column: string, label: string) => {
    const values = new Map<string, number>();
    for (const r of table.rows) if (r.get(column) && !values.has(r.get(column))) values.set(r.get(column), r.line);
    if (values.size > 1) {
      problems.push(`fält "${column}": olika värden (${[...values].map(([v, l]) => `"${v}" på rad ${l}`).join(', ')}); en fil är en plan`);
    }
    if (values.size === 0) problems.push(`fält "${column}": ${label} saknas på alla rader`);
    return [...values.keys()][0] ?? '';
  };
  const yearText = single('year', 'år');
  const organisation = single('organisation', 'organisation');
  const body = single('body', 'nämnd (body)');
  for (const r of table.rows) if (!r.get('year')) problems.push(`rad ${r.line}, fält "year": år saknas`);

  const top: GoalDraft[] = [];
  const goals = new Map<string, { draft: GoalDraft; parent: string }>();
  const goalAt = (ref: string, kind: string, title: string, parent: string, line: number): GoalDraft => {
    const known = goals.get(ref);
    if (known) {
      const d = known.draft;
      if (d.title !== title && title) problems.push(`rad ${line}, mål ${ref}, fält "title": "${title}" skiljer sig från rad ${d.line} ("${d.title}")`);
      if (d.kind !== kind) problems.push(`rad ${line}, mål ${ref}, fält "kind": ${kind} skiljer sig från rad ${d.line} (${d.kind})`);
      if (known.parent !== parent) problems.push(`rad ${line}, mål ${ref}: ligger under "${parent || '(inget)'}" men på rad ${d.line} under "${known.parent || '(inget)'}"`);
      return d;
    }
    const draft: GoalDraft = kind === 'kf' ? { ref, kind, title, line, children: [] } : { ref, kind, title, line, activities: [] };
    goals.set(ref, { draft, parent });
    note(ref, line);
    if (parent) goals.get(parent)?.draft.children?.push(draft);
    else top.push(draft);
    return draft;
  };

  for (const r of table.rows) {
    const kfRef = r.get('kf_ref');
    const goalRef = r.get('goal_ref');
    const activityRef = r.get('activity_ref');
    if (kfRef) goalAt(kfRef, 'kf', r.get('kf_title'), '', r.line);
    else if (r.get('kf_title')) problems.push(`rad ${r.line}, fält "kf_ref": kf_title är ifyllt men kf_ref saknas`);
    if (!goalRef) {
      if (activityRef) problems.push(`rad ${r.line}, aktivitet ${activityRef}, fält "goal_ref": aktiviteten saknar mål`);
      else if (!kfRef) problems.push(`rad ${r.line}: varken kf_ref, goal_ref eller activity_ref är ifyllt`);
      continue;
    }
    const kind = r.get('goal_kind') || (kfRef ? 'ks' : 'economic');
    const goal = goalAt(goalRef, kind, r.get('goal_title'), kfRef, r.line);
    if (!activityRef) continue;
    note(activityRef, r.line);
    if (!goal.activities) {
      problems.push(`rad ${r.line}, aktivitet ${activityRef}: målet ${goalRef} är ett kf-mål och kan inte ha aktiviteter`);
      continue;
    }
    goal.activities.push({
      ref: activityRef,
      title: r.get('activity_title'),
      description: r.get('description') || null,
      start: r.get('start') || null,
      end: r.get('end') || undefined,
      units: splitUnits(r.get('units')),
    });
  }
  if (!/^\d{4}$/.test(yearText) && yearText) problems.push(`fält "year": "${yearText}" är inget år (YYYY)`);

  const strip = (g: GoalDraft): Record<string, unknown> => {
    const { line: _line, children, activities, ...rest } = g;
    return children ? { ...rest, children: children.map(strip) } : { ...rest, activities };
  };
  const doc = { format: PLAN_FORMAT, organisation, body, year: Number(yearText), goals: top.map(strip) };
  const locate = (ref: string) => {
    const lines = rowsOf.get(ref);
    return lines ? `rad ${[...new Set(lines)].join(', ')}` : undefined;
  };
  try {
    const plan = parsePlanDocument(doc, { ...options, locate });
    if (problems.length > 0) throw new ValidationError('', []);
    return plan;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const all = [...problems, ...e.details];
    throw new ValidationError(
      `Plan-CSV:n innehåller ${all.length} fel; inget har ändrats (the plan CSV has ${all.length} problem(s); nothing was changed)`,
      all,
    );
  }
}
