/**
 * `tertial-plan/1`: one year's plan as the interchange JSON (see DOMAIN.md), parsed into the flat
 * domain Plan and written back. Validation collects EVERY problem, each naming its ref and field,
 * and throws one ValidationError; nothing is half-parsed.
 *
 * Nesting rules: top-level goals are `kf` (holding `children`, the `ks` goals) or `economic`
 * (holding `activities`); a `ks` goal lives only under a `kf` goal and holds `activities`.
 */
import { z } from 'zod';
import type { Activity, Goal, IsoInstant, Measure, MeasureValue, Plan } from '../domain/model';
import { parsePeriod } from '../measures/measure-values';
import { GOAL_KINDS, type GoalKind } from '../domain/vocabulary';
import { ValidationError } from '../errors';
import { isValidIsoDate } from '../rounds/stockholm-time';

export const PLAN_FORMAT = 'tertial-plan/1';
const EPOCH = '1970-01-01T00:00:00.000Z';

export interface PlanActivityDocument {
  ref: string;
  title: string;
  description: string | null;
  start: string | null;
  end: string;
  units: string[];
}

export interface PlanMeasureDocument {
  ref: string;
  name: string;
  unit: string;
  kind: 'number' | 'text';
  /** numbers only: 'higher' or 'lower' is better */
  direction?: 'higher' | 'lower';
  baseline?: { period: string; value: MeasureValue } | null;
  target?: { value: MeasureValue } | null;
  /** aadObjectId of the person who reports it */
  owner?: string | null;
}

export interface PlanGoalDocument {
  ref: string;
  kind: GoalKind;
  title: string;
  /** the goal's measures (mått); any kind of goal may have them */
  measures?: PlanMeasureDocument[];
  /** kf goals: their ks goals */
  children?: PlanGoalDocument[];
  /** ks and economic goals: their activities */
  activities?: PlanActivityDocument[];
}

export interface PlanDocument {
  format: typeof PLAN_FORMAT;
  organisation: string;
  body: string;
  year: number;
  goals: PlanGoalDocument[];
}

export interface ParsePlanOptions {
  /** stored as PlanMeta.importedAt; pass the clock's now (default: the epoch) */
  importedAt?: IsoInstant;
  /** where a ref sits in the source, appended to its problems, e.g. ref → 'rad 4' for CSV */
  locate?: (ref: string) => string | undefined;
}

const text = (what: string) => z.string({ error: `${what} saknas eller är inte text` }).trim().min(1, `${what} saknas`);
const isoDate = z
  .string({ error: 'datum saknas eller är inte text (YYYY-MM-DD)' })
  .refine(isValidIsoDate, { message: 'inget giltigt datum (expected a real date YYYY-MM-DD)' });

const activitySchema = z.object({
  ref: text('ref'),
  title: text('titel'),
  description: z.string({ error: 'beskrivning ska vara text eller null' }).nullable().optional(),
  start: isoDate.nullable().optional(),
  end: isoDate,
  units: z.array(text('enhet'), { error: 'enheter ska vara en lista med text' }).optional(),
});

const measureValue = z.union([z.number().finite(), z.string().trim().min(1)], { error: 'värdet ska vara ett tal eller text' });
const measureSchema = z.object({
  ref: text('ref'),
  name: text('namn'),
  unit: z.string({ error: 'enhet ska vara text' }).trim().optional(),
  kind: z.enum(['number', 'text'], { error: 'kind ska vara number eller text' }),
  direction: z.enum(['higher', 'lower'], { error: 'direction ska vara higher eller lower' }).optional(),
  baseline: z
    .object({ period: text('period'), value: measureValue })
    .nullable()
    .optional(),
  target: z.object({ value: measureValue }).nullable().optional(),
  owner: z.string({ error: 'owner ska vara ett aadObjectId (text) eller null' }).trim().min(1).nullable().optional(),
});

interface GoalInput {
  ref: string;
  kind: GoalKind;
  title: string;
  measures?: z.infer<typeof measureSchema>[] | undefined;
  children?: GoalInput[] | undefined;
  activities?: z.infer<typeof activitySchema>[] | undefined;
}

