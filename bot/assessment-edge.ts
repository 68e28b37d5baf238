/**
 * Wiring of assessments, the reports, the report route and (once a messenger is given) channel
 * publishing, for the composition root (bot/app.ts).
 */
import { randomBytes } from 'node:crypto';
import { ledningsgruppCards } from '../cards/ledningsgrupp-cards';
import { AssessmentService } from '../services/assessment/assessment-service';
import { readAssessmentRules } from '../services/config/assessment-rules-file';
import type { Config } from '../services/config/config';
import type { Logger } from '../services/logging/logger';
import type { Clock } from '../services/ports/clock';
import type { AppPacer } from '../services/dispatch/app-pacer';
import type { DocxRenderer } from '../services/ports/docx-renderer';
import type { Messenger } from '../services/ports/messenger';
import type { Metrics } from '../services/ports/metrics';
import { systemTimer, type Timer } from '../services/ports/scheduler';
import { PublishService } from '../services/publish/publish-service';
import { reportLink } from '../services/publish/report-link';
import { ReportService } from '../services/report/report-service';
import type { Store } from '../services/store';
import type { Router } from 'express';
import { reportRouter } from './report-route';

export interface AssessmentEdge {
  assessments: AssessmentService;
  /** the reports of rounds, for the report route and the tab */
  reports: ReportService;
  /** GET /api/report (full path; mounted at '/') */
  router: Router;
  /** channel publishing over a messenger (the Teams messenger in the app, a fake in tests) */
  publishing(messenger: Messenger, timer?: Timer): PublishService;
}

/**
 * Report links are signed with a key of their own, shared by every instance (never the app password);
 * anonymous local use, where config allows no key, draws one per process.
 */
export function reportSigningKey(config: Pick<Config, 'reportLinkKey'>): string {
  return config.reportLinkKey ?? randomBytes(32).toString('hex');
}

/** `docx`: where the reports' .docx is written (bot/app.ts: a worker thread) */
export function createAssessmentEdge(deps: {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  baseUrl: () => string;
  pacer: Pick<AppPacer, 'call'>;
  docx: DocxRenderer;
  metrics?: Metrics;
}): AssessmentEdge {
  const { config, store, clock } = deps;
  const assessments = new AssessmentService({ ...store, clock, rules: readAssessmentRules(config.assessmentRulesFile) });
  const secret = reportSigningKey(config);
  const reports = new ReportService({ assessments, summaries: store.summaries, docx: deps.docx });
  const router = reportRouter({ reports, clock, secret, requireSignature: !config.bot.anonymous, logger: deps.logger });
  return {
    assessments,
    reports,
    router,
    publishing: (messenger, timer = systemTimer) =>
      new PublishService({
        assessments,
        publications: store.publications,
        messenger,
        cards: ledningsgruppCards,
        clock,
        timer,
        pacer: deps.pacer,
        metrics: deps.metrics,
        reportUrl: (year, tertial) => reportLink(config.publicBaseUrl ?? deps.baseUrl(), secret, year, tertial, 'docx', clock.now()),
      }),
  };
}
