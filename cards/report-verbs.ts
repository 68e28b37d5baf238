/** The Action.Execute verbs of the status-collection cards (routed by bot/invokes/index.ts). */
export const REPORT_VERBS = {
  /** open one activity's report form (from the reminder list or "Ändra" on a receipt) */
  open: 'tertial.report.open',
  /** submit a status + comment */
  submit: 'tertial.report.submit',
  /** back to the list of the owner's activities in the round */
  list: 'tertial.report.list',
} as const;

export type ReportVerb = (typeof REPORT_VERBS)[keyof typeof REPORT_VERBS];
