/**
 * TeamsMessenger against a local fake Bot Connector: one HTTP attempt per call (the connector
 * client's own retries are removed), outcomes classified for the dispatcher.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBotAdapter } from '../../bot/bot-adapter';
import { TeamsMessenger } from '../../bot/teams-messenger';
import { loadConfig } from '../../services/config/config';
import { ConversationService } from '../../services/conversations/conversation-service';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

async function fakeConnector(answer: (req: { method: string; url: string; body: Record<string, unknown> }) => Answer) {
  const seen: { method: string; url: string; body: Record<string, unknown>; clientPort?: number }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const call = { method: req.method ?? '', url: req.url ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      seen.push({ ...call, clientPort: req.socket.remotePort });
      const a = answer(call);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(JSON.stringify(a.body ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const card = { summary: 's', card: { type: 'AdaptiveCard', version: '1.5', body: [] } };

describe('TeamsMessenger', () => {
  let t: TestStore;
  let conversations: ConversationService;
  beforeAll(async () => {
    t = await startTestStore();
    conversations = new ConversationService(t.store.conversations, new FakeClock('2026-11-23T09:00:00Z'));
  });
  afterAll(async () => t.close());

  const adapter = () => createBotAdapter(loadConfig({ PORT: '0' }));

  async function withUser(aadObjectId: string, serviceUrl: string) {
    await conversations.recordUser({
      aadObjectId,
      name: 'Test',
      tenantId: 'tenant-1',
      conversationId: `a:conv-${aadObjectId}`,
      serviceUrl,
      reference: { channelId: 'msteams', serviceUrl, conversation: { id: `a:conv-${aadObjectId}`, conversationType: 'personal' }, bot: { id: 'bot', name: 'Tertial' }, user: { id: `29:${aadObjectId}`, aadObjectId } },
    });
  }

  it('sends through the stored reference (its serviceUrl) and reports the ids', async () => {
    const c = await fakeConnector(() => ({ status: 201, body: { id: 'act-1' } }));
    try {
      await withUser('u-ok', c.url);
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1' });
      expect(await m.sendToUser('u-ok', card)).toEqual({ outcome: 'sent', activityId: 'act-1', conversationId: 'a:conv-u-ok' });
      expect(c.seen).toHaveLength(1);
      // botbuilder's proactive turn posts as a reply to the continuation activity; the conversation is the stored one
      expect(c.seen[0]!.url.startsWith(`/v3/conversations/${encodeURIComponent('a:conv-u-ok')}/activities`)).toBe(true);
      expect((c.seen[0]!.body.attachments as { contentType: string }[])[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    } finally {
      await c.close();
    }
  });

  it.each([
    [403, { error: { code: 'MessageWritesBlocked', message: 'blocked' } }, {}, 'unreachable', /MessageWritesBlocked/],
    [404, { error: { code: 'ConversationNotFound' } }, {}, 'unreachable', /ConversationNotFound/],
    [429, {}, { 'retry-after': '3' }, 'retry', /HTTP 429/],
    [503, {}, {}, 'retry', /HTTP 503/],
    [502, {}, {}, 'retry', /HTTP 502/],
    [412, {}, {}, 'retry', /HTTP 412/],
    [400, { error: { code: 'BadArgument', message: 'card too large' } }, {}, 'failed', /BadArgument/],
  ])('HTTP %s → %s after exactly ONE attempt', async (status, body, headers, outcome, reason) => {
    const c = await fakeConnector(() => ({ status, body, headers }));
    try {
      const id = `u-${status}`;
      await withUser(id, c.url);
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1' });
      const result = await m.sendToUser(id, card);
      expect(result.outcome).toBe(outcome);
      expect(result).toMatchObject({ status, reason: expect.stringMatching(reason) });
      if (status === 429) expect(result).toMatchObject({ retryAfterMs: 3000 });
      expect(c.seen).toHaveLength(1);
    } finally {
      await c.close();
    }
  });

  it('a network error is "retry" (one attempt)', async () => {
    const c = await fakeConnector(() => ({ status: 200 }));
    await c.close();
    await withUser('u-down', c.url);
    const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1' });
    const result = await m.sendToUser('u-down', card);
    expect(result).toMatchObject({ outcome: 'retry', status: null, retryAfterMs: null, reason: expect.stringMatching(/^nätverksfel: /) });
  });

  it('without a stored reference creates the 1:1 conversation with tenantId + aadObjectId, then stores it', async () => {
    const c = await fakeConnector((req) => (req.url === '/v3/conversations' ? { status: 200, body: { id: 'a:new-conv' } } : { status: 201, body: { id: 'act-9' } }));
    try {
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1', serviceUrl: c.url });
      expect(await m.sendToUser('u-new', card)).toEqual({ outcome: 'sent', activityId: 'act-9', conversationId: 'a:new-conv' });
      expect(c.seen[0]!.body).toMatchObject({ isGroup: false, tenantId: 'tenant-1', members: [{ id: 'u-new' }], channelData: { tenant: { id: 'tenant-1' } } });
      expect((await conversations.getUser('u-new'))?.conversationId).toBe('a:new-conv');
    } finally {
      await c.close();
    }
  });

  it('runs beforeRequest once per connector request, inside the HTTP pipeline right before the request leaves', async () => {
    const c = await fakeConnector((req) => (req.url === '/v3/conversations' ? { status: 200, body: { id: 'a:hooked' } } : { status: 201, body: { id: 'act-h' } }));
    try {
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1', serviceUrl: c.url });
      // requests the connector had seen whenever the hook ran: create (0 before it), then the message (1 before it)
      const atHook: number[] = [];
      const keys: string[] = [];
      const hook = async (conversationKey: string) => {
        keys.push(conversationKey);
        atHook.push(c.seen.length);
        await new Promise((r) => setTimeout(r, 20)); // a slow rate slot holds the request back
        atHook.push(c.seen.length);
      };
      expect(await m.sendToUser('u-hooked', card, { beforeRequest: hook })).toMatchObject({ outcome: 'sent', conversationId: 'a:hooked' });
      expect(atHook).toEqual([0, 0, 1, 1]);
      // keyed by conversation: the create counts only toward the app's total, the message toward its chat
      expect(keys).toEqual([expect.stringMatching(/^no-conversation-/), 'a:hooked']);
      // with the reference now stored: one request, one hook
      atHook.length = 0;
      expect(await m.sendToUser('u-hooked', card, { beforeRequest: hook })).toMatchObject({ outcome: 'sent' });
      expect(atHook).toEqual([2, 2]);
      expect(c.seen).toHaveLength(3);
      // a send without a hook, and a channel post, run none
      atHook.length = 0;
      await m.sendToUser('u-hooked', card);
      expect(atHook).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('holds the rate slot of a request on a new connection until it is connected; reused connections go at once, first-in first-out', async () => {
    const c = await fakeConnector(() => ({ status: 201, body: { id: 'act-c' } }));
    try {
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1', serviceUrl: c.url });
      await withUser('u-conn-1', c.url);
      await withUser('u-conn-2', c.url);
      const events: string[] = [];
      let n = 0;
      let bothWaiting = () => {};
      const barrier = new Promise<void>((r) => (bothWaiting = r));
      const hook = async () => {
        const i = ++n;
        // the first two requests leave together (neither finds an idle connection)
        if (i === 2) bothWaiting();
        if (i <= 2) await barrier;
        return {
          leaving: () => events.push(`leaving ${i} (connector had ${c.seen.length})`),
          holdUntilDeparture: () => {
            events.push(`hold ${i} (connector had ${c.seen.length})`);
            return () => events.push(`release ${i} (connector had ${c.seen.length})`);
          },
        };
      };
      // two at once: each opens a connection, its slot held until connected (before the connector sees it)
      await Promise.all([m.sendToUser('u-conn-1', card, { beforeRequest: hook }), m.sendToUser('u-conn-2', card, { beforeRequest: hook })]);
      expect(events.filter((e) => e.endsWith(' 1 (connector had 0)'))).toEqual(['leaving 1 (connector had 0)', 'hold 1 (connector had 0)', 'release 1 (connector had 0)']);
      expect(events.filter((e) => e.endsWith(' 2 (connector had 0)'))).toEqual(['leaving 2 (connector had 0)', 'hold 2 (connector had 0)', 'release 2 (connector had 0)']);
      expect(events).toHaveLength(6);
      const ports = new Set(c.seen.map((s) => s.clientPort));
      expect(ports.size).toBe(2);
      // then one at a time: the two kept-alive connections are reused, alternately (FIFO keeps both warm), no slot held
      events.length = 0;
      for (let i = 0; i < 4; i++) expect(await m.sendToUser(i % 2 ? 'u-conn-1' : 'u-conn-2', card, { beforeRequest: hook })).toMatchObject({ outcome: 'sent' });
      expect(events).toEqual([3, 4, 5, 6].map((i) => `leaving ${i} (connector had ${i - 1})`));
      const later = c.seen.slice(2).map((s) => s.clientPort);
      expect(new Set(later)).toEqual(ports);
      expect(later[0]).not.toBe(later[1]);
      expect(later[2]).toBe(later[0]);
      expect(later[3]).toBe(later[1]);
    } finally {
      await c.close();
    }
  });

  it('creating a conversation for a user without the app is unreachable (403), one attempt', async () => {
    const c = await fakeConnector(() => ({ status: 403, body: { error: { code: 'Forbidden', message: 'app not installed' } } }));
    try {
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1', serviceUrl: c.url });
      expect(await m.sendToUser('u-not-installed', card)).toMatchObject({ outcome: 'unreachable', status: 403, notInstalled: true, reason: expect.stringMatching(/^appen är inte installerad: HTTP 403/) });
      expect(c.seen).toHaveLength(1);
    } finally {
      await c.close();
    }
  });

  it('without a stored reference and without a tenant: not installed (unreachable), not failed', async () => {
    const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: undefined });
    expect(await m.sendToUser('u-no-tenant', card)).toMatchObject({ outcome: 'unreachable', notInstalled: true, reason: expect.stringContaining('TEAMS_TENANT_ID') });
  });

  it('posts to a stored channel, replies in a thread and updates in place', async () => {
    const c = await fakeConnector((req) => ({ status: req.method === 'PUT' ? 200 : 201, body: { id: 'post-1' } }));
    try {
      await conversations.recordChannel({
        key: '19:chan@thread.tacv2',
        teamId: 'team-1',
        teamName: 'Ledningsgrupp',
        channelName: 'Allmänt',
        tenantId: 'tenant-1',
        serviceUrl: c.url,
        reference: { channelId: 'msteams', serviceUrl: c.url, conversation: { id: '19:chan@thread.tacv2', conversationType: 'channel' }, bot: { id: 'bot' } },
      });
      const m = new TeamsMessenger({ adapter: adapter(), conversations, appId: '', tenantId: 'tenant-1' });
      expect(await m.postToChannel('19:chan@thread.tacv2', card)).toMatchObject({ outcome: 'sent', activityId: 'post-1' });
      await m.postToChannel('19:chan@thread.tacv2', card, 'post-1');
      expect(await m.updateInChannel('19:chan@thread.tacv2', 'post-1', card)).toMatchObject({ outcome: 'sent' });
      const calls = c.seen.map((s) => `${s.method} ${decodeURIComponent(s.url)}`.replace(/\/activities\/[0-9a-f-]{36}$/, '/activities'));
      expect(calls).toEqual([
        'POST /v3/conversations/19:chan@thread.tacv2/activities',
        'POST /v3/conversations/19:chan@thread.tacv2;messageid=post-1/activities',
        'PUT /v3/conversations/19:chan@thread.tacv2/activities/post-1',
      ]);
      expect(await m.postToChannel('19:unknown', card)).toMatchObject({ outcome: 'unreachable' });
    } finally {
      await c.close();
    }
  });

  it("with the app's pacer, every connector request takes a slot: channel posts and replies in a turn by their conversation, sends by their own hook", async () => {
    const c = await fakeConnector(() => ({ status: 201, body: { id: 'x-1' } }));
    try {
      const keys: string[] = [];
      const pacer = {
        slot: async (key: string) => {
          keys.push(`${key} (connector had ${c.seen.length})`);
          return { holdUntilDeparture: () => () => undefined };
        },
      };
      const paced = createBotAdapter(loadConfig({ PORT: '0' }), {}, pacer);
      await conversations.recordChannel({
        key: '19:paced@thread.tacv2',
        teamId: 'team-1',
        teamName: 'Ledningsgrupp',
        channelName: 'Allmänt',
        tenantId: 'tenant-1',
        serviceUrl: c.url,
        reference: { channelId: 'msteams', serviceUrl: c.url, conversation: { id: '19:paced@thread.tacv2', conversationType: 'channel' }, bot: { id: 'bot' } },
      });
      await withUser('u-paced', c.url);
      const m = new TeamsMessenger({ adapter: paced, conversations, appId: '', tenantId: 'tenant-1' });

      expect(await m.postToChannel('19:paced@thread.tacv2', card)).toMatchObject({ outcome: 'sent' });
      expect(keys).toEqual(['19:paced@thread.tacv2 (connector had 0)']);

      // a reminder send paces through its own hook, not the default
      let hooked = 0;
      await m.sendToUser('u-paced', card, { beforeRequest: async () => void hooked++ });
      expect(hooked).toBe(1);
      expect(keys).toHaveLength(1);

      // a reply in a chat turn (a command answered) takes a slot too
      await paced.handle(
        '',
        {
          type: 'message',
          id: 'in-1',
          text: 'status',
          channelId: 'msteams',
          serviceUrl: c.url,
          from: { id: '29:u-paced', aadObjectId: 'u-paced' },
          recipient: { id: 'bot' },
          conversation: { id: 'a:conv-u-paced', conversationType: 'personal' },
        } as never,
        async (context) => {
          await context.sendActivity('hej');
        },
      );
      expect(keys).toEqual(['19:paced@thread.tacv2 (connector had 0)', 'a:conv-u-paced (connector had 2)']);
      expect(c.seen).toHaveLength(3);
    } finally {
      await c.close();
    }
  });
});
