/** One structured logger (pino); modules take a child logger named for themselves. */
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

let root: Logger = pino({ level: 'info', base: { app: 'tertial' } });

/**
 * Replaces the root logger (at start, from config; in tests, a silent one). `pretty`: one readable
 * line per entry for a person at a terminal (npm start); otherwise JSON lines for log collectors.
 */
export function configureLogger(options: { level: string; destination?: pino.DestinationStream; pretty?: boolean }): Logger {
  const destination =
    options.destination ??
    (options.pretty
      ? pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app', singleLine: true, sync: true })
      : undefined);
  root = destination
    ? pino({ level: options.level, base: { app: 'tertial' } }, destination)
    : pino({ level: options.level, base: { app: 'tertial' } });
  return root;
}

/** changes the level of the root logger and of every child taken from it from now on */
export function setLogLevel(level: string): void {
  root.level = level;
}

export function rootLogger(): Logger {
  return root;
}

export function moduleLogger(module: string): Logger {
  return root.child({ module });
}
