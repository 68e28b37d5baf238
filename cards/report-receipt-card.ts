/**
 * What replaces the form after a submit: the reported status and comment, who reported and when, and
 * "Ändra" while the round is open.
 */
import type { Activity, Round, StatusReport } from '../services/domain/model';
import { roundLabel, statusLabel } from '../services/domain/vocabulary';
import type { OutgoingCard } from '../services/ports/messenger';
import { expandTemplate } from './card-template';
import { literal, stockholmDateTime } from './literal-text';
import { REPORT_VERBS } from './card-verbs';
import template from './report-receipt-card.json';

export interface ReceiptOptions {
  /** the round is open: show "Ändra" */
  open: boolean;
  /** the receipt is for an admin who reported on the owner's behalf */
  forOwnerId?: string;
  /** where the owner stands in the round after this report: what is left, and the next activity to report */
  progress?: { done: number; total: number; nextRef: string | null };
}

function leftText(p: NonNullable<ReceiptOptions['progress']>): string {
  const left = p.total - p.done;
  if (left === 0) return `Alla ${p.total} aktiviteter är rapporterade. Tack!`;
  return `${p.done} av ${p.total} klara: ${left === 1 ? '1 aktivitet' : `${left} aktiviteter`} kvar att rapportera.`;
}

export function renderReceiptCard(report: StatusReport, activity: Activity, round: Round, options: ReceiptOptions): OutgoingCard {
  const v = report.current;
  const openData: Record<string, string> = { roundId: round.id, activityRef: activity.ref };
  if (options.forOwnerId) openData.ownerId = options.forOwnerId;
  const data = {
    heading: `Rapport sparad · ${roundLabel(round.year, round.tertial)}`,
    leftText: options.progress ? leftText(options.progress) : '',
    nextRef: options.open && options.progress?.nextRef ? options.progress.nextRef : '',
    nextData: { roundId: round.id, activityRef: options.progress?.nextRef ?? '', ...(options.forOwnerId ? { ownerId: options.forOwnerId } : {}) },
    ref: activity.ref,
    title: literal(activity.title),
    statusLabel: statusLabel(v.status) || 'Ingen status',
    byName: literal(v.by.name),
    when: stockholmDateTime(v.at),
    comment: v.comment ? literal(v.comment) : '(ingen kommentar)',
    closedText: options.open ? '' : 'Omgången är stängd; rapporten kan inte längre ändras.',
    open: options.open,
    openVerb: REPORT_VERBS.open,
    openData,
    listVerb: REPORT_VERBS.list,
    listData: { roundId: round.id, ...(options.forOwnerId ? { ownerId: options.forOwnerId } : {}) },
    roundId: round.id,
  };
  return { card: expandTemplate(template, data), summary: `Rapport sparad: ${activity.ref} ${statusLabel(v.status)}` };
}
