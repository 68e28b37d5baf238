/**
 * The keep-alive agents hooked connector requests go through (bot/request-hook.ts), over plain HTTP
 * (the Playground, the mock connector) and over TLS (Teams): a request that must open a connection
 * holds its slot until the connection is up (for TLS: the handshake done), and is released before the
 * server sees it; a request on a kept-alive connection holds nothing.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { departureAgents, handOverWithSlot } from '../../bot/request-hook';

const certDir = dirname(require.resolve('@vercel/cosmosdb-server/package.json'));

type Server = http.Server | https.Server;

async function listen(server: Server, seen: string[]): Promise<number> {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push(req.url ?? '');
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

function request(kind: 'http' | 'https', port: number, path: string, events: string[], seen: string[]): Promise<void> {
  const slot = {
    holdUntilDeparture: () => {
      events.push(`hold ${path} (server saw ${seen.length})`);
      return () => events.push(`release ${path} (server saw ${seen.length})`);
    },
  };
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, method: 'POST', agent: departureAgents[kind], rejectUnauthorized: false };
    const req = handOverWithSlot(slot, () => (kind === 'https' ? https.request(options) : http.request(options)));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe.each(['http', 'https'] as const)('departure agent over %s', (kind) => {
  it('holds the slot of a request on a new connection until it is up, and no slot on a kept-alive one', async () => {
    const seen: string[] = [];
    const server = kind === 'https'
      ? https.createServer({ cert: readFileSync(join(certDir, 'cert.pem')), key: readFileSync(join(certDir, 'key.pem')) })
      : http.createServer();
    const port = await listen(server, seen);
    try {
      const events: string[] = [];
      await request(kind, port, '/first', events, seen);
      expect(events).toEqual(['hold /first (server saw 0)', 'release /first (server saw 0)']);
      events.length = 0;
      await request(kind, port, '/second', events, seen);
      expect(events).toEqual([]); // the kept-alive connection: nothing to wait for
      expect(seen).toEqual(['/first', '/second']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('releases the slot when the connection fails', async () => {
    const events: string[] = [];
    const free = http.createServer();
    const port = await listen(free, []);
    await new Promise<void>((r) => free.close(() => r())); // nothing listens there any more
    await expect(request(kind, port, '/refused', events, [])).rejects.toThrow(/ECONNREFUSED/);
    expect(events).toEqual(['hold /refused (server saw 0)', 'release /refused (server saw 0)']);
  });
});
