import { COMMANDS, matchCommand, normalizeCommandText } from '../../bot/commands';
import type { CommandDefinition } from '../../bot/commands/command-types';

const def = (names: [string, ...string[]]): CommandDefinition => ({ names, help: names[0], run: async () => undefined });
const table = {
  status: def(['status', 'mina aktiviteter', 'my items']),
  help: def(['hjälp', 'help']),
  remind: def(['påminn', 'remind']),
  remindNow: def(['påminn nu', 'remind now']),
};

describe('command table', () => {
  it('matches Swedish names and English aliases, case-insensitively', () => {
    expect(matchCommand('Status', table)?.command).toBe(table.status);
    expect(matchCommand('  MINA   aktiviteter ', table)?.command).toBe(table.status);
    expect(matchCommand('my items', table)?.command).toBe(table.status);
    expect(matchCommand('HJÄLP', table)?.command).toBe(table.help);
    expect(matchCommand('help!', table)?.command).toBe(table.help);
  });

  it('prefers the longest name and passes the rest as args', () => {
    expect(matchCommand('påminn nu 2026-T3', table)).toEqual({ command: table.remindNow, args: '2026-t3' });
    expect(matchCommand('påminn 2026-T3', table)).toEqual({ command: table.remind, args: '2026-t3' });
  });

  it('does not match a word that merely starts like a command, or other text', () => {
    expect(matchCommand('statusrapport', table)).toBeNull();
    expect(matchCommand('hej tertial', table)).toBeNull();
    expect(matchCommand('', table)).toBeNull();
  });

  it('ignores a leading @mention', () => {
    expect(normalizeCommandText('<at>Tertial</at> status')).toBe('status');
  });

  it('the real table has status and hjälp (Swedish first, English alias) and no name used twice', () => {
    expect(matchCommand('mina aktiviteter')?.command.names[0]).toBe('status');
    expect(matchCommand('help')?.command.names[0]).toBe('hjälp');
    const names = Object.values(COMMANDS).flatMap((c) => c.names.map((n) => n.toLocaleLowerCase('sv')));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('card verbs', () => {
  it('every verb in cards/card-verbs.ts is routed in the invoke table, and the table routes nothing else', async () => {
    const verbs = await import('../../cards/card-verbs');
    const { INVOKES } = await import('../../bot/invokes');
    const declared = Object.values(verbs)
      .filter((v) => typeof v === 'object')
      .flatMap((group) => Object.values(group as Record<string, string>));
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual(Object.keys(INVOKES).sort());
  });
});
