/**
 * What a reminder says, behind a small interface: the dispatcher decides who and when, the composer
 * renders the message (engineer B's reminder card, cards/reminder-card.ts, once wired in bot/app.ts).
 * `plainReminderComposer` is a minimal card used until then and by tests and the benchmark.
 */
import type { Activity, Owner, Round } from '../domain/model';
import type { OutgoingCard } from '../ports/messenger';

export interface ReminderContext {
  round: Round;
  owner: Owner;
  /** the owner's activities in the round */
  activities: Activity[];
  /** those without a report from the owner yet */
  missing: Activity[];
  /** the wave key ('w28', …, 'now-2026-04-01') */
  wave: string;
}

export interface ReminderComposer {
  compose(context: ReminderContext): Promise<OutgoingCard> | OutgoingCard;
}

export const plainReminderComposer: ReminderComposer = {
  compose({ round, missing, activities }) {
    const open = missing.length > 0 ? missing : activities;
    const summary = `Påminnelse: ${open.length} aktivitet(er) att rapportera för tertial ${round.tertial} ${round.year} senast ${round.deadline}`;
    return {
      summary,
      card: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: summary, wrap: true, weight: 'Bolder' },
          ...open.slice(0, 25).map((a) => ({ type: 'TextBlock', text: `${a.ref} ${a.title}`, wrap: true })),
        ],
      },
    };
  },
};
