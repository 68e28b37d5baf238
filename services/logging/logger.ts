/** One structured logger (pino); modules take a child logger named for themselves. */
import pino, { type Logger } from 'pino';

export type { Logger };

let root: Logger = pino({ level: 'info', base: { app: 'tertial' } });

/** Replaces the root logger (at start, from config; in tests, a silent one). */
export function configureLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  root = options.destination
    ? pino({ level: options.level, base: { app: 'tertial' } }, options.destination)
    : pino({ level: options.level, base: { app: 'tertial' } });
  return root;
}

export function rootLogger(): Logger {
  return root;
}

export function moduleLogger(module: string): Logger {
  return root.child({ module });
}
