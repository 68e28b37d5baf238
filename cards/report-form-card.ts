/**
 * One activity's report form: goal path, title, description, end date, last tertial's status and
 * comment, the status choice (six statuses, Swedish labels) and the comment, submitted with
 * Action.Execute (verb + round id + activity ref + a key of its own). Shown again with the reason when a
 * submit is refused, the user's input kept. The key (`submitId`) is new for every drawn form and stays
 * with the card: when a submit's answer is lost or late, pressing Skicka again on the same card stores
 * the report once.
 */
import { randomUUID } from 'node:crypto';
import type { Round } from '../services/domain/model';
import { roundLabel, STATUS_CODES, STATUS_LABELS, type StatusCode } from '../services/domain/vocabulary';
import { MAX_COMMENT_LENGTH } from '../services/collection/submit-report';
import type { OwnerItem } from '../services/collection/owner-items';
import type { OutgoingCard } from '../services/ports/messenger';
import { expandTemplate } from './card-template';
import { literal } from './literal-text';
import { REPORT_VERBS } from './card-verbs';
import template from './report-form-card.json';

export interface ReportFormOptions {
  /** why the last submit was refused (Swedish), shown in red */
  error?: string;
  /** what the user had entered, to keep it after a refusal */
  values?: { status?: string | null; comment?: string | null };
  /** an admin reporting for this owner */
  ownerId?: string;
}

export function renderReportFormCard(item: OwnerItem, round: Round, options: ReportFormOptions = {}): OutgoingCard {
  const own = item.own?.current ?? null;
  const status = options.values?.status ?? own?.status ?? '';
  const comment = options.values?.comment ?? own?.comment ?? '';
  const previous = item.previous;
  const submitData: Record<string, string> = { roundId: round.id, activityRef: item.activity.ref, submitId: randomUUID() };
  if (options.ownerId) submitData.ownerId = options.ownerId;
  const data = {
    heading: `Rapportera ${roundLabel(round.year, round.tertial)}`,
    error: literal(options.error ?? ''),
    goalPath: item.goalPath.map((g) => ({ label: literal(`${g.ref} ${g.title}`) })),
    ref: item.activity.ref,
    title: literal(item.activity.title),
    description: literal(item.activity.description ?? ''),
    end: item.activity.end,
    previousTitle: 'Förra tertialen',
    previousStatus: previous?.status ? STATUS_LABELS[previous.status] : 'Ingen rapport',
    previousComment: literal(previous?.comment ?? ''),
    ownersText: item.ownerCount > 1 ? `${item.ownerCount} ägare, var och en rapporterar sin egen status` : 'Du',
    currentStatus: (STATUS_CODES as readonly string[]).includes(status) ? status : '',
    // an over-long comment is refused before a form is drawn; the cap keeps any card far below 40 KB
    currentComment: comment.slice(0, MAX_COMMENT_LENGTH),
    statusChoices: STATUS_CODES.map((code: StatusCode) => ({ title: STATUS_LABELS[code], value: code })),
    submitVerb: REPORT_VERBS.submit,
    listVerb: REPORT_VERBS.list,
    listData: { roundId: round.id, ...(options.ownerId ? { ownerId: options.ownerId } : {}) },
    submitData,
    roundId: round.id,
  };
  return { card: expandTemplate(template, data), summary: `Rapportera ${item.activity.ref} ${item.activity.title}` };
}
