/**
 * Where the report's .docx is written, chosen by each composition root: the CLI writes it in its own
 * thread (services/report/render-docx.ts), the bot in a worker thread (services/report/docx-worker.ts),
 * so the seconds a large report takes never hold the bot's event loop.
 */
import type { ReportModel } from '../report/report-model';

export type DocxRenderer = (model: ReportModel) => Promise<Uint8Array>;
