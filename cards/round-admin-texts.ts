/** Swedish answers of the admin round commands (omgång, läge, påminn nu). */
import type { Round } from '../services/domain/model';
import { roundLabel } from '../services/domain/vocabulary';
import type { RoundView } from '../services/rounds/round-service';
import type { OneReminderOutcome, WaveResult } from '../services/dispatch/dispatcher';
import { explainReachProblem } from '../services/rounds/reach-problems';

/** names listed by "påminn nu"; the rest are counted and found in `läge` */
const MAX_NAMED_PROBLEMS = 10;

/** a person's name in a chat message: markdown characters shown as they are, never as formatting */
const plainMarkdown = (text: string) => text.replace(/[\\`*_[\]()#<>!|~{}]/g, (c) => `\\${c}`);

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
  /** a card drawn before "Påminn igen" carried a press key: redrawn with keys, nothing sent */
  remindPressAgain: 'Kortet var från en äldre version av Tertial: ingen påminnelse skickades. Tryck Påminn igen en gång till.',
  /** the outcome line on top of the `läge` card after "Påminn igen": green when it went well, red when not */
  remindedOne: (name: string, o: OneReminderOutcome): { text: string; good: boolean } => {
    switch (o.outcome) {
      case 'sent':
        return { text: `Påminnelse skickad till ${name} nu.`, good: true };
      case 'already':
        return { text: `${name} har redan fått den här påminnelsen. Tryck Påminn igen en gång till för en ny.`, good: true };
      case 'not-reached':
        return { text: `Påminnelsen nådde inte fram till ${name}: ${explainReachProblem(o.state, o.reason).reason}.`, good: false };
      case 'pending':
        return { text: `Påminnelsen till ${name} är på väg; läge visar om den kom fram.`, good: true };
      case 'nothing-left':
        return { text: `${name} har inget kvar att rapportera: ingen påminnelse skickades.`, good: true };
    }
  },
  /**
   * The answer to "påminn nu": who got a reminder now, who already had today's, and by name who could
   * not be reached or failed (now or earlier today) with the reason and the next step.
   */
  reminded: (id: string, r: WaveResult) => {
    if (r.recipients + r.remindedToday === 0) return `Omgång **${roundLabel(id)}**: alla har rapporterat, ingen behöver påminnas.`;
    const parts = [`${r.sent} fick en påminnelse nu`];
    const hadToday = r.alreadySent + r.remindedToday;
    if (hadToday > 0) parts.push(`${hadToday} har redan fått dagens påminnelse`);
    const unreachable = r.problems.filter((p) => p.state === 'unreachable');
    const failed = r.problems.filter((p) => p.state === 'failed');
    if (unreachable.length > 0) parts.push(`${unreachable.length} gick inte att nå`);
    if (failed.length > 0) parts.push(`${failed.length} misslyckades`);
    if (r.skipped > 0) parts.push(`${r.skipped} hann rapportera`);
    if (r.deferred > 0) parts.push(`${r.deferred} skickas strax av en annan instans eller nästa körning`);
    const waiting = r.recipients - (r.alreadyDone + r.sent + r.unreachable + r.failed + r.skipped + r.deferred);
    if (r.senderBusy && waiting > 0) parts.push(`${waiting} väntar: en annan instans tog över utskicken, skriv **påminn nu** igen om en stund`);
    const head = `Omgång **${roundLabel(id)}**, ${r.recipients + r.remindedToday} ägare med saknade rapporter: ${parts.join(', ')}.`;
    if (r.problems.length === 0) return head;
    const listed = r.problems.slice(0, MAX_NAMED_PROBLEMS).map((p) => {
      const problem = explainReachProblem(p.state, p.reason);
      return `- ${plainMarkdown(p.name)}: ${problem.reason}${p.earlier ? ' (redan tidigare i dag)' : ''}. ${problem.nextStep}`;
    });
    const more = r.problems.length - listed.length;
    return `${head}\n\nNådde inte fram:\n\n${listed.join('\n')}${more > 0 ? `\n\n… och ${more} till, se **läge**.` : ''}`;
  },
} as const;
