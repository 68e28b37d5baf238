/**
 * The CLI's composition root: the services the `tertial` commands call, built over an open store.
 * Commands receive them as ctx.services and never see a repository (test/unit/layering.test.ts).
 * Services are built on first use, so a command reads only what it needs (the assessment rules
 * file, for example, is read by the assessment and report commands alone).
 */
import { AssessmentService } from '../services/assessment/assessment-service';
import { readAssessmentRules } from '../services/config/assessment-rules-file';
import type { Config } from '../services/config/config';
import type { ExportDocument } from '../services/export/export-format';
import { exportYear } from '../services/export/year-export';
import { importDocumentFile, type DocumentImportResult } from '../services/import/document-import';
import { importOwnersFile, type OwnersImportResult } from '../services/import/owners-import';
import type { PlanImportResult } from '../services/import/plan-import';
import { importResultsFile, type ResultsImportResult } from '../services/import/results-import';
import { MeasureService } from '../services/measures/measure-service';
import { OwnerAdmin } from '../services/owners/owner-admin';
import { PlanService } from '../services/plan/plan-service';
import type { Repositories } from '../services/ports';
import type { Clock } from '../services/ports/clock';
import { ChannelLinkService } from '../services/publish/channel-link';
import { renderDocx } from '../services/report/render-docx';
import { ReportService } from '../services/report/report-service';
import { RoundService } from '../services/rounds/round-service';
import { SubstituteService } from '../services/substitutes/substitute-service';

/** A year's data in and out of the store: imports are all or nothing, the export is read-only. */
export interface YearData {
  importPlan(bytes: Uint8Array): Promise<PlanImportResult>;
  importOwners(bytes: Uint8Array): Promise<OwnersImportResult>;
  importResults(bytes: Uint8Array): Promise<ResultsImportResult>;
  /** a JSON document routed by its format tag (plan, results or a whole export) */
  importDocument(bytes: Uint8Array): Promise<DocumentImportResult>;
  exportYear(year: number): Promise<ExportDocument>;
}

export interface CliServices {
  rounds: RoundService;
  assessments: AssessmentService;
  reports: ReportService;
  measures: MeasureService;
  substitutes: SubstituteService;
  ledningsgrupp: ChannelLinkService;
  yearData: YearData;
  /** people who have left: their assignments end, their reports stay */
  owners: OwnerAdmin;
}

export interface CliServiceDeps {
  store: Repositories;
  clock: Clock;
  /** the validated configuration; null when the store was injected (tests) */
  config: Config | null;
}

/** `make` runs once, on the first call */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

export function cliServices({ store, clock, config }: CliServiceDeps): CliServices {
  const rounds = once(() => new RoundService({ rounds: store.rounds, clock, progress: store }));
  const assessments = once(
    () =>
      new AssessmentService({
        plans: store.plans,
        reports: store.reports,
        assessments: store.assessments,
        owners: store.owners,
        outcomes: store.outcomes,
        clock,
        rules: readAssessmentRules(config?.assessmentRulesFile),
      }),
  );
  // the .docx is written in this thread: a command line has nothing else to answer meanwhile
  const reports = once(() => new ReportService({ assessments: assessments(), summaries: store.summaries, docx: renderDocx }));
  const measures = once(() => new MeasureService({ repos: store, clock }));
  const substitutes = once(() => new SubstituteService({ repos: store, clock }));
  const ledningsgrupp = once(() => new ChannelLinkService({ publications: store.publications, clock }));
  const yearData: YearData = {
    importPlan: (bytes) => new PlanService({ plans: store.plans, clock }).import(bytes),
    importOwners: (bytes) => importOwnersFile(store, bytes, clock),
    importResults: (bytes) => importResultsFile(store, clock, bytes),
    importDocument: (bytes) => importDocumentFile(store, clock, bytes),
    exportYear: (year) => exportYear(store, year),
  };
  const owners = new OwnerAdmin(store.owners, clock);
  return {
    get rounds() {
      return rounds();
    },
    get assessments() {
      return assessments();
    },
    get reports() {
      return reports();
    },
    get measures() {
      return measures();
    },
    get substitutes() {
      return substitutes();
    },
    get ledningsgrupp() {
      return ledningsgrupp();
    },
    yearData,
    owners,
  };
}

/** for commands declared `needsStore: false`: any service they reach for is a programming error */
export function unavailableServices(): CliServices {
  return new Proxy({} as CliServices, {
    get: () => {
      throw new Error('this command declared needsStore: false but used the store');
    },
  });
}
