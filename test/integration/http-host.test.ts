/**
 * The Express host as the app runs it: security headers, JSON answers for unknown paths and bad bodies,
 * the /api/messages body limit, and a kept-alive connection that still serves after a refusal.
 */
import http from 'node:http';
import { startApp, type RunningApp } from '../../bot/app';
import { MESSAGES_BODY_LIMIT } from '../../bot/bot-endpoint';
import { loadConfig } from '../../services/config/config';
import { configureLogger } from '../../services/logging/logger';

configureLogger({ level: 'silent' });

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  localPort: number;
}

/** one request over `agent`; the local port tells which connection carried it */
function request(agent: http.Agent, url: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), localPort: req.socket?.localPort ?? -1 }),
      );
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('the HTTP host', () => {
  let app: RunningApp;
  let agent: http.Agent;
  beforeAll(async () => {
    app = await startApp(loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', DEMO_DATA: 'false' }));
  });
  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => agent.destroy());
  afterAll(async () => app?.close());

  it('sends security headers and allows framing only by Teams and Microsoft 365', async () => {
    const res = await request(agent, `${app.http.url}/healthz`, 'GET');
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    expect(csp).toContain("default-src 'self'");
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await request(agent, `${app.http.url}/no/such/path`, 'GET');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ error: 'not found' });
  });

  it('refuses a body that is not JSON, or not an activity, with a JSON 400', async () => {
    const notJson = await request(agent, `${app.http.url}/api/messages`, 'POST', '{"type": "message",');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ error: 'body is not JSON' });
    const notActivity = await request(agent, `${app.http.url}/api/messages`, 'POST', '[1,2,3]');
    expect(notActivity.status).toBe(400);
    expect(JSON.parse(notActivity.body)).toEqual({ error: 'not an activity' });
  });

  it(`refuses an activity over ${MESSAGES_BODY_LIMIT} with 413, and answers the next request on the same connection`, async () => {
    const big = JSON.stringify({ type: 'invoke', name: 'adaptiveCard/action', value: { comment: 'x'.repeat(300 * 1024) } });
    const refused = await request(agent, `${app.http.url}/api/messages`, 'POST', big);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toEqual({ error: 'body too large' });
    const next = await request(agent, `${app.http.url}/healthz`, 'GET');
    expect(next.status).toBe(200);
    expect(next.localPort).toBe(refused.localPort);
  });

  it('refuses a chunked body over the limit (no content-length) the same way, and keeps the connection', async () => {
    const chunked = await new Promise<Answer>((resolve, reject) => {
      const req = http.request(`${app.http.url}/api/messages`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(), localPort: req.socket?.localPort ?? -1 }));
      });
      req.on('error', reject);
      for (let i = 0; i < 40; i++) req.write('x'.repeat(10 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    const next = await request(agent, `${app.http.url}/healthz`, 'GET');
    expect(next.status).toBe(200);
    expect(next.localPort).toBe(chunked.localPort);
  });

  it('answers HEAD on /healthz and /readyz without a body', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const res = await request(agent, `${app.http.url}${path}`, 'HEAD');
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('marks only the probes no-store: the tab\'s pages and other answers keep their own caching', async () => {
    const missing = await request(agent, `${app.http.url}/no/such/path`, 'GET');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
    const tab = await request(agent, `${app.http.url}/tab/`, 'GET');
    expect(tab.headers['cache-control']).not.toBe('no-store');
  });
});
