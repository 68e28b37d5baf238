/**
 * A local stand-in for the Teams Bot Connector as a channel sees it: new posts, threaded replies
 * (`<channel>;messageid=<root>` or POST …/activities/<replyTo>), and in-place updates (PUT). Records
 * every activity so tests can count posts and updates. Port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorActivity {
  id: string;
  /** the channel's conversation id, without ;messageid=… */
  channel: string;
  /** the thread root, if posted as a reply */
  replyTo: string | null;
  body: Record<string, unknown>;
  updates: number;
}

export interface ChannelConnector {
  serviceUrl: string;
  activities: ConnectorActivity[];
  /** posts (new or threaded) that carry an Adaptive Card */
  cardPosts(): ConnectorActivity[];
  close(): Promise<void>;
}

export async function startChannelConnector(): Promise<ChannelConnector> {
  const activities: ConnectorActivity[] = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (!m) return send(404, { error: { code: 'NotFound', message: req.url } });
      const conversation = decodeURIComponent(m[1]!);
      const [channel, thread] = conversation.split(';messageid=');
      const target = m[2] ? decodeURIComponent(m[2]) : null;
      if (req.method === 'PUT' && target) {
        const a = activities.find((x) => x.id === target);
        if (!a) return send(404, { error: { code: 'ActivityNotFound', message: target } });
        a.body = body;
        a.updates++;
        return send(200, { id: a.id });
      }
      if (req.method === 'POST') {
        const id = `act-${next++}`;
        // a reply: to the thread in the conversation id, or to a known activity named in the path
        const replyTo = thread ?? (target && activities.some((a) => a.id === target) ? target : null);
        activities.push({ id, channel: channel!, replyTo, body, updates: 0 });
        return send(200, { id });
      }
      return send(405, { error: { code: 'MethodNotAllowed' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities,
    cardPosts: () => activities.filter((a) => Array.isArray(a.body.attachments) && (a.body.attachments as { contentType?: string }[]).some((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