const goalSchema: z.ZodType<GoalInput> = z.lazy(() =>
  z.object({
    ref: text('ref'),
    kind: z.enum(GOAL_KINDS, { error: `okänd måltyp (unknown kind; expected ${GOAL_KINDS.join(', ')})` }),
    title: text('titel'),
    measures: z.array(measureSchema, { error: 'measures ska vara en lista' }).optional(),
    children: z.array(goalSchema, { error: 'children ska vara en lista' }).optional(),
    activities: z.array(activitySchema, { error: 'activities ska vara en lista' }).optional(),
  }),
);

const documentSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  organisation: text('organisation'),
  body: text('nämnd (body)'),
  year: z.number({ error: 'år saknas eller är inget tal' }).int('år ska vara ett heltal').min(2000, 'orimligt år').max(2100, 'orimligt år'),
  goals: z.array(goalSchema, { error: 'goals ska vara en lista' }),
});

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const refOf = (v: unknown): string | undefined => (isObject(v) && typeof v.ref === 'string' && v.ref.trim() ? v.ref.trim() : undefined);

/** Throws a ValidationError unless the input is an object tagged with `expected`. */
export function requireFormat(input: unknown, expected: string): void {
  if (!isObject(input)) {
    throw new ValidationError(`Dokumentet är inget JSON-objekt (expected a ${expected} object)`, [
      `dokumentet: förväntade ett objekt med "format": "${expected}"`,
    ]);
  }
  if (input.format !== expected) {
    const got = typeof input.format === 'string' ? `"${input.format}"` : 'saknas';
    throw new ValidationError(`Okänt format ${got} (unknown format tag; expected "${expected}")`, [
      `fält "format": ${got}, förväntade "${expected}"`,
    ]);
  }
}

/** Describes where a zod issue is: the nearest ref along its path, and the field. */
function placeOf(input: unknown, path: readonly PropertyKey[]): { where: string; field: string } {
  let node: unknown = input;
  let where = 'dokumentet';
  let kind = 'mål';
  let field = '';
  for (const key of path) {
    if (key === 'activities') kind = 'aktivitet';
    else if (key === 'measures') kind = 'mått';
    else if (key === 'children' || key === 'goals') kind = 'mål';
    const next = isObject(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const ref = refOf(next);
      where = ref ? `${kind} ${ref}` : `${where} → ${kind} nr ${key + 1} (utan ref)`;
      field = '';
    } else field = String(key);
    node = next;
  }
  return { where, field };
}

function line(where: string, field: string, problem: string, locate?: (ref: string) => string | undefined, ref?: string): string {
  const at = ref && locate ? locate(ref) : undefined;
  return `${where}${at ? ` (${at})` : ''}${field ? `, fält "${field}"` : ''}: ${problem}`;
}

