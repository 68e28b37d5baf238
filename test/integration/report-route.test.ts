import path from 'node:path';
import { startApp, type RunningApp } from '../../bot/app';
import { personPrincipal } from '../../services/access/access-policy';
import { loadConfig } from '../../services/config/config';
import { FakeTimer } from '../../services/ports/scheduler';
import { FakeClock } from '../../services/ports/clock';
import { RecordingMessenger } from '../support/recording-messenger';

describe('report route and the summary card link (app on port 0, demo data)', () => {
  let app: RunningApp;
  const clock = new FakeClock('2026-01-20T10:00:00.000Z');

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent', TERTIAL_ADMINS: 'aad-admin' });
    app = await startApp(config, { clock });
  }, 60_000);
  afterAll(async () => app?.close());

  it('serves the report of a round as Markdown and docx', async () => {
    const md = await fetch(`${app.http.url}/api/report?year=2025&tertial=3&format=md`);
    expect(md.status).toBe(200);
    expect(await md.text()).toMatch(/^# Målavstämning, tertial 3 2025 — Kommunstyrelsen/);
    const docx = await fetch(`${app.http.url}/api/report?year=2025&tertial=3&format=docx`);
    expect(docx.headers.get('content-disposition')).toContain('malavstamning-t3-2025.docx');
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad queries, tampered signatures and unknown years', async () => {
    expect((await fetch(`${app.http.url}/api/report?year=2025&tertial=7&format=md`)).status).toBe(400);
    expect((await fetch(`${app.http.url}/api/report?year=2025&tertial=3&format=pdf`)).status).toBe(400);
    expect((await fetch(`${app.http.url}/api/report?year=2025&tertial=3&format=md&expires=9999999999&sig=forged`)).status).toBe(403);
    expect((await fetch(`${app.http.url}/api/report?year=1999&tertial=3&format=md`)).status).toBe(400);
    expect((await fetch(`${app.http.url}/api/report?year=2044&tertial=3&format=md`)).status).toBe(404);
  });

  it('the published summary card links to a signed report that the route serves', async () => {
    const messenger = new RecordingMessenger();
    const publishing = app.assessment.publishing(messenger, new FakeTimer(clock));
    const admin = personPrincipal({ id: 'aad-admin', name: 'Admin' }, app.config);
    await publishing.link(admin, '19:lg@thread.tacv2');
    await publishing.publish(admin, 2025, 3);
    const json = JSON.stringify(messenger.posts[0]!.card.card);
    const url = /"url":"([^"]+)"/.exec(json)![1]!;
    expect(url).toContain('sig=');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
  });
});

describe('the report route when the .docx cannot be written', () => {
  let app: RunningApp;

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent' });
    // a worker whose script is missing dies as it starts, as one that crashes does
    app = await startApp(config, { clock: new FakeClock('2026-01-20T10:00:00.000Z'), docxWorker: { entry: path.join(__dirname, 'no-such-thread.js') } });
  }, 60_000);
  afterAll(async () => app?.close());

  it('answers 503 with the Swedish reason; the other formats are written as before', async () => {
    const docx = await fetch(`${app.http.url}/api/report?year=2025&tertial=3&format=docx`);
    expect(docx.status).toBe(503);
    expect(((await docx.json()) as { error: string }).error).toMatch(/^Word-rapporten kunde inte skapas: .*Försök igen/);
    expect((await fetch(`${app.http.url}/api/report?year=2025&tertial=3&format=md`)).status).toBe(200);
  });
});
