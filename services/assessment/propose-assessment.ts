/**
 * The assessment engine: a goal's proposed assessment from its activities, by the rule table
 * (rules.ts). Pure and fast: one pass over the activities, no I/O.
 */
import { ASSESSMENT_LABELS, type AssessmentCode } from '../domain/vocabulary';
import { activityCondition, tertialEnd } from './activity-condition';
import { draftGoalComment } from './draft-comment';
import { ACTIVITY_CONDITIONS, DEFAULT_ASSESSMENT_RULES, type ActivityCondition, type AssessmentRules, type CombineRule } from './rules';
import { formatMeasureValue, reachesTarget } from '../measures/measure-values';
import { CONCLUSION, CONDITION_LABELS, joinSwedish, numberWord, quoted } from './swedish-text';
import type { GoalState, MeasureState, Proposal, RoundContext, RuleHit } from './types';

export interface ClassifiedActivity {
  condition: ActivityCondition;
  index: number;
}

export function emptyConditionCounts(): Record<ActivityCondition, number> {
  return Object.fromEntries(ACTIVITY_CONDITIONS.map((c) => [c, 0])) as Record<ActivityCondition, number>;
}

/** whether the rule table assesses goals at this round's tertial */
export function isAssessed(ctx: RoundContext, rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES): boolean {
  return rules.assessed[String(ctx.tertial) as '1' | '2' | '3'];
}

/** The assessment the rules give for these activity conditions (no text). */
export function decideAssessment(
  conditions: readonly ActivityCondition[],
  ctx: RoundContext,
  rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES,
): { proposed: AssessmentCode; hit: RuleHit } {
  if (!isAssessed(ctx, rules)) return { proposed: 'missing', hit: { rule: 'not-assessed' } };
  if (conditions.length === 0) return { proposed: 'not-met', hit: { rule: 'no-activities' } };
  let counted = 0;
  let done = 0;
  let deviating = 0;
  let notDone = 0;
  for (const c of conditions) {
    const cls = c === 'done' ? 'done' : rules.countsAs[c];
    if (cls === 'excluded') continue;
    counted++;
    if (cls === 'done') done++;
    else if (cls === 'deviation') deviating++;
    else if (cls === 'not-done') {
      deviating++;
      notDone++;
    }
  }
  if (counted === 0) return { proposed: 'missing', hit: { rule: 'nothing-reported' } };
  if (done === counted) return { proposed: 'met', hit: { rule: 'all-done' } };
  if (rules.metRequires[String(ctx.tertial) as '1' | '2' | '3'] === 'no-deviation' && deviating === 0) {
    return { proposed: 'met', hit: { rule: 'no-deviation' } };
  }
  const share = deviating / counted;
  const progress = notDone < counted;
  for (let i = 0; i < rules.levels.length; i++) {
    const level = rules.levels[i]!;
    if (level.maxDeviatingShare !== undefined && share > level.maxDeviatingShare + 1e-9) continue;
    if (level.requiresProgress && !progress) continue;
    return { proposed: level.assessment, hit: { rule: 'level', index: i } };
  }
  // parseAssessmentRules guarantees a catch-all last level; a hand-built table without one ends here
  return { proposed: 'not-met', hit: { rule: 'level', index: rules.levels.length } };
}

export function proposeAssessment(goal: GoalState, ctx: RoundContext, rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES): Proposal {
  const periodEnd = tertialEnd(ctx.year, ctx.tertial);
  const conditions = goal.activities.map((a) => activityCondition(a, periodEnd));
  const counts = emptyConditionCounts();
  for (const c of conditions) counts[c]++;
  const reached = goal.measures.map((m) => ({ ref: m.ref, reached: m.outcome ? reachesTarget(m, m.outcome.value) : null }));
  const base = { goalRef: goal.ref, conditions: counts, measures: reached };

  const activities = decideAssessment(conditions, ctx, rules);
  if (activities.hit.rule === 'not-assessed' || goal.measures.length === 0) {
    return {
      ...base,
      ...activities,
      explanation: explain(goal, ctx, conditions, counts, activities.proposed, activities.hit, rules),
      // a tertial that is not assessed shows "Saknas" without a goal comment, as the T1 reports do
      draftComment: activities.hit.rule === 'not-assessed' ? '' : draftGoalComment(goal, conditions, activities.proposed, ctx),
    };
  }
  const measures = decideFromMeasures(reached, rules);
  const measureText = `${measureFindings(goal)}`;
  if (goal.activities.length === 0) {
    const why = measures.hit.rule === 'measure-level' ? rules.measureLevels[measures.hit.index]?.description ?? '' : 'inget mått har utfall för perioden ännu';
    return {
      ...base,
      ...measures,
      explanation: `${measureText}. Förslag: ${ASSESSMENT_LABELS[measures.proposed]} (${why}).`,
      draftComment: `${measureSentence(goal)} ${CONCLUSION[measures.proposed]}`,
    };
  }
  const proposed = combine(measures.proposed, activities.proposed, rules.combine);
  const activityText = explain(goal, ctx, conditions, counts, activities.proposed, activities.hit, rules).replace(/ Förslag: .*$/, '');
  const how =
    rules.combine === 'measures'
      ? measures.proposed === 'missing'
        ? 'måtten saknar utfall, så aktiviteterna avgör'
        : 'måtten avgör'
      : `den lägre av måttens ${ASSESSMENT_LABELS[measures.proposed].toLowerCase()} och aktiviteternas ${ASSESSMENT_LABELS[activities.proposed].toLowerCase()}`;
  const activityComment = draftGoalComment(goal, conditions, proposed, ctx);
  return {
    ...base,
    proposed,
    hit: { rule: 'combined', measures: measures.proposed, activities: activities.proposed },
    explanation: `Mått: ${measureText}. Aktiviteter: ${activityText} Förslag: ${ASSESSMENT_LABELS[proposed]} (${how}).`,
    draftComment: `${measureSentence(goal)} ${activityComment}`,
  };
}

