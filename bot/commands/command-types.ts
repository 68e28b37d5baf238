import type { BotRequest } from '../bot-context';

export interface CommandRequest extends BotRequest {
  /** the text after the command word(s), trimmed ('' if none) */
  args: string;
  /** the whole command table, e.g. for `hjälp` */
  commands: Readonly<Record<string, CommandDefinition>>;
}

export interface CommandDefinition {
  /** what the user types: Swedish first, then English aliases; matched case-insensitively, longest first */
  names: readonly [string, ...string[]];
  /** one line of Swedish help text */
  help: string;
  /** only admins (config.admins) may run it; others get a polite refusal */
  admin?: boolean;
  run(request: CommandRequest): Promise<void>;
}
