/**
 * The tab API's composition root: the services its routes call, built once over the open store.
 * Routes receive them as deps.services and never see a repository (test/unit/layering.test.ts).
 * The services the bot also uses (collection, assessments, reports, publishing, dispatch, rounds, measures,
 * substitutes) are the app's own instances, handed in by bot/app.ts, so their caches are shared (and the
 * reports' one .docx worker).
 */
import type { AssessmentService } from '../../services/assessment/assessment-service';
import type { CollectionService } from '../../services/collection/collection-service';
import type { Dispatcher } from '../../services/dispatch/dispatcher';
import type { MeasureService } from '../../services/measures/measure-service';
import { OwnerAdmin } from '../../services/owners/owner-admin';
import { PlanService } from '../../services/plan/plan-service';
import type { Repositories } from '../../services/ports';
import type { Clock } from '../../services/ports/clock';
import type { PublishService } from '../../services/publish/publish-service';
import type { ReportService } from '../../services/report/report-service';
import { ProgressSnapshots } from '../../services/rounds/progress-snapshots';
import type { RoundService } from '../../services/rounds/round-service';
import type { SubstituteService } from '../../services/substitutes/substitute-service';
import { RoundSummaryService } from '../../services/summary/round-summary-service';

export interface TabServices {
  rounds: RoundService;
  /** each round's progress, kept briefly in this process for the admin's dashboard */
  progress: ProgressSnapshots;
  plans: PlanService;
  owners: OwnerAdmin;
  assessments: AssessmentService;
  /** the ledningsgrupp's Sammanfattning; null when the store keeps none */
  summaries: RoundSummaryService | null;
  reports: ReportService;
  publishing: PublishService;
  measures: MeasureService;
  substitutes: SubstituteService;
  /** an owner's open items and report submission, as the cards use them */
  collection: CollectionService;
  /** "påminn nu" through the outbox */
  dispatcher: Dispatcher;
}

export interface TabServiceDeps extends Pick<TabServices, 'collection' | 'assessments' | 'reports' | 'publishing' | 'dispatcher' | 'rounds' | 'measures' | 'substitutes'> {
  store: Repositories;
  clock: Clock;
}

export function tabServices({ store, clock, ...shared }: TabServiceDeps): TabServices {
  return {
    ...shared,
    progress: new ProgressSnapshots({ ...store, clock }),
    plans: new PlanService({ plans: store.plans, clock }),
    owners: new OwnerAdmin(store.owners, clock),
    summaries: store.summaries ? new RoundSummaryService({ summaries: store.summaries, clock }) : null,
  };
}
