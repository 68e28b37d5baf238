/** The `tertial` command (bin/tertial.js → dist/cli/main.js). Logs go to stderr; stdout is the command's output. */
import pino from 'pino';
import { configureLogger } from '../services/logging/logger';
import { runCli } from './run-cli';

configureLogger({ level: 'warn', destination: pino.destination(2) });

// `tertial … | head`: the reader has gone; stop quietly instead of crashing on EPIPE
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Tertial: oväntat fel (unexpected error): ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
