/**
 * The draft goal comment, written from the activities' statuses and comments in the pattern of the
 * published comments: how the activities went overall, what was done as planned, what deviated and
 * why (the owner's own words, first sentence), then the conclusion "Målet bedöms som … ".
 * It is a draft: the ledningsgrupp edits it when it decides.
 */
import type { AssessmentCode } from '../domain/vocabulary';
import type { ActivityCondition } from './rules';
import { CONCLUSION, firstSentence, joinSwedish, numberWord, quoted } from './swedish-text';
import type { ActivityState, GoalState, RoundContext } from './types';

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
/** a goal comment describes at most this many deviations one by one; the rest are counted */
export const MAX_DESCRIBED_DEVIATIONS = 6;
/** lists of titles longer than this are counted instead */
const MAX_LISTED = 3;

const DEVIATION_PHRASE: Partial<Record<ActivityCondition, string>> = {
  'done-deviation': 'är avslutad med avvikelse',
  'in-progress-deviation': 'pågår med avvikelse',
  'on-hold': 'är i vänteläge',
  'not-started-late': 'har inte påbörjats',
};

const ON_PLAN = new Set<ActivityCondition>(['done', 'in-progress', 'not-started-on-plan']);

function reason(a: ActivityState): string | null {
  if (a.comments.length === 0) return null;
  return a.comments.map((c) => firstSentence(c.text)).join(' ');
}

function titles(items: ActivityState[]): string {
  return joinSwedish(items.map((a) => quoted(a.title)));
}

/** '”A” och ”B”' for a few, 'Fem aktiviteter' for many */
function subject(items: ActivityState[]): string {
  return items.length > MAX_LISTED ? `${capitalize(numberWord(items.length, 'en'))} aktiviteter` : titles(items);
}

export function draftGoalComment(
  goal: GoalState,
  conditions: readonly ActivityCondition[],
  proposed: AssessmentCode,
  ctx: RoundContext,
): string {
  const acts = goal.activities;
  if (acts.length === 0) {
    return (
      `Målet saknar kopplade aktiviteter i verksamhetsplanen för ${ctx.year}. Enligt styrmodellen bedöms ` +
      'måluppfyllelse utifrån genomförda aktiviteter eller fastställda mått. I avsaknad av båda kan målet inte anses uppfyllt.'
    );
  }
  // one pass: the activities per condition, and the counts the wording depends on
  const groups = new Map<ActivityCondition, ActivityState[]>();
  let onPlan = 0;
  let deviating = 0;
  for (let i = 0; i < acts.length; i++) {
    const c = conditions[i]!;
    const list = groups.get(c);
    if (list) list.push(acts[i]!);
    else groups.set(c, [acts[i]!]);
    if (ON_PLAN.has(c)) onPlan++;
    else if (DEVIATION_PHRASE[c] !== undefined) deviating++;
  }
  const by = (c: ActivityCondition): ActivityState[] => groups.get(c) ?? [];
  if (by('unreported').length === acts.length) return `Ingen av målets aktiviteter är rapporterad ännu. ${CONCLUSION.missing}`;

  const allDone = by('done').length === acts.length;
  const single = acts.length === 1;
  const sentences: string[] = [];

  if (allDone) sentences.push(single ? 'Aktiviteten har genomförts enligt plan.' : 'De aktiviteter som kopplats till målet har genomförts enligt plan.');
  else if (deviating === 0) sentences.push(single ? 'Aktiviteten går enligt plan.' : 'De aktiviteter som kopplats till målet går enligt plan.');
  // counted, not "delvis": the opening must not pre-empt the conclusion's level (which may be "knappt")
  else if (onPlan > 0) sentences.push(`${capitalize(numberWord(onPlan, 'en'))} av de ${numberWord(acts.length, 'en')} aktiviteter som kopplats till målet går eller har gått enligt plan.`);
  else sentences.push(single ? 'Aktiviteten har inte genomförts enligt plan.' : 'De aktiviteter som kopplats till målet har inte genomförts enligt plan.');

  const done = by('done');
  if (allDone) {
    // the opening says it all; the owners' own words when there are few activities
    if (done.length <= 2) for (const a of done) { const r = reason(a); if (r) sentences.push(r); }
  } else if (done.length > 3) {
    sentences.push(`${capitalize(numberWord(done.length, 'en'))} av aktiviteterna har avslutats enligt plan.`);
  } else if (done.length > 0) {
    sentences.push(`${titles(done)} har avslutats enligt plan.`);
    for (const a of done) { const r = reason(a); if (r) sentences.push(r); }
  }
  const going = by('in-progress');
  if (going.length > 0 && !single) sentences.push(`${subject(going)} pågår enligt plan.`);
  if (going.length === 1) { const r = reason(going[0]!); if (r) sentences.push(r); }
  const later = by('not-started-on-plan');
  if (later.length > 0) sentences.push(`${subject(later)} ska enligt plan påbörjas senare, vilket inte är någon avvikelse.`);
  let described = 0;
  let undescribed = 0;
  for (const c of ['done-deviation', 'in-progress-deviation', 'on-hold', 'not-started-late'] as const) {
    for (const a of by(c)) {
      if (described >= MAX_DESCRIBED_DEVIATIONS) {
        undescribed++;
        continue;
      }
      described++;
      const r = reason(a);
      sentences.push(r ? `${quoted(a.title)} ${DEVIATION_PHRASE[c]}: ${r}` : `${quoted(a.title)} ${DEVIATION_PHRASE[c]}.`);
    }
  }
  if (undescribed > 0) {
    sentences.push(`Ytterligare ${numberWord(undescribed, 'en')} ${undescribed === 1 ? 'aktivitet har' : 'aktiviteter har'} avvikelser; se aktiviteternas kommentarer.`);
  }
  const missing = by('unreported');
  if (missing.length > 0) sentences.push(`${subject(missing)} saknar rapport.`);

  if (allDone) {
    sentences.push('Samtliga aktiviteter är avslutade enligt plan, vilket innebär att målet bedöms som uppfyllt.');
    return sentences.join(' ');
  }
  if (deviating > 0) sentences.push(ctx.tertial === 3 ? 'Sammantaget är inte alla aktiviteter avslutade enligt plan.' : 'Sammantaget går inte alla aktiviteter enligt plan.');
  else if (ctx.tertial === 3) sentences.push('Sammantaget är inte alla aktiviteter avslutade.');
  sentences.push(CONCLUSION[proposed]);
  return sentences.join(' ');
}
