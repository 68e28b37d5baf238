/**
 * The assessment engine: a goal's proposed assessment from its activities, by the rule table
 * (rules.ts). Pure and fast: one pass over the activities, no I/O.
 */
import { ASSESSMENT_LABELS, type AssessmentCode } from '../domain/vocabulary';
import { activityCondition, tertialEnd } from './activity-condition';
import { draftGoalComment } from './draft-comment';
import { ACTIVITY_CONDITIONS, DEFAULT_ASSESSMENT_RULES, type ActivityCondition, type AssessmentRules } from './rules';
import { CONDITION_LABELS, joinSwedish, quoted } from './swedish-text';
import type { GoalState, Proposal, RoundContext, RuleHit } from './types';

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
  const { proposed, hit } = decideAssessment(conditions, ctx, rules);
  const counts = emptyConditionCounts();
  for (const c of conditions) counts[c]++;
  return {
    goalRef: goal.ref,
    proposed,
    hit,
    explanation: explain(goal, ctx, conditions, counts, proposed, hit, rules),
    // a tertial that is not assessed shows "Saknas" without a goal comment, as the T1 reports do
    draftComment: hit.rule === 'not-assessed' ? '' : draftGoalComment(goal, conditions, proposed, ctx),
    conditions: counts,
  };
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
  };
  return `${parts.join('; ')}. Förslag: ${label} (${why[hit.rule]}).`;
}
