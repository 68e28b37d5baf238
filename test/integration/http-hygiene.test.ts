/**
 * Odd requests to /api/messages get proper answers: an invoke without an action, ids of the wrong shape,
 * a store that fails during a submit. Logs are captured to check that no refusal logs a stack trace.
 */
import { Writable } from 'node:stream';
import type { RunningApp } from '../../bot/app';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import type { FaultyProxy } from '../support/faulty-cosmos-proxy';
import { startAppBehindProxy, type AppBehindProxy } from '../support/store-behind-proxy';

const lines: Record<string, unknown>[] = [];
configureLogger({
  level: 'info',
  destination: new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
});
afterAll(() => configureLogger({ level: 'silent' }));

const OWNER = '00000000-0000-0000-0000-000000000001';

describe('odd requests to /api/messages', () => {
  let rig: AppBehindProxy;
  let proxy: FaultyProxy;
  let app: RunningApp;
  let roundId: string;
  let activityRef: string;

  beforeAll(async () => {
    rig = await startAppBehindProxy({ DEMO_DATA: 'true' }, { clock: new FakeClock('2026-11-23T10:00:00Z') });
    ({ proxy, app } = rig);
    const open = (await app.collection.openItems(OWNER))[0]!;
    roundId = open.round.id;
    activityRef = open.items[0]!.activity.ref;
  });
  beforeEach(() => {
    lines.length = 0;
  });
  afterEach(() => {
    proxy.outage = null;
  });
  afterAll(async () => {
    await rig?.close();
  });

  const invoke = (value: unknown, name = 'adaptiveCard/action') =>
    fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/_connector',
        id: 'act-1',
        from: { id: '29:u', aadObjectId: OWNER, name: 'Enhetschef Fritid' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:conv', conversationType: 'personal' },
        value,
      }),
    });
  const stacks = () => lines.filter((l) => JSON.stringify(l).includes('    at '));

  it('an adaptiveCard/action without an action: a JSON answer that says what is wrong, not an empty 501', async () => {
    for (const value of [{}, { data: { roundId } }, null, 'text']) {
      const res = await invoke(value);
      expect(res.status).not.toBe(501);
      expect(res.status).toBeLessThan(500);
      const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
      expect(body).toMatchObject({ statusCode: expect.any(Number), type: expect.stringMatching(/^application\/vnd\.microsoft\./) });
      expect(JSON.stringify(body)).toMatch(/knapp|kort|åtgärd/i);
    }
    expect(stacks()).toEqual([]);
  });

  it('an invoke the bot does not handle gets a JSON answer', async () => {
    const res = await invoke({ foo: 1 }, 'no/such-invoke');
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ error: 'invoke not supported' });
  });

  it('a roundId of the wrong shape: refused cleanly, nothing logged with a stack', async () => {
    for (const verb of ['tertial.report.open', 'tertial.report.submit', 'tertial.report.list']) {
      for (const bad of ['x', '../../etc', 'a'.repeat(5000), 42, { $gt: '' }, ['2025-T3']]) {
        const res = await invoke({ action: { type: 'Action.Execute', verb, data: { roundId: bad, activityRef, status: 'pagaende', comment: '' } } });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { statusCode: number; value: unknown };
        expect(body.statusCode).toBe(200);
        const answer = JSON.stringify(body.value);
        expect(answer).not.toMatch(/Något gick fel/);
        if (verb === 'tertial.report.submit') expect(answer).toMatch(/Inte sparat/);
        expect(answer).not.toContain('a'.repeat(50));
        expect(answer).not.toContain('etc');
      }
    }
    expect(stacks()).toEqual([]);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('a submit while the store fails: "Inte sparat", not "Något gick fel"', async () => {
    proxy.outage = 'unavailable';
    const res = await invoke({ action: { type: 'Action.Execute', verb: 'tertial.report.submit', data: { roundId, activityRef, status: 'pagaende', comment: 'x' } } });
    expect(res.status).toBe(200);
    const text = JSON.stringify(await res.json());
    expect(text).toMatch(/Inte sparat/);
    expect(text).not.toMatch(/Något gick fel/);
  });
});
