/**
 * Command-line parsing over the command table: the longest command name that matches the first
 * words ('import plan' before 'import'), then flags (`--year 2025`, `--year=2025`, `--json`) and
 * positional arguments, checked against the command's declaration. Errors are UsageErrors.
 */
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
  const flags: Record<string, string | number | boolean | undefined> = {};
  const args: string[] = [];
  let help = false;
  let onlyArgs = false;
  const rest = found.rest;
  for (let i = 0; i < rest.length; i++) {
    // a one-letter flag may be written with one dash: -o FILE is --o FILE
    const token = !onlyArgs && /^-[A-Za-z]$/.test(rest[i]!) && Object.hasOwn(specs, rest[i]!.slice(1)) ? `-${rest[i]!}` : rest[i]!;
    if (onlyArgs || !token.startsWith('--') || token === '-') {
      if (!onlyArgs && token.startsWith('-') && token !== '-') {
        throw new UsageError(`Okänd flagga (unknown flag): ${token}`, found.name);
      }
      args.push(token);
      continue;
    }
    if (token === '--') {
      onlyArgs = true;
      continue;
    }
    if (token === '--help') {
      help = true;
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq === -1 ? undefined : eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageError(`Okänd flagga (unknown flag): --${name}`, found.name);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} tar inget värde (takes no value)`, found.name);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = token.slice(eq + 1);
    else {
      const next = rest[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') throw new UsageError(`--${name} saknar värde (missing value)`, found.name);
    if (spec.type === 'integer') {
      if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} ska vara ett heltal, inte "${value}" (expected an integer)`, found.name);
      flags[name] = Number(value);
    } else flags[name] = value;
  }
  if (help) return { name: found.name, command, args, flags, help };
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === 'boolean') flags[name] = flags[name] ?? false;
    else if (spec.required && flags[name] === undefined) throw new UsageError(`--${name} krävs (required flag missing)`, found.name);
  }
  const declared = command.args ?? [];
  const required = declared.filter((a) => !a.optional).length;
  if (args.length < required) {
    const missing = declared.slice(args.length).filter((a) => !a.optional).map((a) => a.name);
    throw new UsageError(`Saknar argument (missing argument): ${missing.join(' ')}`, found.name);
  }
  if (args.length > declared.length) {
    throw new UsageError(`För många argument (unexpected argument): ${args.slice(declared.length).join(' ')}`, found.name);
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
