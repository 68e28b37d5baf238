/**
 * The Sammanfattning (chapter 5 of the report) the ledningsgrupp writes for a round. Every save is a
 * new version (who, when, from where); the latest one goes into the report. A writer who passes the
 * number of versions they saw never overwrites a version written meanwhile.
 */
import { requireAccess, type Principal } from '../access/access-policy';
import type { Actor } from '../domain/model';
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { RoundSummary, RoundSummaryRepository } from '../ports/repositories';

/** characters a summary may hold: a few paragraphs of a Word chapter */
export const MAX_SUMMARY_LENGTH = 8000;

export interface WriteSummary {
  roundId: string;
  text: string;
  /** the number of versions the writer saw (0: none yet); omitted, the text is added whatever came before */
  expectedVersions?: number;
  source: 'teams' | 'cli' | 'import';
}

/** the text as stored: line ends unified, trailing spaces and surrounding blank lines dropped */
export function normaliseSummaryText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/** the paragraphs of a written summary (blank lines separate them) */
export function summaryParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export class RoundSummaryService {
  constructor(private readonly deps: { summaries: RoundSummaryRepository; clock: Clock }) {}

  get(roundId: string): Promise<RoundSummary | null> {
    return this.deps.summaries.get(roundId);
  }

  async write(principal: Principal, w: WriteSummary): Promise<RoundSummary> {
    requireAccess(principal, 'summary.write');
    const text = normaliseSummaryText(w.text);
    if (text.length > MAX_SUMMARY_LENGTH) {
      throw new ValidationError(
        `Sammanfattningen är ${text.length} tecken lång; den får vara högst ${MAX_SUMMARY_LENGTH} tecken. Inget har sparats.`,
        [`fält "text": ${text.length} tecken, högst ${MAX_SUMMARY_LENGTH}`],
      );
    }
    const by: Actor = principal.actor;
    return this.deps.summaries.append(w.roundId, { text, by, at: this.deps.clock.now().toISOString(), source: w.source }, w.expectedVersions);
  }
}
