/** Swedish answers of the admin round commands (omgång, läge, påminn nu). */
import type { Round } from '../services/domain/model';
import { roundLabel } from '../services/domain/vocabulary';
import type { RoundView } from '../services/rounds/round-service';
import type { WaveResult } from '../services/dispatch/dispatcher';

const PHASES = { upcoming: 'inte öppnad än', open: 'öppen', closed: 'stängd', cancelled: 'inställd' } as const;

export const ROUND_ADMIN_TEXTS = {
  usage:
    'Så här: **omgång** (lista), **omgång skapa 2026 T2 31 augusti** (sista svarsdag som 2026-08-31 eller 31 augusti; valfritt: **vågor 28,14,7,2,0,-2**, **tid 09:00**), **omgång stäng 2026 T2**',
  noRounds: 'Det finns inga omgångar. Skapa en med **omgång skapa 2026 T2 31 augusti**.',
  noOpenRound: 'Ingen omgång är öppen just nu. Ange omgången, t.ex. **läge 2026 T1**.',
  notOpenForReminders: 'Ingen omgång är öppen, så det finns inget att påminna om.',
  rejected: (message: string, details: string[]) => `Det gick inte: ${message}${details.length > 1 ? `\n\n${details.map((d) => `- ${d}`).join('\n')}` : ''}`,
  created: (round: Round, waves: string[], notes: string[]) =>
    `Omgång **${roundLabel(round.year, round.tertial)}** schemalagd, sista svarsdag ${round.deadline}. Påminnelser:\n\n${waves.map((w) => `- ${w}`).join('\n')}${
      notes.length > 0 ? `\n\n**Observera:**\n\n${notes.map((n) => `- ${n}`).join('\n')}` : ''
    }`,
  closed: (round: Round) => `Omgång **${roundLabel(round.year, round.tertial)}** är stängd: inga fler påminnelser eller rapporter.`,
  list: (rounds: RoundView[]) =>
    `Omgångar:\n\n${rounds.map((r) => `- **${roundLabel(r.year, r.tertial)}**: ${PHASES[r.phase]}, sista svarsdag ${r.deadline}, vågor ${r.waves.join(',')} kl ${r.sendTime}`).join('\n')}`,
  senderBusy: (holder: string | null) =>
    `En annan instans${holder ? ` (${holder})` : ''} skickar påminnelser just nu, och Teams tillåter bara en takt per app. Ingen påminnelse skickades; försök igen om en stund.`,
  reminded: (id: string, r: WaveResult) => {
    if (r.recipients + r.remindedToday === 0) return `Omgång **${roundLabel(id)}**: alla har rapporterat, ingen behöver påminnas.`;
    const parts = [`${r.sent} fick en påminnelse nu`];
    if (r.alreadyDone + r.remindedToday > 0) parts.push(`${r.alreadyDone + r.remindedToday} har redan fått dagens påminnelse`);
    if (r.unreachable > 0) parts.push(`${r.unreachable} gick inte att nå (se **läge**)`);
    if (r.failed > 0) parts.push(`${r.failed} misslyckades`);
    if (r.skipped > 0) parts.push(`${r.skipped} hann rapportera`);
    if (r.deferred > 0) parts.push(`${r.deferred} skickas strax av en annan instans eller nästa körning`);
    const waiting = r.recipients - (r.alreadyDone + r.sent + r.unreachable + r.failed + r.skipped + r.deferred);
    if (r.senderBusy && waiting > 0) parts.push(`${waiting} väntar: en annan instans tog över utskicken, skriv **påminn nu** igen om en stund`);
    return `Omgång **${roundLabel(id)}**, ${r.recipients + r.remindedToday} ägare med saknade rapporter: ${parts.join(', ')}.`;
  },
} as const;
