/**
 * The assessment rule table: how a goal's PROPOSED assessment follows from its activities.
 * This is data, not code: an organisation may override it (see parseAssessmentRules), and the
 * engine (propose-assessment.ts) only reads it. The README prints the table.
 *
 * 1. Each activity gets a CONDITION from its (combined) status and its dates (activity-condition.ts):
 *    Avslutad enligt plan, Pågående enligt plan, Ej påbörjad enligt plan (its start, or without a start
 *    date its end, lies after the tertial), Ej påbörjad trots att den borde ha startat, Pågående med
 *    avvikelse, Avslutad med avvikelse, Vänteläge, or no report.
 * 2. `countsAs` maps each condition to a CLASS: done, on-plan (no deviation, not finished),
 *    deviation (work done, but not as planned), not-done (a deviation with nothing done), excluded.
 * 0. `assessed` per tertial: whether goals are assessed at all. A tertial that is not assessed proposes
 *    Saknas for every goal (Ånge: T1 reports statuses and comments only; T2 and T3 assess).
 * 3. The stated rules of the styrmodell come first and cannot be overridden:
 *    no activities → Ej uppfyllt; nothing reported → Saknas; every activity Avslutad enligt plan → Uppfyllt.
 * 4. `metRequires` per tertial: whether Uppfyllt needs every activity done ('all-done', year end) or
 *    only that nothing deviates ('no-deviation', T1/T2 where work planned for later is on plan).
 * 5. Otherwise the first matching `levels` entry gives the assessment: the more of the goal's
 *    activities deviate, the lower. The last level has no condition and always matches.
 *
 * Measures (mått): a goal with measures is proposed from them by `measureLevels`: of its measures
 * with an outcome for the period, the share that reaches its target (by direction); the first level
 * whose `minReachedShare` the share reaches (and, with `requiresAnyReached`, where one does) wins.
 * No outcome yet → Saknas. A goal with measures AND activities gets both proposals, combined by
 * `combine`: 'lower' (default: the more cautious of the two; a side without a basis, Saknas,
 * gives way to the other) or 'measures' (the measures decide once one has an outcome, else the activities).
 */
import { z } from 'zod';
import { ValidationError } from '../errors';

export const ACTIVITY_CONDITIONS = [
  'done',
  'in-progress',
  'not-started-on-plan',
  'not-started-late',
  'in-progress-deviation',
  'done-deviation',
  'on-hold',
  'unreported',
] as const;
export type ActivityCondition = (typeof ACTIVITY_CONDITIONS)[number];

export const ACTIVITY_CLASSES = ['done', 'on-plan', 'deviation', 'not-done', 'excluded'] as const;
export type ActivityClass = (typeof ACTIVITY_CLASSES)[number];

export type MetRequirement = 'all-done' | 'no-deviation';
export type LevelAssessment = 'partly-met' | 'barely-met' | 'not-met';

export interface AssessmentLevel {
  assessment: LevelAssessment;
  /** matches when at most this share (0..1) of the counted activities deviate (classes deviation + not-done) */
  maxDeviatingShare?: number;
  /** matches only when at least one counted activity shows progress (any class but not-done) */
  requiresProgress?: boolean;
  /** the rule in Swedish, quoted in each proposal's explanation */
  description: string;
}

export type MeasureLevelAssessment = 'met' | 'partly-met' | 'barely-met' | 'not-met';

export interface MeasureLevel {
  assessment: MeasureLevelAssessment;
  /** matches when at least this share (0..1) of the measures with an outcome reach their target */
  minReachedShare?: number;
  /** matches only when at least one measure reaches its target */
  requiresAnyReached?: boolean;
  /** the rule in Swedish, quoted in each proposal's explanation */
  description: string;
}

export type CombineRule = 'lower' | 'measures';

export interface AssessmentRules {
  /** whose styrmodell this is, shown in explanations and the README */
  name: string;
  countsAs: Record<ActivityCondition, ActivityClass>;
  /** per tertial: whether goals are assessed; a tertial that is not proposes Saknas for every goal */
  assessed: Record<'1' | '2' | '3', boolean>;
  metRequires: Record<'1' | '2' | '3', MetRequirement>;
  levels: AssessmentLevel[];
  measureLevels: MeasureLevel[];
  /** how a goal with measures and activities combines the two proposals */
  combine: CombineRule;
}

