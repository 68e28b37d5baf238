/**
 * The personal-chat command table. To add a command: write bot/commands/<name>-command.ts exporting a
 * CommandDefinition, and add ONE line here. Matching is by the longest name (Swedish or English alias)
 * that starts the message; anything else gets the fallback answer (see tertial-bot.ts).
 */
import type { CommandDefinition } from './command-types';
import { assessmentsCommand } from './assessments-command';
import { helpCommand } from './help-command';
import { ledningsgruppCommand } from './ledningsgrupp-command';
import { publishCommand } from './publish-command';
import { progressCommand } from './progress-command';
import { remindNowCommand } from './remind-now-command';
import { roundCommand } from './round-command';
import { statusCommand } from './status-command';
import { delegateCommand } from './delegate-command';
import { measuresCommand } from './measures-command';

export const COMMANDS: Readonly<Record<string, CommandDefinition>> = {
  status: statusCommand,
  hjalp: helpCommand,
  ledningsgrupp: ledningsgruppCommand,
  publicera: publishCommand,
  bedomningar: assessmentsCommand,
  omgang: roundCommand,
  lage: progressCommand,
  paminn: remindNowCommand,
  delegera: delegateCommand,
  matt: measuresCommand,
};

export interface MatchedCommand {
  command: CommandDefinition;
  args: string;
}

/** lower-case, collapse whitespace, drop a leading @mention and trailing punctuation */
export function normalizeCommandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('sv')
    .replace(/[.!?]+$/, '');
}

export function matchCommand(text: string, table: Readonly<Record<string, CommandDefinition>> = COMMANDS): MatchedCommand | null {
  const normalized = normalizeCommandText(text);
  let best: { command: CommandDefinition; name: string } | null = null;
  for (const command of Object.values(table)) {
    for (const raw of command.names) {
      const name = raw.toLocaleLowerCase('sv');
      const hit = normalized === name || normalized.startsWith(`${name} `);
      if (hit && (!best || name.length > best.name.length)) best = { command, name };
    }
  }
  return best ? { command: best.command, args: normalized.slice(best.name.length).trim() } : null;
}
