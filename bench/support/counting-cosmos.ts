/**
 * A Cosmos DB protocol server (@vercel/cosmosdb-server) in its own process, as Cosmos is a separate
 * service in production, counting the HTTP requests it serves. Prints {"port":N} when listening;
 * answers each "count" line on stdin with {"count":N,"connections":M,"cpuMs":C} (requests served, TLS connections accepted, this process's CPU); exits when stdin closes.
 */
import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let count = 0;
let connections = 0;
// keep-alive as the Cosmos DB gateway does (the package's default answers every request with
// "connection: close", which made each Cosmos request a new TLS handshake in the bot)
const server = createHttpsServer({ keepAlive: true });
server.on('request', () => count++);
server.on('secureConnection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'count') process.stdout.write(`${JSON.stringify({ count, connections, cpuMs: cpuMs() })}\n`);
});
lines.on('close', () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
});
