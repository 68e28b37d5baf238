/** The summary card of a round in the ledningsgrupp channel: counts per assessment level, unreported activities, the report link. */
import { ASSESSMENT_CODES, ASSESSMENT_LABELS, ASSESSMENT_STYLE } from '../services/domain/vocabulary';
import type { OutgoingCard } from '../services/ports/messenger';
import type { SummaryCardInput } from './channel-card-models';
import { expandTemplate } from './card-template';
import { literal, stockholmDateTime } from './literal-text';
import template from './ledningsgrupp-summary-card.json';


export function renderSummaryCard(input: SummaryCardInput): OutgoingCard {
  const data = {
    title: literal(input.fullTitle),
    subtitle: `${literal(input.organisation)} · ${input.total} mål · publicerad ${stockholmDateTime(input.publishedAt)}`,
    levels: ASSESSMENT_CODES.filter((c) => c !== 'missing' || input.counts.missing > 0).map((c) => ({
      symbol: ASSESSMENT_STYLE[c].symbol,
      style: ASSESSMENT_STYLE[c].containerStyle,
      label: ASSESSMENT_LABELS[c],
      count: String(input.counts[c]),
    })),
    proposalsText:
      input.proposals === 0
        ? ''
        : `${input.proposals} av ${input.total} bedömningar är förslag som väntar på ledningsgruppens beslut (markerade ”förslag”).`,
    unreportedText: input.unreported === 0 ? '' : `${input.unreported} ${input.unreported === 1 ? 'aktivitet saknar' : 'aktiviteter saknar'} rapport.`,
    reportUrl: input.reportUrl ?? '',
  };
  return { card: expandTemplate(template, data), summary: `${input.fullTitle}: ${input.counts.met} av ${input.total} mål uppfyllda` };
}
