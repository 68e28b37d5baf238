/**
 * The Action.Execute (adaptiveCard/action) verb table. To add a verb: write a handler file in
 * bot/invokes/ and add ONE line here. Unknown verbs get a polite message.
 */
import { ASSESSMENT_VERBS, MEASURE_VERBS, PROGRESS_VERBS, PUBLISH_VERBS, REPORT_VERBS, SUBSTITUTE_VERBS } from '../../cards/card-verbs';
import { remindOwnerAgain } from './progress-invokes';
import { publishAnyway, publishLater } from './publish-invokes';
import { confirmAssessment, decideAssessment } from './assessment-invokes';
import type { InvokeHandler } from './invoke-types';
import { openReportForm, showReportList, submitReportAction } from './report-invokes';
import { endSubstitute, setSubstitute } from './substitute-invokes';
import { openMeasures, submitMeasure } from './measure-invokes';

/** verbs that store something: when they fail, the answer says "Inte sparat" */
export const WRITING_VERBS: ReadonlySet<string> = new Set([REPORT_VERBS.submit, ASSESSMENT_VERBS.confirm, ASSESSMENT_VERBS.decide, SUBSTITUTE_VERBS.set, SUBSTITUTE_VERBS.end, MEASURE_VERBS.submit]);

export const INVOKES: Readonly<Record<string, InvokeHandler>> = {
  [REPORT_VERBS.open]: openReportForm,
  [REPORT_VERBS.submit]: submitReportAction,
  [REPORT_VERBS.list]: showReportList,
  [ASSESSMENT_VERBS.confirm]: confirmAssessment,
  [ASSESSMENT_VERBS.decide]: decideAssessment,
  [PROGRESS_VERBS.remindOwner]: remindOwnerAgain,
  [PUBLISH_VERBS.confirm]: publishAnyway,
  [PUBLISH_VERBS.cancel]: publishLater,
  [SUBSTITUTE_VERBS.set]: setSubstitute,
  [SUBSTITUTE_VERBS.end]: endSubstitute,
  [MEASURE_VERBS.submit]: submitMeasure,
  [MEASURE_VERBS.open]: openMeasures,
};
