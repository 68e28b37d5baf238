/**
 * Command-line parsing over the command table: the longest command name that matches the first
 * words ('import plan' before 'import'), then flags (`--year 2025`, `--year=2025`, `--json`, `-o FILE`)
 * and positional arguments, read by node:util parseArgs and checked against the command's
 * declaration. Errors are UsageErrors, in Swedish.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type Command, type FlagSpecs } from './command';

export interface ParsedCommandLine {
  name: string;
  command: Command;
  args: string[];
  flags: Record<string, string | number | boolean | undefined>;
  help: boolean;
}

export function findCommand(argv: readonly string[], table: Readonly<Record<string, Command>>): { name: string; rest: string[] } | null {
  for (let n = Math.min(argv.length, 3); n >= 1; n--) {
    const name = argv.slice(0, n).join(' ');
    if (!argv.slice(0, n).some((w) => w.startsWith('-')) && Object.hasOwn(table, name)) return { name, rest: argv.slice(n) };
  }
  return null;
}

export function parseCommandLine(argv: readonly string[], table: Readonly<Record<string, Command>>): ParsedCommandLine {
  const found = findCommand(argv, table);
  if (!found) {
    const given = argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
    throw new UsageError(given ? `Okänt kommando (unknown command): ${given}` : 'Inget kommando angivet (no command given)');
  }
  const command = table[found.name]!;
  const specs: FlagSpecs = command.flags ?? {};
  const usage = (message: string) => new UsageError(message, found.name);
  // several letters after one dash is a misspelt flag, not a group of one-letter flags
  const terminator = found.rest.indexOf('--');
  const glued = found.rest.slice(0, terminator === -1 ? undefined : terminator).find((a) => /^-[^-]{2,}/.test(a));
  if (glued) throw usage(`Okänd flagga (unknown flag): ${glued}`);
  // a one-letter flag may be written with one dash: -o FILE is --o FILE
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean' } };
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(name.length === 1 ? { short: name } : {}) };
  }
  // not strict: every refusal below is ours, in Swedish and in the order the flags are written
  const { tokens } = parseArgs({ args: [...found.rest], options, strict: false, allowPositionals: true, tokens: true });
  const flags: Record<string, string | number | boolean | undefined> = {};
  const args: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      args.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const shown = token.rawName.startsWith('--') ? `--${token.name}` : token.rawName;
    if (token.name === 'help' && token.rawName === '--help' && !token.inlineValue) {
      help = true;
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec || (token.rawName.length === 2 && token.name.length !== 1)) throw usage(`Okänd flagga (unknown flag): ${shown}`);
    const name = token.name;
    if (spec.type === 'boolean') {
      if (token.inlineValue) throw usage(`--${name} tar inget värde (takes no value)`);
      flags[name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--'))) throw usage(`--${name} saknar värde (missing value)`);
    if (spec.type === 'integer') {
      if (!/^-?\d+$/.test(value)) throw usage(`--${name} ska vara ett heltal, inte "${value}" (expected an integer)`);
      flags[name] = Number(value);
    } else flags[name] = value;
  }
  if (help) return { name: found.name, command, args, flags, help };
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === 'boolean') flags[name] = flags[name] ?? false;
    else if (spec.required && flags[name] === undefined) throw usage(`--${name} krävs (required flag missing)`);
  }
  const declared = command.args ?? [];
  const required = declared.filter((a) => !a.optional).length;
  if (args.length < required) {
    const missing = declared.slice(args.length).filter((a) => !a.optional).map((a) => a.name);
    throw usage(`Saknar argument (missing argument): ${missing.join(' ')}`);
  }
  if (args.length > declared.length) {
    throw usage(`För många argument (unexpected argument): ${args.slice(declared.length).join(' ')}`);
  }
  return { name: found.name, command, args, flags, help };
}

/** One command's usage line and its flags, for errors and --help. */
export function commandUsage(name: string, command: Command): string {
  const args = (command.args ?? []).map((a) => (a.optional ? `[${a.name}]` : a.name));
  const flags = Object.entries(command.flags ?? {}).map(([f, s]) => {
    const shown = s.type === 'boolean' ? `--${f}` : `--${f} ${s.placeholder ?? (s.type === 'integer' ? 'N' : 'VALUE')}`;
    return s.required ? shown : `[${shown}]`;
  });
  const lines = [`tertial ${[name, ...args, ...flags].join(' ')}`, `  ${command.summary}`];
  for (const a of command.args ?? []) lines.push(`  ${a.name.padEnd(16)} ${a.description}`);
  for (const [f, s] of Object.entries(command.flags ?? {})) lines.push(`  --${f.padEnd(14)} ${s.description}`);
  if (command.details) lines.push('', ...command.details.split('\n').map((l) => `  ${l}`));
  return lines.join('\n');
}

/** Every command, one line each, for `tertial help` and unknown commands. */
export function overallUsage(table: Readonly<Record<string, Command>>): string {
  const names = Object.keys(table).sort();
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Användning (usage): tertial <kommando> [argument] [flaggor]   (tertial <kommando> --help för detaljer)',
    '',
    ...names.map((n) => `  ${n.padEnd(width)}  ${table[n]!.summary}`),
  ].join('\n');
}