/** The default table, read from the Ånge styrmodell as the reports state it (DOMAIN.md). */
export const DEFAULT_ASSESSMENT_RULES: AssessmentRules = {
  name: 'Styrmodell: bedömning utifrån aktiviteternas genomförande',
  countsAs: {
    done: 'done',
    'in-progress': 'on-plan',
    'not-started-on-plan': 'on-plan',
    'not-started-late': 'not-done',
    'in-progress-deviation': 'deviation',
    'done-deviation': 'deviation',
    'on-hold': 'deviation',
    unreported: 'excluded',
  },
  assessed: { '1': false, '2': true, '3': true },
  metRequires: { '1': 'no-deviation', '2': 'no-deviation', '3': 'all-done' },
  levels: [
    {
      assessment: 'partly-met',
      maxDeviatingShare: 0.5,
      description: 'högst hälften av aktiviteterna har avvikelse eller är ej avslutade',
    },
    {
      assessment: 'barely-met',
      requiresProgress: true,
      description: 'mer än hälften av aktiviteterna har avvikelse, men arbete har utförts',
    },
    { assessment: 'not-met', description: 'ingen aktivitet har påbörjats' },
  ],
  measureLevels: [
    { assessment: 'met', minReachedShare: 1, description: 'samtliga mått når sina mål' },
    { assessment: 'partly-met', minReachedShare: 0.5, description: 'minst hälften av måtten når sina mål' },
    { assessment: 'barely-met', requiresAnyReached: true, description: 'något mått når sitt mål' },
    { assessment: 'not-met', description: 'inget mått når sitt mål' },
  ],
  combine: 'lower',
};

const classSchema = z.enum(ACTIVITY_CLASSES);
const levelSchema = z.strictObject({
  assessment: z.enum(['partly-met', 'barely-met', 'not-met']),
  maxDeviatingShare: z.number().min(0).max(1).optional(),
  requiresProgress: z.boolean().optional(),
  description: z.string().trim().min(1),
});

const measureLevelSchema = z.strictObject({
  assessment: z.enum(['met', 'partly-met', 'barely-met', 'not-met']),
  minReachedShare: z.number().min(0).max(1).optional(),
  requiresAnyReached: z.boolean().optional(),
  description: z.string().trim().min(1),
});

/** An organisation's override: any part of the table; what is left out keeps the default. */
const overrideSchema = z.strictObject({
  name: z.string().trim().min(1).optional(),
  countsAs: z.strictObject(Object.fromEntries(ACTIVITY_CONDITIONS.map((c) => [c, classSchema.optional()])) as Record<ActivityCondition, z.ZodOptional<typeof classSchema>>).optional(),
  assessed: z.strictObject({ '1': z.boolean().optional(), '2': z.boolean().optional(), '3': z.boolean().optional() }).optional(),
  metRequires: z.strictObject({ '1': z.enum(['all-done', 'no-deviation']).optional(), '2': z.enum(['all-done', 'no-deviation']).optional(), '3': z.enum(['all-done', 'no-deviation']).optional() }).optional(),
  levels: z.array(levelSchema).min(1).optional(),
  measureLevels: z.array(measureLevelSchema).min(1).optional(),
  combine: z.enum(['lower', 'measures']).optional(),
});
export type AssessmentRulesOverride = z.input<typeof overrideSchema>;

/**
 * Validates an override (parsed JSON) and merges it onto the defaults. Bad input throws a
 * ValidationError naming every problem; the stated rules stay in force whatever the override says.
 */
export function parseAssessmentRules(input: unknown, base: AssessmentRules = DEFAULT_ASSESSMENT_RULES): AssessmentRules {
  const parsed = overrideSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(regler)'}: ${i.message}`);
    throw new ValidationError(`Ogiltiga bedömningsregler: ${details.join('; ')}`, details);
  }
  const o = parsed.data;
  const countsAs = { ...base.countsAs };
  for (const c of ACTIVITY_CONDITIONS) countsAs[c] = o.countsAs?.[c] ?? countsAs[c];
  const rules: AssessmentRules = {
    name: o.name ?? base.name,
    countsAs,
    assessed: { ...base.assessed, ...stripUndefined(o.assessed ?? {}) },
    metRequires: { ...base.metRequires, ...stripUndefined(o.metRequires ?? {}) },
    levels: (o.levels ?? base.levels).map((l) => ({ ...l })),
    measureLevels: (o.measureLevels ?? base.measureLevels).map((l) => ({ ...l })),
    combine: o.combine ?? base.combine,
  };
  const problems: string[] = [];
  if (rules.countsAs.done !== 'done') problems.push('countsAs.done: Avslutad enligt plan räknas alltid som done (styrmodellens regel)');
  const last = rules.levels[rules.levels.length - 1]!;
  if (last.maxDeviatingShare !== undefined || last.requiresProgress) {
    problems.push(`levels.${rules.levels.length - 1}: den sista nivån ska sakna villkor så att varje mål får en bedömning`);
  }
  const lastMeasure = rules.measureLevels[rules.measureLevels.length - 1]!;
  if (lastMeasure.minReachedShare !== undefined || lastMeasure.requiresAnyReached) {
    problems.push(`measureLevels.${rules.measureLevels.length - 1}: den sista nivån ska sakna villkor så att varje mål med mått får en bedömning`);
  }
  if (!rules.assessed['3']) problems.push('assessed.3: tertial 3 (årsskiftet) bedöms alltid (styrmodellens regel)');
  if (problems.length > 0) throw new ValidationError(`Ogiltiga bedömningsregler: ${problems.join('; ')}`, problems);
  return rules;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]-?: Exclude<T[K], undefined> };
}
