/** The report of a round in a chosen format: model from the assessments, then one renderer. */
import type { AssessmentService } from '../assessment/assessment-service';
import type { Tertial } from '../domain/vocabulary';
import type { DocxRenderer } from '../ports/docx-renderer';
import type { RoundSummaryRepository } from '../ports/repositories';
import { buildReportModel } from './build-report';
import type { ReportModel } from './report-model';
import { renderJson, renderMarkdown } from './render-markdown';

export const REPORT_FORMATS = ['docx', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface RenderedReport {
  model: ReportModel;
  bytes: Uint8Array;
  contentType: string;
  /** e.g. 'malavstamning-t3-2025.docx' */
  fileName: string;
}

export function isReportFormat(v: unknown): v is ReportFormat {
  return typeof v === 'string' && (REPORT_FORMATS as readonly string[]).includes(v);
}

/** `docx`: where the .docx is written (this thread or a worker; the composition root chooses) */
export async function renderReport(model: ReportModel, format: ReportFormat, docx: DocxRenderer): Promise<RenderedReport> {
  const bytes = format === 'docx' ? await docx(model) : Buffer.from(format === 'md' ? renderMarkdown(model) : renderJson(model), 'utf8');
  return { model, bytes, contentType: CONTENT_TYPES[format], fileName: `malavstamning-t${model.tertial}-${model.year}.${format}` };
}

export interface ReportServiceDeps {
  assessments: AssessmentService;
  /** where the ledningsgrupp's written Sammanfattning is kept; without it chapter 5 is generated */
  summaries?: RoundSummaryRepository;
  /** writes the .docx: render-docx.ts in this thread (CLI) or docx-worker.ts (bot) */
  docx: DocxRenderer;
}

export async function roundReport(deps: ReportServiceDeps, year: number, tertial: Tertial, format: ReportFormat): Promise<RenderedReport> {
  const round = await deps.assessments.roundAssessments(year, tertial);
  const written = deps.summaries ? await deps.summaries.get(round.roundId) : null;
  return renderReport(buildReportModel(round, written), format, deps.docx);
}

/** The reports of rounds: the assessments, and the Sammanfattning where the store keeps it. */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  render(year: number, tertial: Tertial, format: ReportFormat): Promise<RenderedReport> {
    return roundReport(this.deps, year, tertial, format);
  }
}