/** Rules zod cannot see: nesting by kind, unique refs, end not before start. Works on the raw input. */
function semanticProblems(input: Raw, locate?: (ref: string) => string | undefined): string[] {
  const problems: string[] = [];
  const goalRefs = new Map<string, number>();
  const activityRefs = new Map<string, number>();
  const measureRefs = new Map<string, number>();
  const count = (m: Map<string, number>, ref: string | undefined) => ref && m.set(ref, (m.get(ref) ?? 0) + 1);

  const visitActivities = (goal: Raw) => {
    if (!Array.isArray(goal.activities)) return;
    for (const a of goal.activities) {
      const ref = refOf(a);
      count(activityRefs, ref);
      if (!isObject(a) || !ref) continue;
      const { start, end } = a;
      if (typeof start === 'string' && typeof end === 'string' && isValidIsoDate(start) && isValidIsoDate(end) && end < start) {
        problems.push(line(`aktivitet ${ref}`, 'end', `slutdatum ${end} ligger före startdatum ${start} (end before start)`, locate, ref));
      }
    }
  };

  const visitMeasures = (goal: Raw) => {
    if (!Array.isArray(goal.measures)) return;
    for (const m of goal.measures) {
      const ref = refOf(m);
      count(measureRefs, ref);
      if (!isObject(m) || !ref) continue;
      const where = `mått ${ref}`;
      const values: [string, unknown][] = [];
      if (isObject(m.baseline)) {
        values.push(['baseline.value', m.baseline.value]);
        if (typeof m.baseline.period === 'string' && !parsePeriod(m.baseline.period)) {
          problems.push(line(where, 'baseline.period', `"${m.baseline.period}" är ingen period (YYYY eller YYYY-T1..T3)`, locate, ref));
        }
      }
      if (isObject(m.target)) values.push(['target.value', m.target.value]);
      if (m.kind === 'number') {
        if (m.direction === undefined) problems.push(line(where, 'direction', 'ett mått med tal behöver direction: higher eller lower (which way is better)', locate, ref));
        for (const [field, v] of values) if (typeof v === 'string') problems.push(line(where, field, `"${v}" är inget tal (the measure's kind is number)`, locate, ref));
      } else if (m.kind === 'text') {
        if (m.direction !== undefined) problems.push(line(where, 'direction', 'ett textmått har ingen riktning (direction is for numbers)', locate, ref));
        for (const [field, v] of values) if (typeof v === 'number') problems.push(line(where, field, `${v} är ett tal men måttet är text; skriv "${v}"`, locate, ref));
      }
    }
  };

  const visitGoal = (goal: unknown, parentKind: GoalKind | null) => {
    if (!isObject(goal)) return;
    const ref = refOf(goal);
    count(goalRefs, ref);
    const kind = typeof goal.kind === 'string' && (GOAL_KINDS as readonly string[]).includes(goal.kind) ? (goal.kind as GoalKind) : null;
    const where = ref ? `mål ${ref}` : 'mål (utan ref)';
    const hasChildren = Array.isArray(goal.children) && goal.children.length > 0;
    const hasActivities = Array.isArray(goal.activities) && goal.activities.length > 0;
    if (kind === 'ks' && parentKind !== 'kf') {
      problems.push(line(where, 'kind', 'ett ks-mål får bara ligga under ett kf-mål (ks goals belong under a kf goal)', locate, ref));
    }
    if ((kind === 'kf' || kind === 'economic') && parentKind !== null) {
      problems.push(line(where, 'kind', `ett ${kind}-mål ska ligga på översta nivån (must be top level)`, locate, ref));
    }
    if (kind === 'kf' && hasActivities) {
      problems.push(line(where, 'activities', 'ett kf-mål har inga egna aktiviteter; de hör till dess ks-mål (kf goals hold ks goals, not activities)', locate, ref));
    }
    if ((kind === 'ks' || kind === 'economic') && hasChildren) {
      problems.push(line(where, 'children', `ett ${kind}-mål kan inte ha delmål (only kf goals have children)`, locate, ref));
    }
    if (Array.isArray(goal.children)) for (const c of goal.children) visitGoal(c, kind ?? 'kf');
    visitActivities(goal);
    visitMeasures(goal);
  };

  if (Array.isArray(input.goals)) for (const g of input.goals) visitGoal(g, null);
  for (const [ref, n] of goalRefs) if (n > 1) problems.push(line(`mål ${ref}`, 'ref', `ref förekommer ${n} gånger (duplicate ref)`, locate, ref));
  for (const [ref, n] of activityRefs) if (n > 1) problems.push(line(`aktivitet ${ref}`, 'ref', `ref förekommer ${n} gånger (duplicate ref)`, locate, ref));
  for (const [ref, n] of measureRefs) if (n > 1) problems.push(line(`mått ${ref}`, 'ref', `ref förekommer ${n} gånger (duplicate ref)`, locate, ref));
  return problems;
}

