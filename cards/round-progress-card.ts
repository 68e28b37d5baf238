/**
 * The admin's progress card (`läge`): who has reported, who is missing, each wave's outcome, and the
 * owners the bot cannot reach (with the reason). Names are bound as TextRun text (literal). Lists are
 * cut at MAX_LISTED so the card stays far below Teams' 40 KB for any round.
 */
import { DEADLINE_WORD, ROUND_PHASES, roundLabel, STATUS_LABELS } from '../services/domain/vocabulary';
import { PROGRESS_VERBS } from './card-verbs';
import { literal, stockholmDateTime } from './literal-text';
import { daysLeftText } from './reminder-card';
import type { RoundProgress } from '../services/rounds/round-progress';
import { expandTemplate } from './card-template';
import template from './round-progress-card.json';
import type { OutgoingCard } from '../services/ports/messenger';

export const MAX_LISTED = 25;

const percent = (part: number, whole: number) => (whole === 0 ? '' : ` (${Math.round((100 * part) / whole)} %)`);


export interface ProgressCardOptions {
  /** a line at the top, e.g. the outcome of "Påminn igen": green when it went well, red when not */
  notice?: { text: string; good: boolean };
  /** show "Påminn igen" per person (an admin looking at an open round) */
  canRemind?: boolean;
  /**
   * the key every "Påminn igen" of this drawing carries (newPressKey): pressing twice, or Teams retrying
   * the invoke, sends once; the card drawn with the outcome has a new key, so a press there sends again
   */
  pressKey?: string;
}

export function renderRoundProgressCard(p: RoundProgress, now: Date, opts: ProgressCardOptions = {}): OutgoingCard {
  const t = p.totals;
  const notReached = p.owners.filter((o) => o.notReached);
  const missingOwners = p.owners.filter((o) => o.missing.length > 0 && !o.notReached);
  const more: string[] = [];
  if (notReached.length > MAX_LISTED) more.push(`… och ${notReached.length - MAX_LISTED} till som påminnelsen inte nådde fram till`);
  if (missingOwners.length > MAX_LISTED) more.push(`… och ${missingOwners.length - MAX_LISTED} ägare till som inte har svarat`);
  if (p.unowned.length > MAX_LISTED) more.push(`… och ${p.unowned.length - MAX_LISTED} aktiviteter till utan ägare`);
  const heading = `Läge ${roundLabel(p.round.year, p.round.tertial)}`;
  const lastReminder = (o: RoundProgress['owners'][number]) => {
    const sent = [...o.deliveries].reverse().find((d) => d.state === 'sent');
    if (!sent) return ' · inte påmind än';
    // a reminder to a substitute for part of the owner's activities counts under the owner, naming who got it
    return sent.via ? ` · påmind via ersättare ${literal(sent.via.name)} ${stockholmDateTime(sent.at)}` : ` · påmind ${stockholmDateTime(sent.at)}`;
  };
  const data = {
    heading,
    subheading: `Omgången är ${ROUND_PHASES[p.phase]} · ${DEADLINE_WORD} ${p.round.deadline}${p.phase === 'open' ? ` (${daysLeftText(p.round.deadline, now)})` : ''}${p.planMissing ? ' · ingen plan importerad för året' : ''}${p.sender ? ' · påminnelser skickas just nu' : ''}`,
    notice: literal(opts.notice?.text ?? ''),
    noticeColor: opts.notice?.good ? 'Good' : 'Attention',
    responseRate: `${t.ownersDone} av ${t.owners} ägare klara${percent(t.ownersDone, t.owners)}`,
    reported: `${t.reported} av ${t.reported + t.missing}${percent(t.reported, t.reported + t.missing)}`,
    sent: String(t.sent),
    notReachedCount: t.notReachedOwners === 0 ? 'ingen' : `${t.notReachedOwners} ${t.notReachedOwners === 1 ? 'ägare' : 'ägare'}`,
    waves: p.waves.map((w) => {
      const past = new Date(w.at).getTime() <= now.getTime();
      const parts = [`${w.sent} skickade`, w.unreachable ? `${w.unreachable} nådde inte fram` : '', w.failed ? `${w.failed} misslyckade` : '', w.pending ? `${w.pending} pågår` : ''].filter(Boolean);
      return { when: stockholmDateTime(w.at), outcome: past || w.sent > 0 ? parts.join(', ') : 'planerad' };
    }),
    roundId: p.round.id,
    remindVerb: PROGRESS_VERBS.remindOwner,
    pressKey: opts.pressKey ?? '',
    canRemind: (opts.canRemind ?? false) && p.phase === 'open',
    notReachedHeading: `Påminnelsen nådde inte fram (${notReached.length})`,
    unreachable: notReached.slice(0, MAX_LISTED).map((o) => ({
      ownerId: o.ownerId,
      name: literal(o.name),
      detail: ` ${o.notReached!.reason} (${stockholmDateTime(o.notReached!.at)}) · ${o.missing.length} av ${o.missing.length + o.reported.length} saknas`,
      nextStep: o.notReached!.nextStep,
    })),
    missingHeading: `Har inte svarat (${missingOwners.length})`,
    missingOwners: missingOwners.slice(0, MAX_LISTED).map((o) => ({
      ownerId: o.ownerId,
      name: literal(o.name),
      detail: ` · ${o.missing.length} av ${o.missing.length + o.reported.length} saknas${lastReminder(o)}`,
      nextStep: '',
    })),
    unowned: p.unowned.slice(0, MAX_LISTED).map((a) => ({ name: literal(`${a.ref} ${a.title}`), detail: a.status ? ` · ${STATUS_LABELS[a.status].toLowerCase()}` : ' · ingen rapport' })),
    more: more.join('; '),
  };
  return {
    card: expandTemplate(template, data),
    summary: `${heading}: ${t.ownersDone} av ${t.owners} ägare klara, påminnelsen nådde inte fram till ${t.notReachedOwners}`,
  };
}
