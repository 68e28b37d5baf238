/**
 * The reminder: ONE message per owner and round listing their activities (a digest), each with a
 * "Rapportera"/"Ändra" button (Action.Execute) that replaces the card with that activity's form.
 * Stays far below Teams' 40 KB even for 25+ activities (tested); long titles are cut, user text is
 * bound as TextRun (literal).
 */
import type { Round } from '../services/domain/model';
import { STATUS_LABELS } from '../services/domain/vocabulary';
import type { OwnerItem } from '../services/collection/owner-items';
import type { OutgoingCard } from '../services/ports/messenger';
import { expandTemplate } from './card-template';
import { literal } from './literal-text';
import { REPORT_VERBS } from './report-verbs';
import template from './reminder-card.json';

export interface ReminderCardOptions {
  /** a line in red above the list, e.g. why the previous action was refused */
  notice?: string;
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
  const missing = items.filter((i) => !i.own || i.own.current.status === null).length;
  const heading = `Tertialuppföljning T${round.tertial} ${round.year}`;
  const intro =
    items.length === 0
      ? 'Du har inga aktiviteter att rapportera i den här omgången.'
      : missing === 0
        ? `Tack! Du har rapporterat alla ${items.length} aktiviteter. Du kan ändra till och med ${round.deadline}.`
        : `Du har ${missing} av ${items.length} aktiviteter kvar att rapportera. Svara senast ${round.deadline}.`;
  const data = {
    heading,
    intro,
    notice: options.notice ?? '',
    footer: items.some((i) => i.ownerCount > 1)
      ? 'Aktiviteter med flera ägare: varje ägare rapporterar sin egen status; den sammanvägda statusen visas inom parentes.'
      : '',
    items: items.map((item) => {
      const own = item.own?.current.status ?? null;
      const answered = item.ownerCount > 1 && !item.combined.complete ? `, ${answeredCount(item)} av ${item.ownerCount} ägare har svarat` : '';
      const combined = item.ownerCount > 1 && item.combined.status ? ` (sammanvägt: ${STATUS_LABELS[item.combined.status]}${answered})` : '';
      return {
        ref: item.activity.ref,
        title: literal(cut(item.activity.title, 200)),
        goalPath: literal(goalPathText(item)),
        statusLine: own ? `Din status: ${STATUS_LABELS[own]}${combined}` : `Ej rapporterad${combined}`,
        statusColor: own ? 'Good' : 'Warning',
        endLine: ` · slutdatum ${item.activity.end}`,
        buttonTitle: own ? 'Ändra' : 'Rapportera',
        openVerb: REPORT_VERBS.open,
        roundId: round.id,
      };
    }),
  };
  return {
    card: expandTemplate(template, data),
    summary: items.length === 0 ? heading : `${heading}: ${missing} av ${items.length} aktiviteter kvar att rapportera, senast ${round.deadline}`,
  };
}
