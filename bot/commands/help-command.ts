/**
 * `hjälp` / `help`: what Tertial does for the asker's roles, and only the commands they may use (the
 * access policy decides; owner commands only for people who own activities, and admins).
 */
import { BOT_TEXTS } from '../../cards/bot-texts';
import { isAllowed } from '../../services/access/access-policy';
import type { CommandDefinition } from './command-types';

export const helpCommand: CommandDefinition = {
  names: ['hjälp', 'hjalp', 'help', '?'],
  help: '**hjälp**: den här listan',
  async run({ context, services, user, commands }) {
    const p = user.principal;
    const admin = p.kind === 'person' && p.admin;
    const ledningsgrupp = p.kind === 'person' && p.ledningsgrupp;
    const owner = (await services.collection.reference.owner(user.aadObjectId)) !== null;
    const lines = Object.values(commands)
      .filter((c) => (c.action ? isAllowed(p, c.action) : true) && (!c.forOwners || owner || admin))
      .map((c) => `- ${c.help}`);
    await context.sendActivity(`${BOT_TEXTS.helpHeading({ owner, admin, ledningsgrupp })}\n\n${lines.join('\n')}`);
  },
};
