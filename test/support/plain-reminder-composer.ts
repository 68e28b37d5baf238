/** A minimal reminder card for dispatch tests and the fan-out benchmark (production renders cards/reminder-card.ts). */
import type { ReminderComposer } from '../../services/dispatch/reminder-composer';

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
