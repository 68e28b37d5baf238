/**
 * Telemetry to Application Insights through @azure/monitor-opentelemetry: traces of HTTP in and out and
 * of Azure SDK calls (Cosmos DB), the pino log lines, and the operational metrics of the Metrics port.
 *
 * Started before the app's modules are loaded (bot/main.ts), because the instrumentations patch the
 * modules they trace when those are first required. A graceful stop calls shutdown(), which flushes.
 */
import { metrics as otelMetrics } from '@opentelemetry/api';
import { logs, SeverityNumber, type AnyValueMap } from '@opentelemetry/api-logs';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import type { Metrics } from '../services/ports/metrics';

export interface Telemetry {
  metrics: Metrics;
  /** a pino destination that hands every log line to OpenTelemetry's logs */
  logStream: { write(line: string): void };
  /** flushes what is buffered and stops exporting */
  shutdown(): Promise<void>;
}

/** pino's numeric levels to OpenTelemetry severities */
const SEVERITY: Record<number, SeverityNumber> = {
  10: SeverityNumber.TRACE,
  20: SeverityNumber.DEBUG,
  30: SeverityNumber.INFO,
  40: SeverityNumber.WARN,
  50: SeverityNumber.ERROR,
  60: SeverityNumber.FATAL,
};
const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** log attributes as OpenTelemetry takes them: primitives kept, anything else as JSON */
function attributesOf(record: Record<string, unknown>): AnyValueMap {
  const out: AnyValueMap = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (key === 'err' && typeof value === 'object' && 'stack' in value) out['exception.stacktrace'] = String((value as { stack: unknown }).stack);
    else out[key] = JSON.stringify(value);
  }
  return out;
}

export function startTelemetry(connectionString: string): Telemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
  });

  const meter = otelMetrics.getMeter('tertial');
  const reminders = meter.createCounter('tertial.reminders', { description: 'reminder attempts per wave and outcome (sent, failed, throttled, unreachable)' });
  const submits = meter.createCounter('tertial.submits', { description: 'reports submitted, by outcome (stored, refused, error)' });
  const submitDuration = meter.createHistogram('tertial.submit.duration', { description: 'time to handle a submitted report', unit: 'ms' });
  const publishes = meter.createCounter('tertial.publishes', { description: 'rounds published to the ledningsgrupp channel, by outcome' });
  const metrics: Metrics = {
    reminder: (outcome, wave) => reminders.add(1, { outcome, round: wave.roundId, wave: wave.wave }),
    submit: (outcome, durationMs) => {
      submits.add(1, { outcome });
      submitDuration.record(durationMs, { outcome });
    },
    publish: (outcome, roundId) => publishes.add(1, { outcome, round: roundId }),
  };

  const logger = logs.getLogger('tertial');
  const logStream = {
    write(line: string): void {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const { level, msg, time, ...rest } = record;
      const numeric = typeof level === 'number' ? level : 30;
      logger.emit({
        severityNumber: SEVERITY[numeric] ?? SeverityNumber.INFO,
        severityText: LEVEL_NAMES[numeric] ?? 'info',
        body: typeof msg === 'string' ? msg : '',
        timestamp: typeof time === 'number' ? time : Date.now(),
        attributes: attributesOf(rest),
      });
    },
  };

  return { metrics, logStream, shutdown: () => shutdownAzureMonitor() };
}
