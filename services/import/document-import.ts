/**
 * `tertial import FILE`: a JSON document routed by its format tag to the matching importer.
 * CSV files have no tag: they need `import plan` or `import owners`.
 */
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import { parseExportDocument, EXPORT_FORMAT } from '../export/export-format';
import { restoreExport, type RestoreResult } from '../export/export-restore';
import { PLAN_FORMAT, parsePlanDocument } from '../plan/plan-format';
import { importPlan, type PlanImportResult } from './plan-import';
import { RESULTS_FORMAT, parseResultsDocument } from './results-format';
import { importResults, type ResultsImportResult } from './results-import';
import { decodeUtf8, looksLikeJson, parseJsonText } from './text-input';

export type DocumentImportResult =
  | { format: typeof PLAN_FORMAT; result: PlanImportResult }
  | { format: typeof RESULTS_FORMAT; result: ResultsImportResult }
  | { format: typeof EXPORT_FORMAT; result: RestoreResult };

type Importer = (repos: Repositories, clock: Clock, input: unknown) => Promise<DocumentImportResult>;

const IMPORTERS: Record<string, Importer> = {
  [PLAN_FORMAT]: async (repos, clock, input) => ({
    format: PLAN_FORMAT,
    result: await importPlan(repos, parsePlanDocument(input, { importedAt: clock.now().toISOString() })),
  }),
  [RESULTS_FORMAT]: async (repos, clock, input) => ({ format: RESULTS_FORMAT, result: await importResults(repos, clock, parseResultsDocument(input)) }),
  [EXPORT_FORMAT]: async (repos, _clock, input) => ({ format: EXPORT_FORMAT, result: await restoreExport(repos, parseExportDocument(input)) }),
};

export async function importDocumentFile(repos: Repositories, clock: Clock, bytes: Uint8Array): Promise<DocumentImportResult> {
  const text = decodeUtf8(bytes);
  if (!looksLikeJson(text)) {
    throw new ValidationError('Filen är inget JSON-dokument; för CSV, ange vad den innehåller (not JSON; for CSV use a type)', [
      'använd `tertial import plan FILE` eller `tertial import owners FILE` för CSV',
    ]);
  }
  const input = parseJsonText(text);
  const tag = (input as { format?: unknown } | null)?.format;
  const importer = typeof tag === 'string' && Object.hasOwn(IMPORTERS, tag) ? IMPORTERS[tag] : undefined;
  if (!importer) {
    const got = typeof tag === 'string' ? `"${tag}"` : 'saknas';
    throw new ValidationError(`Okänt format ${got} (unknown format tag)`, [`fält "format": ${got}; kända format: ${Object.keys(IMPORTERS).join(', ')}`]);
  }
  return importer(repos, clock, input);
}
