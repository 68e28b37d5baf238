/**
 * The admin's progress card (`läge`): who has reported, who is missing, each wave's outcome, and the
 * owners the bot cannot reach (with the reason). Names are bound as TextRun text (literal). Lists are
 * cut at MAX_LISTED so the card stays far below Teams' 40 KB for any round.
 */
import { STATUS_LABELS } from '../services/domain/vocabulary';
import type { RoundProgress } from '../services/rounds/round-progress';
import { expandTemplate } from './card-template';
import template from './round-progress-card.json';
import type { OutgoingCard } from '../services/ports/messenger';

export const MAX_LISTED = 40;

const PHASES = { upcoming: 'inte öppnad än', open: 'öppen', closed: 'stängd', cancelled: 'inställd' } as const;

const literal = (text: string) => text.replace(/\{\{/g, '{\u2060{');

function localTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function renderRoundProgressCard(p: RoundProgress, now: Date, notice = ''): OutgoingCard {
  const t = p.totals;
  const missingOwners = p.owners.filter((o) => o.missing.length > 0 && !o.unreachable);
  const unreachable = p.owners.filter((o) => o.unreachable);
  const more: string[] = [];
  if (missingOwners.length > MAX_LISTED) more.push(`… och ${missingOwners.length - MAX_LISTED} ägare till saknar rapport`);
  if (unreachable.length > MAX_LISTED) more.push(`… och ${unreachable.length - MAX_LISTED} onåbara till`);
  if (p.unowned.length > MAX_LISTED) more.push(`… och ${p.unowned.length - MAX_LISTED} aktiviteter till utan ägare`);
  const heading = `Läge tertial ${p.round.tertial} ${p.round.year}`;
  const data = {
    heading,
    subheading: `Omgången är ${PHASES[p.phase]} · deadline ${p.round.deadline}${p.planMissing ? ' · ingen plan importerad för året' : ''}${p.sender ? ' · påminnelser skickas just nu' : ''}`,
    notice: literal(notice),
    ownersDone: `${t.ownersDone} av ${t.owners}`,
    reported: String(t.reported),
    missing: String(t.missing),
    sent: String(t.sent),
    unreachableCount: String(t.unreachableOwners),
    waves: p.waves.map((w) => {
      const past = new Date(w.at).getTime() <= now.getTime();
      const parts = [`${w.sent} skickade`, w.unreachable ? `${w.unreachable} onåbara` : '', w.failed ? `${w.failed} misslyckade` : '', w.pending ? `${w.pending} pågår` : ''].filter(Boolean);
      return { when: localTime(w.at), outcome: past || w.sent > 0 ? parts.join(', ') : 'planerad' };
    }),
    missingOwners: missingOwners.slice(0, MAX_LISTED).map((o) => ({ name: literal(o.name), detail: ` · ${o.missing.length} av ${o.missing.length + o.reported.length} saknas` })),
    unreachable: unreachable.slice(0, MAX_LISTED).map((o) => ({ name: literal(o.name), detail: ` · ${literal(o.unreachable!.reason)} (${localTime(o.unreachable!.at)})` })),
    unowned: p.unowned.slice(0, MAX_LISTED).map((a) => ({ name: literal(`${a.ref} ${a.title}`), detail: a.status ? ` · ${STATUS_LABELS[a.status].toLowerCase()}` : ' · ingen rapport' })),
    more: more.join('; '),
  };
  return { card: expandTemplate(template, data), summary: `${heading}: ${t.ownersDone} av ${t.owners} ägare klara, ${t.unreachableOwners} onåbara` };
}