/** the order of the levels, best first: 'lower' picks the later one */
const RANK: Record<AssessmentCode, number> = { met: 0, 'partly-met': 1, 'barely-met': 2, 'not-met': 3, missing: 4 };

/** how a goal's measure proposal and activity proposal combine (the rule table's `combine`) */
export function combine(measures: AssessmentCode, activities: AssessmentCode, rule: CombineRule): AssessmentCode {
  if (measures === 'missing') return activities;
  if (rule === 'measures' || activities === 'missing') return measures;
  return RANK[measures] >= RANK[activities] ? measures : activities;
}

/** The assessment the measure levels give: from the share of measures with an outcome that reach their target. */
export function decideFromMeasures(
  reached: readonly { reached: boolean | null }[],
  rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES,
): { proposed: AssessmentCode; hit: RuleHit } {
  const counted = reached.filter((r) => r.reached !== null);
  if (counted.length === 0) return { proposed: 'missing', hit: { rule: 'no-outcomes' } };
  const n = counted.filter((r) => r.reached).length;
  const share = n / counted.length;
  for (let i = 0; i < rules.measureLevels.length; i++) {
    const level = rules.measureLevels[i]!;
    if (level.minReachedShare !== undefined && share + 1e-9 < level.minReachedShare) continue;
    if (level.requiresAnyReached && n === 0) continue;
    return { proposed: level.assessment, hit: { rule: 'measure-level', index: i } };
  }
  return { proposed: 'not-met', hit: { rule: 'measure-level', index: rules.measureLevels.length } };
}

/** "Sjukfrånvaro 9,32 % mot målet 9,5 %: uppnått" */
export function measureFinding(m: MeasureState): string {
  if (!m.outcome) return `${m.name}: utfall saknas`;
  const value = formatMeasureValue(m, m.outcome.value);
  if (!m.target) return `${m.name} ${value} (inget målvärde)`;
  const verdict = reachesTarget(m, m.outcome.value);
  return `${m.name} ${value} mot målet ${formatMeasureValue(m, m.target.value)}: ${verdict === null ? 'kan inte jämföras' : verdict ? 'uppnått' : 'ej uppnått'}`;
}

function measureFindings(goal: GoalState): string {
  return goal.measures.map(measureFinding).join('; ');
}

/** "Av målets 2 mått når 1 sitt mål: Sjukfrånvaro 9,32 % mot målet 9,5 %: uppnått; …." */
function measureSentence(goal: GoalState): string {
  const withOutcome = goal.measures.filter((m) => m.outcome);
  if (withOutcome.length === 0) return `Utfall för målets mått saknas ännu (${joinSwedish(goal.measures.map((m) => m.name))}).`;
  const n = withOutcome.filter((m) => m.outcome && reachesTarget(m, m.outcome.value)).length;
  if (goal.measures.length === 1) return `Målets mått ${n === 1 ? 'når' : 'når inte'} sitt mål: ${measureFindings(goal)}.`;
  return `Av målets ${numberWord(goal.measures.length)} mått når ${numberWord(n)} ${n === 1 ? 'sitt' : 'sina'} mål: ${measureFindings(goal)}.`;
}

/** "3 av 4 aktiviteter avslutade enligt plan; 1 avslutad med avvikelse: ”…”. Förslag: Delvis uppfyllt (…)." */
function explain(
  goal: GoalState,
  ctx: RoundContext,
  conditions: readonly ActivityCondition[],
  counts: Record<ActivityCondition, number>,
  proposed: AssessmentCode,
  hit: RuleHit,
  rules: AssessmentRules,
): string {
  const total = conditions.length;
  const label = ASSESSMENT_LABELS[proposed];
  if (hit.rule === 'not-assessed') {
    return `Enligt styrmodellen görs ingen målbedömning i tertial ${ctx.tertial}; aktiviteternas status och kommentarer redovisas. Förslag: ${label}.`;
  }
  if (hit.rule === 'no-activities') {
    return `Målet saknar kopplade aktiviteter: enligt styrmodellen kan det inte anses uppfyllt. Förslag: ${label}.`;
  }
  const parts = [`${counts.done} av ${total} ${total === 1 ? 'aktivitet' : 'aktiviteter'} ${total === 1 ? CONDITION_LABELS.done.one : CONDITION_LABELS.done.many}`];
  for (const c of ACTIVITY_CONDITIONS) {
    if (c === 'done' || counts[c] === 0) continue;
    const titles = goal.activities.filter((_, i) => conditions[i] === c).map((a) => quoted(a.title));
    const shown = titles.length > 3 ? [...titles.slice(0, 3), `${titles.length - 3} till`] : titles;
    parts.push(`${counts[c]} ${counts[c] === 1 ? CONDITION_LABELS[c].one : CONDITION_LABELS[c].many}: ${joinSwedish(shown)}`);
  }
  const why: Record<RuleHit['rule'], string> = {
    'not-assessed': '',
    'no-activities': '',
    'nothing-reported': 'ingen aktivitet är rapporterad ännu',
    'all-done': 'samtliga aktiviteter är avslutade enligt plan',
    'no-deviation': 'inga avvikelser; det som återstår är enligt plan',
    level: hit.rule === 'level' ? rules.levels[hit.index]?.description ?? 'ingen nivå matchade' : '',
    'measure-level': '',
    'no-outcomes': '',
    combined: '',
  };
  return `${parts.join('; ')}. Förslag: ${label} (${why[hit.rule]}).`;
}
