/**
 * Runs one `tertial` command line and returns its exit code (0 ok, 1 runtime/store error, 2 bad input).
 * Everything it touches can be injected, so tests run commands in-process:
 *   const code = await runCli(['import', 'plan', file], { store, clock, stdout, stderr });
 */
import { readFile } from 'node:fs/promises';
import { decide } from '../services/access/access-policy';
import { loadConfig, type Config } from '../services/config/config';
import { isTertialError } from '../services/errors';
import { setLogLevel } from '../services/logging/logger';
import { systemClock, type Clock } from '../services/ports/clock';
import type { Repositories } from '../services/ports';
import { commandUsage, overallUsage, parseCommandLine } from './args';
import { cliServices, unavailableServices } from './cli-services';
import { EXIT, UsageError, type CliContext, type Command, type ExitCode, type Output } from './command';
import { COMMANDS } from './commands';
import { operator } from './operator';
import { connectConfiguredStore } from './store-connection';

export interface CliDeps {
  /** an open store; when given, no configuration is read and the store is not closed */
  store?: Repositories;
  clock?: Clock;
  stdout?: Output;
  stderr?: Output;
  /** environment for loadConfig (default: process.env) */
  env?: Record<string, string | undefined>;
  readFile?: (path: string) => Promise<Uint8Array>;
  /** the command table (default: COMMANDS) */
  commands?: Readonly<Record<string, Command>>;
}

const HELP_WORDS = new Set(['help', '--help', '-h']);

function printError(stderr: Output, e: unknown): ExitCode {
  if (isTertialError(e)) {
    stderr.write(`${e.message}\n${e.details.map((d) => `  - ${d}\n`).join('')}`);
    return e.code === 'invalid-input' ? EXIT.badInput : EXIT.runtime;
  }
  stderr.write(`Fel (error): ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT.runtime;
}

export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<ExitCode> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const table = deps.commands ?? COMMANDS;

  if (argv.length === 0 || HELP_WORDS.has(argv[0]!)) {
    (argv.length === 0 ? stderr : stdout).write(`${overallUsage(table)}\n`);
    return argv.length === 0 ? EXIT.badInput : EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseCommandLine(argv, table);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const usage = e.commandName ? commandUsage(e.commandName, table[e.commandName]!) : overallUsage(table);
    stderr.write(`${e.message}\n\n${usage}\n`);
    return EXIT.badInput;
  }
  if (parsed.help) {
    stdout.write(`${commandUsage(parsed.name, parsed.command)}\n`);
    return EXIT.ok;
  }

  const access = decide(operator(), parsed.command.action);
  if (!access.allowed) {
    stderr.write(`${access.reason}\n`);
    return EXIT.runtime;
  }

  let config: Config | null = null;
  let store = deps.store;
  let close: (() => Promise<void>) | null = null;
  try {
    parsed.command.check?.({ args: parsed.args, flags: parsed.flags as never });
    if (!store && parsed.command.needsStore !== false) {
      config = loadConfig(deps.env);
      if (config.logLevelSet) setLogLevel(config.logLevelSet);
      const opened = await connectConfiguredStore(config);
      store = opened;
      close = () => opened.close();
    }
    const clock = deps.clock ?? systemClock;
    const ctx: CliContext = {
      services: store ? cliServices({ store, clock, config }) : unavailableServices(),
      clock,
      stdout,
      stderr,
      readFile: deps.readFile ?? ((path) => readFile(path)),
    };
    const code = await parsed.command.run({ args: parsed.args, flags: parsed.flags as never }, ctx);
    return code ?? EXIT.ok;
  } catch (e) {
    return printError(stderr, e);
  } finally {
    await close?.().catch(() => undefined);
  }
}
