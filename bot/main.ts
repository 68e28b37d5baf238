/**
 * `npm start`: validates the configuration, starts telemetry when Application Insights is configured,
 * starts the app, and stops cleanly on SIGINT/SIGTERM (draining, then flushing telemetry).
 * Flags: --no-playground (no Agents Playground), --reset (the embedded store starts over; its earlier
 * data file is moved aside).
 */
import pino from 'pino';
import { loadConfig, type Config } from '../services/config/config';
import { isTertialError } from '../services/errors';
import { configureLogger } from '../services/logging/logger';
import type { Telemetry } from './telemetry';

const KNOWN_FLAGS = new Set(['--no-playground', '--reset']);

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((a) => !KNOWN_FLAGS.has(a));
  if (unknown.length > 0) {
    process.stderr.write(`Okänd flagga (unknown flag): ${unknown.join(' ')}. Tillåtna: ${[...KNOWN_FLAGS].join(', ')}\n`);
    process.exit(2);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (isTertialError(e)) {
      process.stderr.write(`${e.message}\n${e.details.map((d) => `  - ${d}`).join('\n')}\n`);
      process.exit(1);
    }
    throw e;
  }
  // telemetry first: its instrumentations patch http, express and the Azure SDK as they are loaded,
  // so the app (and everything it imports) is required only afterwards
  let telemetry: Telemetry | null = null;
  if (config.telemetryConnectionString) {
    const { startTelemetry } = await import('./telemetry');
    telemetry = startTelemetry(config.telemetryConnectionString);
  }
  // readable lines at a terminal; JSON lines when piped or collected (App Service, containers), and
  // each line to Application Insights as well when telemetry is on
  const logger = telemetry
    ? configureLogger({
        level: config.logLevel,
        destination: pino.multistream([
          { level: 'trace', stream: process.stdout },
          { level: 'trace', stream: telemetry.logStream },
        ]),
      })
    : configureLogger({ level: config.logLevel, pretty: process.stdout.isTTY === true });
  const { startApp } = await import('./app');
  const app = await startApp(config, {
    playground: !argv.includes('--no-playground'),
    dispatch: true,
    metrics: telemetry?.metrics,
    // the embedded store keeps its data in TERTIAL_DATA_DIR between runs; --reset starts over
    localData: config.cosmos.endpoint ? undefined : { dir: config.dataDir, reset: argv.includes('--reset') },
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    await telemetry?.shutdown().catch((err: unknown) => logger.warn({ err }, 'telemetry did not flush'));
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
