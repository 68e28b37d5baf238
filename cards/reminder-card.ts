/**
 * The reminder: ONE message per owner and round listing their activities (a digest), each with a
 * "Rapportera"/"Ändra" button (Action.Execute) that replaces the card with that activity's form.
 * Stays far below Teams' 40 KB even for 25+ activities (tested); long titles are cut, user text is
 * bound as TextRun (literal).
 */
import type { Round } from '../services/domain/model';
import { DEADLINE_LABEL, DEADLINE_WORD, roundLabel, STATUS_LABELS, type CardContainerStyle, type StatusCode } from '../services/domain/vocabulary';
import { stockholmDate } from '../services/rounds/stockholm-time';
import type { OwnerItem } from '../services/collection/owner-items';
import type { OutgoingCard } from '../services/ports/messenger';
import { expandTemplate } from './card-template';
import { literal } from './literal-text';
import { MEASURE_VERBS, REPORT_VERBS } from './card-verbs';
import template from './reminder-card.json';

export interface ReminderCardOptions {
  /** a line in red above the list, e.g. why the previous action was refused */
  notice?: string;
  /** now, for "om 3 dagar" beside the last day to answer; without it only the date is shown */
  now?: Date;
  /** the items are another owner's, handed to the reader as their substitute: reported "för" that owner */
  forOwner?: { id: string; name: string };
  /** how many measures (mått) the owner reports: a line and a button to them */
  measures?: number;
}

/**
 * The owner's own status as a badge in the container style of its meaning: a tinted background under
 * text in the theme's own colour, readable in Teams' light, dark and high-contrast themes (a coloured
 * "warning" text can be pale yellow on white). A missing report is 'attention'.
 */
export const STATUS_STYLES: Readonly<Record<StatusCode, CardContainerStyle>> = {
  'not-started': 'default',
  'in-progress': 'good',
  'in-progress-deviation': 'warning',
  done: 'good',
  'done-deviation': 'warning',
  'on-hold': 'warning',
};

/** "i dag", "i morgon", "om 3 dagar", "för 2 dagar sedan" */
export function daysLeftText(deadline: string, now: Date): string {
  const days = Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${stockholmDate(now)}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return 'i dag';
  if (days === 1) return 'i morgon';
  if (days > 1) return `om ${days} dagar`;
  return days === -1 ? 'i går' : `för ${-days} dagar sedan`;
}

/** what the owner has reported of the round: counts and the next item still without a status */
export function reminderProgress(items: readonly OwnerItem[]): { total: number; done: number; left: number; next: OwnerItem | null } {
  const open = items.filter((i) => !i.own || i.own.current.status === null);
  return { total: items.length, done: items.length - open.length, left: open.length, next: open[0] ?? null };
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** how many of the activity's owners have a status in this round (from the combined status' inputs) */
function answeredCount(item: OwnerItem): number {
  return item.reportedOwners;
}

export function goalPathText(item: OwnerItem, max = 160): string {
  return cut(item.goalPath.map((g) => `${g.ref} ${g.title}`).join(' → '), max);
}

export function renderReminderCard(items: readonly OwnerItem[], round: Round, options: ReminderCardOptions = {}): OutgoingCard {
  const progress = reminderProgress(items);
  const missing = progress.left;
  const heading = `Tertialuppföljning ${roundLabel(round.year, round.tertial)}${options.forOwner ? ` för ${options.forOwner.name}` : ''}`;
  const when = options.now ? ` (${daysLeftText(round.deadline, options.now)})` : '';
  const intro =
    items.length === 0
      ? 'Du har inga aktiviteter att rapportera i den här omgången.'
      : missing === 0
        ? items.length === 1
          ? `Tack! Aktiviteten är rapporterad. Du kan ändra den till och med ${DEADLINE_WORD} ${round.deadline}${when}.`
          : `Tack! Alla ${items.length} aktiviteter är rapporterade. Du kan ändra dem till och med ${DEADLINE_WORD} ${round.deadline}${when}.`
        : `Du har ${missing} av ${items.length} aktiviteter kvar att rapportera.`;
  const data = {
    heading,
    intro: options.forOwner ? `Du är ersättare för ${options.forOwner.name} i den här omgången. ${intro.replace(/^Du har/, 'Det finns')}` : intro,
    progressText: items.length === 0 ? '' : `${progress.done} av ${progress.total} klara`,
    progressStyle: items.length > 0 && missing === 0 ? 'good' : 'emphasis',
    deadlineText: items.length === 0 || missing === 0 ? '' : `${DEADLINE_LABEL} ${round.deadline}${when}`,
    notice: options.notice ?? '',
    measuresText: options.measures ? `${options.forOwner ? `${options.forOwner.name} rapporterar` : 'Du rapporterar'} också ${options.measures === 1 ? 'ett mått' : `${options.measures} mått`} (utfall mot mål).` : '',
    measuresVerb: MEASURE_VERBS.open,
    measuresData: { roundId: round.id, ...(options.forOwner ? { ownerId: options.forOwner.id } : {}) },
    footer: items.some((i) => i.ownerCount > 1)
      ? 'Aktiviteter med flera ägare: varje ägare rapporterar sin egen status; den sammanvägda statusen visas inom parentes.'
      : '',
    items: items.map((item) => {
      const own = item.own?.current.status ?? null;
      const answered = item.ownerCount > 1 && !item.combined.complete ? `, ${answeredCount(item)} av ${item.ownerCount} ägare har svarat` : '';
      const combined = item.ownerCount > 1 && item.combined.status ? `sammanvägt: ${STATUS_LABELS[item.combined.status]}${answered} · ` : '';
      return {
        ref: item.activity.ref,
        title: literal(cut(item.activity.title, 200)),
        goalPath: literal(goalPathText(item)),
        // the badge holds the own status only; the combined status of a shared activity sits beside it
        statusLine: own ? `${options.forOwner ? 'Status' : 'Din status'}: ${STATUS_LABELS[own]}` : 'Ej rapporterad',
        statusStyle: own ? STATUS_STYLES[own] : 'attention',
        statusWeight: own ? 'Default' : 'Bolder',
        endLine: `${combined}slutdatum ${item.activity.end}`,
        // on the owner's own card, an activity handed to a substitute for the round says to whom (a TextRun: the name is data)
        handedTo: !options.forOwner && item.handedTo ? ` · lämnad till ${literal(item.handedTo.name)} i omgången` : '',
        buttonTitle: own ? 'Ändra' : 'Rapportera',
        openVerb: REPORT_VERBS.open,
        openData: { roundId: round.id, activityRef: item.activity.ref, ...(options.forOwner ? { ownerId: options.forOwner.id } : {}) },
      };
    }),
  };
  return {
    card: expandTemplate(template, data),
    summary: items.length === 0 ? heading : `${heading}: ${progress.done} av ${progress.total} klara, ${DEADLINE_WORD} ${round.deadline}`,
  };
}
