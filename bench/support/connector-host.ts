/**
 * The fan-out benchmark's mock Teams connector in its own process (Teams is remote in production):
 * arrivals are timed on an event loop of their own, and the benchmark's RSS stays the dispatcher's.
 * argv[2]: JSON { random429, random503, unreachable: string[], seed }. Prints {serviceUrl} when ready;
 * on each stdin line prints its stats, per-conversation delivery counts and every request's arrival [conversation, epoch ms]; exits when stdin closes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startMockConnector } from '../../test/support/mock-connector';

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as { random429?: number; random503?: number; unreachable?: string[]; seed?: number };
  let seed = options.seed ?? 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const connector = await startMockConnector({ random429: options.random429, random503: options.random503, unreachable: options.unreachable, random });
  process.stdout.write(`${JSON.stringify({ serviceUrl: connector.serviceUrl })}\n`);
  let buffered = '';
  process.stdin.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    while (buffered.includes('\n')) {
      buffered = buffered.slice(buffered.indexOf('\n') + 1);
      const counts: Record<string, number> = {};
      for (const d of connector.delivered) counts[d.conversationId] = (counts[d.conversationId] ?? 0) + 1;
      const { overLimitSeconds, ...stats } = connector.stats;
      const arrivals = connector.arrivals.map((a) => [a.conversationId, Math.round(a.at * 100) / 100, a.fresh ? 1 : 0]);
      process.stdout.write(`${JSON.stringify({ stats: { ...stats, overLimitWindows: overLimitSeconds.size }, counts, arrivals, loopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } })}\n`);
    }
  });
  process.stdin.on('end', () => void connector.close().then(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`connector host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
