/**
 * What replaces the form after a submit: the reported status and comment, who reported and when, and
 * "Ändra" while the round is open. A substitute's counts and lists what the owner handed to them.
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
  /**
   * where the owner stands in the round after this report: what is left, and the next activity to report
   * (for a substitute, of what is handed to them)
   */
  progress?: { done: number; total: number; nextRef: string | null };
  /**
   * the receipt is a substitute's: the name of the owner who handed the activities over. The progress
   * counts those activities, and the list button shows them.
   */
  handedBy?: string;
}

const activities = (n: number) => (n === 1 ? '1 aktivitet' : `${n} aktiviteter`);

function leftText(p: NonNullable<ReceiptOptions['progress']>, handedBy: string | undefined): string {
  const left = p.total - p.done;
  if (handedBy === undefined) {
    if (left === 0) return p.total === 1 ? 'Aktiviteten är rapporterad. Tack!' : `Alla ${p.total} aktiviteter är rapporterade. Tack!`;
    return `${p.done} av ${p.total} klara: ${activities(left)} kvar att rapportera.`;
  }
  if (p.total === 0) return '';
  if (left === 0) {
    return p.total === 1
      ? `Aktiviteten du har fått av ${handedBy} är rapporterad. Tack!`
      : `Alla ${p.total} aktiviteter du har fått av ${handedBy} är rapporterade. Tack!`;
  }
  return `${p.done} av ${p.total} klara av aktiviteterna du har fått av ${handedBy}: ${activities(left)} kvar att rapportera.`;
}

export function renderReceiptCard(report: StatusReport, activity: Activity, round: Round, options: ReceiptOptions): OutgoingCard {
  const v = report.current;
  const openData: Record<string, string> = { roundId: round.id, activityRef: activity.ref };
  if (options.forOwnerId) openData.ownerId = options.forOwnerId;
  const data = {
    heading: `Rapport sparad · ${roundLabel(round.year, round.tertial)}`,
    leftText: options.progress ? leftText(options.progress, options.handedBy === undefined ? undefined : literal(options.handedBy)) : '',
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
    // someone else's list (a substitute's share, or the owner's for an admin reporting for them) is named by the owner
    listTitle:
      options.handedBy !== undefined
        ? `Visa aktiviteterna för ${literal(options.handedBy)}`
        : options.forOwnerId && v.onBehalfOf
          ? `Visa aktiviteterna för ${literal(v.onBehalfOf.name)}`
          : 'Visa alla mina aktiviteter',
    listVerb: REPORT_VERBS.list,
    listData: { roundId: round.id, ...(options.forOwnerId ? { ownerId: options.forOwnerId } : {}) },
    roundId: round.id,
  };
  return { card: expandTemplate(template, data), summary: `Rapport sparad: ${activity.ref} ${statusLabel(v.status)}` };
}
