/**
 * What a `tertial` command is: its arguments and flags (declared, so parsing and usage text are
 * generated) and a run function over the services. Commands get everything through CliContext:
 * the services built by cli/cli-services.ts, never the store itself, so tests run them in-process
 * against an embedded store (runCli in cli/run-cli.ts).
 */
import type { Action } from '../services/access/access-policy';
import type { Clock } from '../services/ports/clock';
import type { CliServices } from './cli-services';

export const EXIT = {
  ok: 0,
  /** runtime or store error (store unreachable, conflict with stored data, …) */
  runtime: 1,
  /** bad input: arguments, flags, file contents */
  badInput: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface Output {
  write(text: string): unknown;
}

export interface CliContext {
  /** what a command calls; built once per run over the open store */
  services: CliServices;
  clock: Clock;
  stdout: Output;
  stderr: Output;
  /** reads a file given on the command line (relative to the working directory) */
  readFile(path: string): Promise<Uint8Array>;
}

export type FlagType = 'string' | 'integer' | 'boolean';

export interface FlagSpec {
  type: FlagType;
  description: string;
  required?: boolean;
  /** shown in usage, e.g. 'YYYY' */
  placeholder?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

type ValueOf<S extends FlagSpec> = S['type'] extends 'boolean' ? boolean : S['type'] extends 'integer' ? number : string;

/** Parsed flag values: required flags and booleans are always present, others may be undefined. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K]['type'] extends 'boolean' ? boolean : F[K]['required'] extends true ? ValueOf<F[K]> : ValueOf<F[K]> | undefined;
};

export interface ArgSpec {
  /** e.g. 'FILE' */
  name: string;
  description: string;
  optional?: boolean;
}

export interface Command<F extends FlagSpecs = FlagSpecs> {
  /** one line for `tertial help` */
  summary: string;
  /** what the access policy must allow the operator (cli/operator.ts) before the command runs */
  action: Action;
  /** more lines for `tertial <command> --help` (file formats, examples) */
  details?: string;
  args?: readonly ArgSpec[];
  flags?: F;
  /** false: runs without connecting to the store (default: connects) */
  needsStore?: boolean;
  /** checks the flags before the store is connected: throw a ValidationError (exit 2) for bad input */
  check?(input: { args: string[]; flags: FlagValues<F> }): void;
  /** returns the exit code (default 0); throw a TertialError for errors (ValidationError → exit 2) */
  run(input: { args: string[]; flags: FlagValues<F> }, ctx: CliContext): Promise<ExitCode | void>;
}

/** Declares a command with typed flags: `export const fooCommand = defineCommand({ flags: {...}, run(...) {...} })`. */
export function defineCommand<F extends FlagSpecs = Record<never, FlagSpec>>(command: Command<F>): Command<F> {
  return command;
}

/** Bad command-line usage: exit 2 with the command's usage. */
export class UsageError extends Error {
  constructor(message: string, readonly commandName?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
