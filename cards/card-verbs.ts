/**
 * Every card's Action.Execute verbs, in one place: bot/invokes/index.ts routes each to its handler,
 * the card renderers put them on their buttons.
 */

/** the status-collection cards: reminder list, report form, receipt */
export const REPORT_VERBS = {
  /** open one activity's report form (from the reminder list or "Ändra" on a receipt) */
  open: 'tertial.report.open',
  /** submit a status + comment */
  submit: 'tertial.report.submit',
  /** back to the list of the owner's activities in the round */
  list: 'tertial.report.list',
} as const;

export type ReportVerb = (typeof REPORT_VERBS)[keyof typeof REPORT_VERBS];

/** the ledningsgrupp's goal cards (channel and personal chat) */
export const ASSESSMENT_VERBS = {
  /** confirm the proposal as it stands: data { year, tertial, goalRef } */
  confirm: 'tertial.assessment.confirm',
  /** decide: data { year, tertial, goalRef } + inputs assessmentInputId(goalRef), commentInputId(goalRef) */
  decide: 'tertial.assessment.decide',
} as const;

/** ids of a goal's inputs in a card holding several goals (Adaptive Card ids are card-wide) */
export const assessmentInputId = (goalRef: string) => `assessment-${goalRef}`;
export const commentInputId = (goalRef: string) => `comment-${goalRef}`;

/** the admins' progress card (`läge`) */
export const PROGRESS_VERBS = {
  /** one reminder now to the person on that row: data { roundId, ownerId } */
  remindOwner: 'tertial.progress.remind',
} as const;

/** the question before publishing an open round */
export const PUBLISH_VERBS = {
  /** publish the open round anyway: data { year, tertial } */
  confirm: 'tertial.publish.confirm',
  /** do not publish now: data { year, tertial } */
  cancel: 'tertial.publish.cancel',
} as const;

/** the substitute card: hand over activities for a round, take them back */
export const SUBSTITUTE_VERBS = {
  /** data { roundId } + inputs substituteId, activityRef ('alla' or a ref) */
  set: 'tertial.substitute.set',
  /** data { roundId, activityRef? }: take back one handover or all */
  end: 'tertial.substitute.end',
} as const;

/** the measures card (`mått`) */
export const MEASURE_VERBS = {
  /** open the measures card of the round: data { roundId, ownerId? } */
  open: 'tertial.measure.open',
  /** data { year, ref, period, ownerId? } + inputs measureValueInputId(ref), measureCommentInputId(ref) */
  submit: 'tertial.measure.submit',
} as const;
