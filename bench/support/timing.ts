/**
 * How long a piece of work takes: `runs` timed runs after `warmups` untimed ones (the JIT settles). The
 * machine is shared, so a bench prints the median and the best run.
 */
import { performance } from 'node:perf_hooks';

export async function timeRuns(runs: number, fn: () => unknown, warmups = 0): Promise<{ median: number; best: number }> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, best: times[0]! };
}
