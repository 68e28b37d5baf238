/** `hjälp` / `help`: every command in the table the asker may use, with its help line. */
import { BOT_TEXTS } from '../../cards/bot-texts';
import { isAllowed } from '../../services/access/access-policy';
import type { CommandDefinition } from './command-types';

export const helpCommand: CommandDefinition = {
  names: ['hjälp', 'hjalp', 'help', '?'],
  help: '**hjälp**: den här listan',
  async run({ context, user, commands }) {
    const lines = Object.values(commands)
      .filter((c) => !c.action || isAllowed(user.principal, c.action))
      .map((c) => `- ${c.help}`);
    await context.sendActivity(`${BOT_TEXTS.helpHeading}\n\n${lines.join('\n')}`);
  },
};
