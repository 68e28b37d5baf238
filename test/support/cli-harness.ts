/** Runs `tertial` commands in-process against a test store, with files from a temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/run-cli';
import type { Clock } from '../../services/ports/clock';
import type { Repositories } from '../../services/ports';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export class CliHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'tertial-cli-'));
  constructor(
    public store: Repositories,
    private readonly clock: Clock,
  ) {}

  /** writes a file into the temporary folder; returns its path */
  file(name: string, content: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  async run(...argv: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      store: this.store,
      clock: this.clock,
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  /** `tertial export --year Y --json`, expected to succeed */
  async export(year: number): Promise<string> {
    const r = await this.run('export', '--year', String(year), '--json');
    if (r.code !== 0) throw new Error(`export failed (${r.code}): ${r.err}`);
    return r.out;
  }
}
