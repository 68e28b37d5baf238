/**
 * A round's progress for admins outside the bot: one row per owner with what to do about an
 * unreachable one, and the same rows as CSV that Excel opens as it is (UTF-8 with BOM, semicolons,
 * CRLF; cells that would start a formula are quoted as text).
 */
import { explainReachProblem } from './reach-problems';
import type { ProgressRow } from '../domain/progress-views';
import type { OwnerProgress, RoundProgress } from './round-progress';

export type { ProgressRow };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function progressRows(progress: RoundProgress): ProgressRow[] {
  return progress.owners.map((o: OwnerProgress) => {
    const last = [...o.deliveries].reverse().find((d) => d.state !== 'skipped') ?? null;
    const problem = o.unreachable ? explainReachProblem('unreachable', o.unreachable.reason) : null;
    return {
      ownerId: o.ownerId,
      name: o.name,
      reported: o.reported.length,
      missing: o.missing.length,
      missingRefs: o.missing.map((m) => m.ref),
      lastDelivery: last ? { wave: last.wave, state: last.state, at: last.at, via: last.via?.name ?? null } : null,
      unreachable:
        o.unreachable && problem ? { reason: capitalised(problem.reason), recorded: o.unreachable.reason, at: o.unreachable.at, advice: problem.nextStep } : null,
    };
  });
}

const DELIVERY_LABELS: Record<string, string> = {
  sent: 'skickad',
  unreachable: 'når inte fram',
  failed: 'misslyckad',
  skipped: 'hoppades över',
  sending: 'skickas',
  backoff: 'väntar på nytt försök',
};

export function deliveryLabel(state: string): string {
  return DELIVERY_LABELS[state] ?? state;
}

/** "skickad", or "skickad via ersättare Anna" for a reminder to a substitute for the owner */
export function deliveryText(d: { state: string; via: string | null }): string {
  return d.via ? `${deliveryLabel(d.state)} via ersättare ${d.via}` : deliveryLabel(d.state);
}

function cell(value: string | number): string {
  let text = String(value);
  // a leading =, +, - or @ makes Excel evaluate the cell: keep it text
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function progressCsv(rows: readonly ProgressRow[]): string {
  const header = ['Ägare', 'Entra-objekt-id', 'Rapporterade', 'Saknas', 'Saknade aktiviteter', 'Senaste utskick', 'Utskicksstatus', 'Når inte fram', 'Åtgärd'];
  const lines = rows.map((r) =>
    [
      r.name,
      r.ownerId,
      r.reported,
      r.missing,
      r.missingRefs.join(', '),
      r.lastDelivery?.at ?? '',
      r.lastDelivery ? deliveryText(r.lastDelivery) : 'inget utskick',
      r.unreachable?.reason ?? '',
      r.unreachable?.advice ?? '',
    ]
      .map(cell)
      .join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
