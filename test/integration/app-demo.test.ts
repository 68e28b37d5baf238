import net from 'node:net';
import { startApp, type RunningApp } from '../../bot/app';
import { runCli } from '../../cli/run-cli';
import { loadConfig } from '../../services/config/config';
import { FakeClock } from '../../services/ports/clock';

const ENV = { PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', LOG_LEVEL: 'silent' };

async function freePortWithNothingOnIt(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function capture() {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

describe('npm start (startApp with the embedded store and demo data)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(loadConfig(ENV), { playground: false, clock: new FakeClock('2026-11-23T10:00:00Z') });
  });
  afterAll(async () => app?.close());

  it('comes up healthy with the demo data loaded', async () => {
    const res = await fetch(`${app.http.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: 'embedded' });
    expect((await app.store.plans.get(2025))!.activities).toHaveLength(35);
    expect(await app.store.rounds.get('2026-T3')).toMatchObject({ state: 'scheduled' });
  });

  it('the CLI talks to the running app’s embedded store', async () => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(['export', '--year', '2025', '--json'], { env: { ...ENV, EMBEDDED_COSMOS_PORT: String(app.embedded!.port) }, stdout, stderr });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout.text());
    expect(doc.plan.goals).toHaveLength(7);
    expect(doc.reports).toHaveLength(35);
  });

  it('the CLI says to run npm start when nothing answers', async () => {
    const port = await freePortWithNothingOnIt();
    const stderr = capture();
    const code = await runCli(['export', '--year', '2025'], { env: { ...ENV, EMBEDDED_COSMOS_PORT: String(port) }, stdout: capture(), stderr });
    expect(code).toBe(1);
    expect(stderr.text()).toMatch(new RegExp(`Ingen Tertial-databas svarar på https://localhost:${port}.*npm start`));
  });
});