/** Parses and validates a tertial-plan/1 document into the flat domain Plan (nothing archived). */
export function parsePlanDocument(input: unknown, options: ParsePlanOptions = {}): Plan {
  requireFormat(input, PLAN_FORMAT);
  const raw = input as Raw;
  const problems: string[] = [];
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { where, field } = placeOf(raw, issue.path);
      const ref = where.startsWith('mål ') || where.startsWith('aktivitet ') || where.startsWith('mått ') ? where.split(' ')[1] : undefined;
      problems.push(line(where, field, issue.message, options.locate, ref));
    }
  }
  problems.push(...semanticProblems(raw, options.locate));
  if (!parsed.success || problems.length > 0) {
    throw new ValidationError(
      `Planen innehåller ${problems.length} fel; inget har ändrats (the plan has ${problems.length} problem(s); nothing was changed)`,
      problems,
    );
  }
  const doc = parsed.data;
  const year = doc.year;
  const goals: Goal[] = [];
  const activities: Activity[] = [];
  const measures: Measure[] = [];
  const addGoal = (g: GoalInput, parentRef: string | null) => {
    goals.push({ year, ref: g.ref, kind: g.kind, title: g.title, parentRef, order: goals.length, archived: false });
    for (const m of g.measures ?? []) {
      measures.push({
        year,
        ref: m.ref,
        goalRef: g.ref,
        name: m.name,
        unit: m.unit ?? '',
        kind: m.kind,
        direction: m.kind === 'number' ? m.direction ?? null : null,
        baseline: m.baseline ?? null,
        target: m.target ?? null,
        ownerId: m.owner ?? null,
        order: measures.length,
        archived: false,
      });
    }
    for (const a of g.activities ?? []) {
      activities.push({
        year,
        ref: a.ref,
        goalRef: g.ref,
        title: a.title,
        description: a.description ?? null,
        start: a.start ?? null,
        end: a.end,
        units: a.units ?? [],
        order: activities.length,
        archived: false,
      });
    }
    for (const c of g.children ?? []) addGoal(c, g.ref);
  };
  for (const g of doc.goals) addGoal(g, null);
  return {
    meta: { year, organisation: doc.organisation, body: doc.body, importedAt: options.importedAt ?? EPOCH },
    goals,
    activities,
    ...(measures.length > 0 ? { measures } : {}),
  };
}

function measureDocument(m: Measure): PlanMeasureDocument {
  return {
    ref: m.ref,
    name: m.name,
    unit: m.unit,
    kind: m.kind,
    ...(m.direction ? { direction: m.direction } : {}),
    baseline: m.baseline,
    target: m.target,
    ...(m.ownerId ? { owner: m.ownerId } : {}),
  };
}

function activityDocument(a: Activity): PlanActivityDocument {
  return { ref: a.ref, title: a.title, description: a.description, start: a.start, end: a.end, units: [...a.units] };
}

/** The plan back in the nested interchange shape, in plan order; archived goals and activities are left out. */
export function toPlanDocument(plan: Plan): PlanDocument {
  const byOrder = <T extends { order: number }>(xs: T[]) => [...xs].sort((a, b) => a.order - b.order);
  const goals = byOrder(plan.goals.filter((g) => !g.archived));
  const activities = byOrder(plan.activities.filter((a) => !a.archived));
  const measures = byOrder((plan.measures ?? []).filter((m) => !m.archived));
  const activitiesOf = (ref: string) => activities.filter((a) => a.goalRef === ref).map(activityDocument);
  // a goal without measures is written as before: files without measures stay as they were
  const measuresOf = (ref: string) => {
    const own = measures.filter((m) => m.goalRef === ref).map(measureDocument);
    return own.length > 0 ? { measures: own } : {};
  };
  const goalDocument = (g: Goal): PlanGoalDocument =>
    g.kind === 'kf'
      ? { ref: g.ref, kind: g.kind, title: g.title, ...measuresOf(g.ref), children: goals.filter((c) => c.parentRef === g.ref).map(goalDocument) }
      : { ref: g.ref, kind: g.kind, title: g.title, ...measuresOf(g.ref), activities: activitiesOf(g.ref) };
  return {
    format: PLAN_FORMAT,
    organisation: plan.meta.organisation,
    body: plan.meta.body,
    year: plan.meta.year,
    goals: goals.filter((g) => g.parentRef === null).map(goalDocument),
  };
}
