/**
 * The scheduler and timers, behind ports (Immich's cron.repository.ts): services register a tick and
 * sleep through `Timer`, so tests drive time with a FakeClock and run weeks of waves in milliseconds.
 */
import type { Clock } from './clock';

export interface ScheduledJob {
  stop(): void;
}

export interface Scheduler {
  /** runs `tick` on the cron expression; a tick still running when the next is due is not started twice */
  schedule(name: string, cron: string, tick: () => Promise<void>): ScheduledJob;
}

export interface Timer {
  /** resolves after `ms`, or at once when `signal` aborts (never rejects) */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemTimer: Timer = {
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timeout);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timeout = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** A timer for tests: sleeping advances the fake clock at once. */
export class FakeTimer implements Timer {
  constructor(private readonly clock: { advance(ms: number): void } & Clock) {}
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms > 0 && !signal?.aborted) this.clock.advance(ms);
    await Promise.resolve();
  }
}

/** A scheduler for tests: ticks run only when `fire` is called. */
export class ManualScheduler implements Scheduler {
  private readonly jobs = new Map<string, () => Promise<void>>();
  schedule(name: string, _cron: string, tick: () => Promise<void>): ScheduledJob {
    this.jobs.set(name, tick);
    return { stop: () => this.jobs.delete(name) };
  }
  async fire(name?: string): Promise<void> {
    for (const [n, tick] of this.jobs) if (!name || n === name) await tick();
  }
  get size(): number {
    return this.jobs.size;
  }
}
