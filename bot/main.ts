/**
 * `npm start`: validates the configuration, starts the app, stops cleanly on SIGINT/SIGTERM.
 * Flags: --no-playground (no Agents Playground), --reset (the embedded store starts over; its earlier
 * data file is moved aside).
 */
import { loadConfig } from '../services/config/config';
import { isTertialError } from '../services/errors';
import { configureLogger } from '../services/logging/logger';
import { startApp } from './app';

const KNOWN_FLAGS = new Set(['--no-playground', '--reset']);

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => !KNOWN_FLAGS.has(a));
  if (unknown.length > 0) {
    process.stderr.write(`Okänd flagga (unknown flag): ${unknown.join(' ')}. Tillåtna: ${[...KNOWN_FLAGS].join(', ')}\n`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (isTertialError(e)) {
      process.stderr.write(`${e.message}\n${e.details.map((d) => `  - ${d}`).join('\n')}\n`);
      process.exit(1);
    }
    throw e;
  }
  // readable lines at a terminal; JSON lines when piped or collected (App Service, containers)
  const logger = configureLogger({ level: config.logLevel, pretty: process.stdout.isTTY === true });
  const app = await startApp(config, {
    playground: !argv.includes('--no-playground'),
    dispatch: true,
    // the embedded store keeps its data in TERTIAL_DATA_DIR between runs; --reset starts over
    localData: config.cosmos.endpoint ? undefined : { dir: config.dataDir, reset: argv.includes('--reset') },
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((err) => {
  // a refusal with a reason (bad local data, bad config) is said plainly; anything else with its stack
  const text = isTertialError(err) ? err.message : err instanceof Error ? err.stack : String(err);
  process.stderr.write(`Tertial kunde inte starta (failed to start): ${text}\n`);
  process.exit(1);
});
