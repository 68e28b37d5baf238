/**
 * With APPLICATIONINSIGHTS_CONNECTION_STRING set, the app sends its request traces, Cosmos calls, log lines
 * and metrics to Application Insights; here the ingestion endpoint is a local stub. The app runs in a child
 * process: the instrumentations patch modules as they load, which a jest worker has already done.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { startIngestionStub, type Envelope, type IngestionStub } from '../support/ingestion-stub';

const ROOT = join(__dirname, '../..');
const REGISTER = join(ROOT, 'scripts/ts-register.js');

function run(args: string[], env: Record<string, string>): { child: ChildProcess; stdout: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, ['-r', REGISTER, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, exited };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ofType = (envelopes: Envelope[], baseType: string) => envelopes.filter((e) => e.data?.baseType === baseType);

describe('telemetry to Application Insights (local ingestion stub)', () => {
  let stub: IngestionStub;
  beforeEach(async () => {
    stub = await startIngestionStub();
  });
  afterEach(() => stub.close());

  it('the app sends a request trace, Cosmos dependencies and its logs, flushed by a graceful stop', async () => {
    const dataDir = fs.mkdtempSync(join(os.tmpdir(), 'tertial-telemetry-'));
    const app = run([join(ROOT, 'bot/main.ts'), '--no-playground'], {
      PORT: '0',
      EMBEDDED_COSMOS_PORT: '0',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      DISPATCH_CRON: '0 0 1 1 *',
      TERTIAL_DATA_DIR: dataDir,
      APPLICATIONINSIGHTS_CONNECTION_STRING: stub.connectionString,
      NODE_EXTRA_CA_CERTS: stub.caFile,
      // every trace (the default samples 5 per second, and start-up makes more than that)
      OTEL_TRACES_SAMPLER: 'always_on',
    });
    try {
      const url = await waitFor('the app to be up', () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"Tertial is up"/.exec(app.stdout())?.[1], 60_000);
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(200);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      if (app.child.exitCode === null) app.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const requests = ofType(stub.envelopes, 'RequestData').map((e) => e.data!.baseData!);
    expect(requests).toEqual(expect.arrayContaining([expect.objectContaining({ url: expect.stringContaining('/readyz'), responseCode: '200' })]));
    const dependencies = ofType(stub.envelopes, 'RemoteDependencyData').map((e) => e.data!.baseData!);
    // the store's calls to Cosmos DB (here the embedded server): creating and reading the database
    expect(dependencies.some((d) => String(d.name).includes('/dbs/tertial'))).toBe(true);
    const messages = ofType(stub.envelopes, 'MessageData').map((e) => String(e.data!.baseData!.message));
    expect(messages).toEqual(expect.arrayContaining(['Tertial is up', 'stopping']));
  }, 90_000);

  it('the metrics port reaches Application Insights as custom metrics', async () => {
    const script = `
      const { startTelemetry } = require('./bot/telemetry');
      const t = startTelemetry(process.env.APPLICATIONINSIGHTS_CONNECTION_STRING);
      for (const o of ['sent', 'sent', 'throttled', 'unreachable', 'failed']) t.metrics.reminder(o, { roundId: '2026-T1', wave: 'w28' });
      t.metrics.submit('stored', 42);
      t.metrics.publish('published', '2026-T1');
      t.shutdown().then(() => process.exit(0));
    `;
    const child = run(['-e', script], { APPLICATIONINSIGHTS_CONNECTION_STRING: stub.connectionString, NODE_EXTRA_CA_CERTS: stub.caFile });
    expect(await child.exited).toBe(0);
    const metrics = ofType(stub.envelopes, 'MetricData').flatMap((e) => (e.data!.baseData!.metrics as { name: string; value: number }[]).map((m) => ({ ...m, properties: e.data!.baseData!.properties as Record<string, string> })));
    const reminders = metrics.filter((m) => m.name === 'tertial.reminders');
    const byOutcome = Object.fromEntries(reminders.map((m) => [m.properties.outcome, m.value]));
    expect(byOutcome).toEqual({ sent: 2, throttled: 1, unreachable: 1, failed: 1 });
    expect(reminders.every((m) => m.properties.round === '2026-T1' && m.properties.wave === 'w28')).toBe(true);
    expect(metrics.find((m) => m.name === 'tertial.submits')).toMatchObject({ value: 1, properties: { outcome: 'stored' } });
    expect(metrics.find((m) => m.name === 'tertial.submit.duration')).toMatchObject({ value: 42 });
    expect(metrics.find((m) => m.name === 'tertial.publishes')).toMatchObject({ value: 1, properties: { outcome: 'published' } });
  }, 60_000);
});
