/**
 * Starts the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, channel msteams) as a
 * child process pointed at the bot. Its users come from .m365agentsplayground.yml (demo owners and the
 * ledningsgrupp, named by role); its mock connector at /_connector receives the bot's replies and
 * proactive messages. Telemetry off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../services/logging/logger';

export interface PlaygroundOptions {
  /** the bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  port: number;
  /** the .m365agentsplayground.yml to use (default: the project's) */
  configPath?: string;
  logger: Logger;
  /** where to write the Playground's own log file */
  logDir?: string;
}

export interface RunningPlayground {
  url: string;
  port: number;
  child: ChildProcess;
  close(): Promise<void>;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '..', 'package.json')) ? '' : '..');

export function playgroundCli(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [PROJECT_ROOT] });
}

export function defaultPlaygroundConfig(): string {
  return path.join(PROJECT_ROOT, '.m365agentsplayground.yml');
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Agents Playground exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Agents Playground did not answer at ${url} within ${timeoutMs} ms`);
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const configPath = options.configPath ?? defaultPlaygroundConfig();
  const args = [playgroundCli(), '-c', 'msteams', '-e', options.botEndpoint, '-p', String(options.port), '--disable-telemetry'];
  const logDir = options.logDir ?? path.join(PROJECT_ROOT, '.tmp');
  fs.mkdirSync(logDir, { recursive: true });
  const child = spawn(process.execPath, args, {
    cwd: path.dirname(configPath),
    env: {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(logDir, `playground-${options.port}.log`),
      // never open a browser from the Playground itself
      BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_BROWSER: 'none',
      TEAMSAPPTESTER_BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.logger.child({ module: 'playground' });
  let tail = '';
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-2000);
    log.debug(d.toString().trim());
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHttp(url, child, 30_000);
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\n--- Playground output ---\n${tail}`);
  }
  return {
    url,
    port: options.port,
    child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
