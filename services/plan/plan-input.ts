/**
 * A plan file's bytes → a validated Plan: tertial-plan/1 JSON or plan CSV (see plan-csv.ts), told
 * apart by the first character. UTF-8 only, BOM tolerated.
 */
import type { IsoInstant, Plan } from '../domain/model';
import { decodeUtf8, looksLikeJson, parseJsonText } from '../import/text-input';
import { parsePlanCsv } from './plan-csv';
import { parsePlanDocument } from './plan-format';

export function parsePlanFile(bytes: Uint8Array, importedAt: IsoInstant): Plan {
  const text = decodeUtf8(bytes, 'planfilen');
  return looksLikeJson(text) ? parsePlanDocument(parseJsonText(text, 'planfilen'), { importedAt }) : parsePlanCsv(text, { importedAt });
}
