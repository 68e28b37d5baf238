import type { Action } from '../../services/access/access-policy';
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
  /**
   * what the access policy must allow before the command runs (the asker gets the policy's reason
   * otherwise); without one, any identified person may run it
   */
  action?: Action;
  /** only for activity owners (and admins): `hjälp` lists it only to them */
  forOwners?: boolean;
  run(request: CommandRequest): Promise<void>;
}
