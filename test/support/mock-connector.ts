/**
 * A local mock of the Teams Bot Connector that ENFORCES Teams' rate limits: 50 requests/s per app per
 * tenant, and per conversation 7/1 s, 8/2 s, 60/30 s, 1800/3600 s, as SLIDING windows over the instants
 * requests ARRIVE (stamped with sub-millisecond precision when the request's head is parsed, before its
 * body is read: what Teams' front end would count). A request over a limit gets 429 with Retry-After
 * and is counted (overLimit; the distinct wall-clock seconds with one are overLimitSeconds). It can also inject random 429/503, answer 403 for chosen
 * users (app not installed / MessageWritesBlocked), and hold a request (to kill a sender mid-send).
 *
 * Routes (Bot Framework REST v3 subset):
 *   POST /v3/conversations                         → { id } (403 for unreachable users)
 *   POST /v3/conversations/:id/activities[/:replyToId] → { id }; the message is "delivered" when the 200 is answered
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAMS_APP_LIMIT, TEAMS_CONVERSATION_LIMITS, type WindowLimit } from '../../services/dispatch/rate-limiter';

export interface MockConnectorOptions {
  /** probability per request of an injected 429 (Retry-After 1 s) */
  random429?: number;
  /** probability per request of an injected 503 */
  random503?: number;
  /** users (aadObjectId) answered 403 */
  unreachable?: Iterable<string>;
  /** seeded randomness, for repeatable runs */
  random?: () => number;
  /** Retry-After seconds on a limit 429 */
  retryAfterSeconds?: number;
  /** called when a message request arrives, before it is answered; return 'hold' to never answer it */
  onMessage?: (conversationId: string, count: number) => 'hold' | void;
}

export interface Delivered {
  conversationId: string;
  text: string;
  at: number;
}

class Window {
  private readonly stamps: number[] = [];
  constructor(private readonly limits: readonly WindowLimit[]) {}
  /** true and recorded if the request fits every window */
  admit(now: number): boolean {
    const keep = Math.max(...this.limits.map((l) => l.windowMs));
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop]! <= now - keep) drop++;
    if (drop) this.stamps.splice(0, drop);
    for (const { limit, windowMs } of this.limits) {
      let n = 0;
      for (let i = this.stamps.length - 1; i >= 0 && this.stamps[i]! > now - windowMs; i--) n++;
      if (n >= limit) return false;
    }
    this.stamps.push(now);
    return true;
  }
}

export interface MockConnector {
  serviceUrl: string;
  delivered: Delivered[];
  /** messages answered 200, per conversation */
  deliveredCount(conversationId: string): number;
  stats: { requests: number; overLimit: number; overLimitSeconds: Set<number>; injected429: number; injected503: number; forbidden: number; connections: number };
  /** every request's arrival (epoch ms, fractional), its conversation (null: conversation create), and whether it was its connection's first */
  arrivals: { conversationId: string | null; at: number; fresh: boolean }[];
  /** the conversation id the mock gives a user */
  conversationOf(aadObjectId: string): string;
  close(): Promise<void>;
}

export const mockConversationId = (aadObjectId: string) => `a:conv-${aadObjectId}`;

export async function startMockConnector(options: MockConnectorOptions = {}): Promise<MockConnector> {
  const random = options.random ?? Math.random;
  const unreachable = new Set(options.unreachable ?? []);
  const app = new Window([TEAMS_APP_LIMIT]);
  const conversations = new Map<string, Window>();
  const delivered: Delivered[] = [];
  const counts = new Map<string, number>();
  const stats = { requests: 0, overLimit: 0, overLimitSeconds: new Set<number>(), injected429: 0, injected503: 0, forbidden: 0, connections: 0 };
  let messages = 0;
  const retryAfter = String(options.retryAfterSeconds ?? 1);

  const reply = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const arrivals: { conversationId: string | null; at: number; fresh: boolean }[] = [];
  const usedSockets = new WeakSet<object>();
  const server = http.createServer((req, res) => {
    // arrival: the request's head was just parsed; limits are applied here, in arrival order, as Teams would
    const now = performance.timeOrigin + performance.now();
    stats.requests++;
    const path = (req.url ?? '').split('?')[0]!;
    // sendToConversation, or replyToActivity (botbuilder's continueConversation replies to its event's id)
    const activityMatch = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]*)?$/.exec(path);
    const conversationId = activityMatch ? decodeURIComponent(activityMatch[1]!) : null;
    const fresh = !usedSockets.has(req.socket);
    usedSockets.add(req.socket);
    arrivals.push({ conversationId, at: now, fresh });
    let conv: Window | undefined;
    if (conversationId) {
      conv = conversations.get(conversationId);
      if (!conv) conversations.set(conversationId, (conv = new Window(TEAMS_CONVERSATION_LIMITS)));
    }
    const overLimit = !app.admit(now) || (conv !== undefined && !conv.admit(now));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (overLimit) {
        stats.overLimit++;
        stats.overLimitSeconds.add(Math.floor(now / 1000));
        return reply(res, 429, { error: { code: 'TooManyRequests', message: 'rate limit exceeded' } }, { 'retry-after': retryAfter });
      }
      const r = random();
      if (r < (options.random429 ?? 0)) {
        stats.injected429++;
        return reply(res, 429, { error: { code: 'TooManyRequests', message: 'injected' } }, { 'retry-after': '1' });
      }
      if (r < (options.random429 ?? 0) + (options.random503 ?? 0)) {
        stats.injected503++;
        return reply(res, 503, { error: { code: 'ServiceUnavailable', message: 'injected' } });
      }
      let body: { members?: { id?: string; aadObjectId?: string }[]; text?: string; summary?: string } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return reply(res, 400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      if (req.method === 'POST' && path.replace(/\/$/, '') === '/v3/conversations') {
        const member = body.members?.[0];
        const user = member?.aadObjectId ?? member?.id ?? '';
        if (unreachable.has(user)) {
          stats.forbidden++;
          return reply(res, 403, { error: { code: 'Forbidden', message: 'the bot is not installed for this user' } });
        }
        return reply(res, 201, { id: mockConversationId(user) });
      }
      if (req.method === 'POST' && conversationId) {
        const user = conversationId.startsWith('a:conv-') ? conversationId.slice('a:conv-'.length) : '';
        if (unreachable.has(user)) {
          stats.forbidden++;
          return reply(res, 403, { error: { code: 'MessageWritesBlocked', message: 'the user blocked the bot' } });
        }
        if (options.onMessage?.(conversationId, ++messages) === 'hold') return; // never answered: the sender dies waiting
        delivered.push({ conversationId, text: body.summary ?? body.text ?? '', at: now });
        counts.set(conversationId, (counts.get(conversationId) ?? 0) + 1);
        return reply(res, 200, { id: `act-${messages}` });
      }
      return reply(res, 404, { error: { code: 'NotFound', message: path } });
    });
  });
  server.on('connection', () => stats.connections++);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    delivered,
    deliveredCount: (id) => counts.get(id) ?? 0,
    stats,
    arrivals,
    conversationOf: mockConversationId,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
