/**
 * A Cosmos DB protocol server (@vercel/cosmosdb-server) in its own process, as Cosmos is a separate
 * service in production, counting the HTTP requests it serves. Prints {"port":N} when listening;
 * answers each "count" line on stdin with {"count":N,"connections":M,"cpuMs":C,"byPath":{…}} (requests served, TLS connections accepted, this process's CPU,
 * requests per kind and container, e.g. "read reports", "query outbox", "query-plan reports", "version-check plans"); exits when stdin closes.
 */
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let count = 0;
let connections = 0;
const byPath: Record<string, number> = {};

/** "<kind> <container>": a point read/write, a query or a query plan, named by what the SDK sends */
function kindOf(req: IncomingMessage): string {
  const parts = (req.url ?? '').split('?')[0]!.split('/').filter(Boolean);
  const container = parts[2] === 'colls' ? decodeURIComponent(parts[3] ?? '') : parts[0] === 'dbs' ? 'database' : 'account';
  const h = req.headers;
  if (h['x-ms-cosmos-is-query-plan-request']) return `query-plan ${container}`;
  if (h['x-ms-documentdb-isquery'] || h['x-ms-documentdb-query']) return `query ${container}`;
  const onItem = parts[4] === 'docs' && parts.length > 5;
  // the plan's and the owner list's versions, which an instance checks at most every few seconds
  const item = onItem ? decodeURIComponent(parts[5]!) : null;
  if (req.method === 'GET' && ((container === 'plans' && item === 'meta') || (container === 'owners' && item === '~owners-changed'))) return `version-check ${container}`;
  const verb = req.method === 'GET' ? (onItem ? 'read' : 'read-feed') : req.method === 'PUT' ? 'replace' : req.method === 'DELETE' ? 'delete' : req.method === 'PATCH' ? 'patch' : 'create/upsert';
  return `${verb} ${parts.length > 4 ? container : parts.slice(0, 4).join('/') || 'account'}`;
}
// keep-alive as the Cosmos DB gateway does (the package's default answers every request with
// "connection: close", which made each Cosmos request a new TLS handshake in the bot)
const server = createHttpsServer({ keepAlive: true });
server.on('request', (req: IncomingMessage) => {
  count++;
  const kind = kindOf(req);
  byPath[kind] = (byPath[kind] ?? 0) + 1;
});
server.on('secureConnection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'count') process.stdout.write(`${JSON.stringify({ count, connections, cpuMs: cpuMs(), byPath })}\n`);
});
lines.on('close', () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
