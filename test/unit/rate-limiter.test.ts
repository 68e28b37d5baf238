import { DEFAULT_MARGIN_MS, DEFAULT_PACE_MS, RateLimiter, TEAMS_CONVERSATION_LIMITS } from '../../services/dispatch/rate-limiter';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../services/dispatch/retry-policy';
import { maxInWindow } from '../support/sliding-window';

/** drives the limiter as the dispatcher does: go when allowed, else wait the told delay */
function drive(limiter: RateLimiter, keys: string[], start = 0): number[] {
  let now = start;
  const times: number[] = [];
  for (const key of keys) {
    for (;;) {
      const wait = limiter.tryAcquire(key, now);
      if (wait === 0) break;
      expect(wait).toBeGreaterThan(0);
      now += wait;
    }
    times.push(now);
  }
  return times;
}


describe('rate limiter', () => {
  it('keeps every 1 s window at the global budget and uses it fully', () => {
    const limiter = new RateLimiter([{ limit: 50, windowMs: 1000 }]);
    const times = drive(limiter, Array.from({ length: 500 }, (_, i) => `c${i}`));
    expect(maxInWindow(times, 1000)).toBe(50);
    expect(times[499]! - times[0]!).toBeLessThan(10_000); // 500 requests in 9 windows
    expect(times[499]! - times[0]!).toBeGreaterThanOrEqual(9000);
  });

  it('defaults to 49.2/s: 50 in any 1 s plus a 15 ms margin, paced evenly (no burst at a window edge)', () => {
    expect(DEFAULT_MARGIN_MS).toBe(15);
    const times = drive(new RateLimiter(), Array.from({ length: 300 }, (_, i) => `c${i}`));
    expect(maxInWindow(times, 1000 + DEFAULT_MARGIN_MS)).toBe(50);
    expect(maxInWindow(times, 100)).toBeLessThanOrEqual(5);
    expect(times[294]! - times[0]!).toBeLessThanOrEqual(294 * DEFAULT_PACE_MS + 1);
    expect(times[294]! - times[0]!).toBeGreaterThanOrEqual(294 * 20.3 - 1);
  });

  it('keeps the pace when timers wake late, without bursting after a stall', () => {
    const limiter = new RateLimiter();
    let now = 0;
    const times: number[] = [];
    for (let i = 0; i < 600; i++) {
      for (;;) {
        const wait = limiter.tryAcquire(`c${i}`, now);
        if (wait === 0) break;
        now += wait + 3; // every timer fires 3 ms late
      }
      times.push(now);
      if (i === 300) now += 500; // a long stall
    }
    expect(maxInWindow(times, 1000 + DEFAULT_MARGIN_MS)).toBeLessThanOrEqual(50); // never over Teams' limit, margin included
    expect(maxInWindow(times, 40)).toBeLessThanOrEqual(3);
    expect(times[599]! - times[0]!).toBeLessThan(600 * DEFAULT_PACE_MS + 500 + 25); // 49.2/s despite late timers (the stall excepted)
  });

  it('never lets 51 departures into any 1 s + margin window, however irregularly the caller wakes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const marginMs of [0, 10, 25]) {
      const limiter = new RateLimiter(undefined, undefined, { marginMs });
      let now = 0;
      const times: number[] = [];
      for (let i = 0; i < 3000; i++) {
        for (;;) {
          const wait = limiter.tryAcquire(`c${i % 400}`, now); // retries: conversations with several requests each
          if (wait === 0) break;
          // jitter: timers a few ms late, often up to 60 ms late, now and then a stall of up to 400 ms, sometimes early callers
          const r = random();
          now += r < 0.03 ? Math.floor(random() * 400) : r < 0.1 ? 0 : r < 0.3 ? wait + Math.floor(random() * 60) : wait + Math.floor(random() * 4);
        }
        times.push(now);
        if (random() < 0.02) now += Math.floor(random() * 300);
      }
      expect(maxInWindow(times, 1000 + marginMs)).toBeLessThanOrEqual(50);
      expect(maxInWindow(times, 1000 + marginMs + 1)).toBeGreaterThanOrEqual(40); // and the budget is still mostly used
    }
  });

  it('paces to the margin it is given: 0 ms is 50 in any 1 s', () => {
    const times = drive(new RateLimiter(undefined, undefined, { marginMs: 0 }), Array.from({ length: 300 }, (_, i) => `c${i}`));
    expect(maxInWindow(times, 1000)).toBe(50);
    expect(maxInWindow(times, 1001)).toBeLessThanOrEqual(51);
  });

  it('keeps one conversation within 7/1 s, 8/2 s, 60/30 s and 1800/3600 s', () => {
    const limiter = new RateLimiter([{ limit: 1000, windowMs: 1000 }], TEAMS_CONVERSATION_LIMITS);
    const times = drive(limiter, Array.from({ length: 2000 }, () => 'one'));
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2000)).toBe(8);
    expect(maxInWindow(times, 30_000)).toBe(60);
    expect(maxInWindow(times, 3_600_000)).toBe(1800);
    // the 1801st waits for the first to leave the hour
    expect(times[1800]! - times[0]!).toBeGreaterThanOrEqual(3_600_000);
  });

  it('does not let one conversation hold up the others', () => {
    const limiter = new RateLimiter([{ limit: 50, windowMs: 1000 }]);
    const times = drive(limiter, ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'b']);
    expect(times[7]).toBe(0);
    expect(limiter.tryAcquire('a', 0)).toBeGreaterThan(0);
    expect(limiter.tryAcquire('c', 0)).toBe(0);
  });

  it('holds a granted request that has not left yet (a new connection) and counts it when it does leave', () => {
    const limiter = new RateLimiter();
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let now = 0;
    const departures: number[] = [];
    let held = 0;
    for (let i = 0; i < 400; i++) {
      for (;;) {
        expect(limiter.whenReleased()).toBeNull();
        const wait = limiter.tryAcquire(`c${i}`, now);
        if (wait === 0) break;
        now += wait;
      }
      if (i % 37 === 5) {
        // this one waits 5-95 ms for its connection: nothing else is granted meanwhile
        held++;
        const grantedAt = now;
        const release = limiter.hold(`c${i}`, grantedAt);
        const released = limiter.whenReleased();
        expect(released).not.toBeNull();
        expect(limiter.tryAcquire(`other${i}`, now + 1)).toBeGreaterThan(0);
        now += 5 + Math.floor(random() * 90);
        expect(limiter.tryAcquire(`other${i}`, now)).toBeGreaterThan(0);
        release(now);
        release(now + 500); // a second call changes nothing
        expect(limiter.whenReleased()).toBeNull();
        expect(limiter.delay(`next${i}`, now)).toBeGreaterThan(0); // paced from the real departure
      }
      departures.push(now);
    }
    expect(held).toBe(11);
    // the windows hold over the REAL departures, held ones included
    expect(maxInWindow(departures, 1000 + DEFAULT_MARGIN_MS)).toBeLessThanOrEqual(50);
    expect(maxInWindow(departures, 1000 + DEFAULT_MARGIN_MS)).toBe(50);
  });

  it('a held request released before its grant time counts at its grant time; the whenReleased promise settles', async () => {
    const limiter = new RateLimiter([{ limit: 2, windowMs: 1000 }], []);
    expect(limiter.tryAcquire('a', 100)).toBe(0);
    const release = limiter.hold('a', 100);
    const settled = limiter.whenReleased()!.then(() => 'settled');
    release(50);
    await expect(settled).resolves.toBe('settled');
    expect(limiter.tryAcquire('b', 100)).toBe(0);
    expect(limiter.tryAcquire('c', 1099)).toBe(1); // 'a' counts at 100: the window (99, 1099] is full until 1100
  });

  it('counts a request that left later than granted from when it left (restamp), once, also when it is then held', () => {
    const limiter = new RateLimiter([{ limit: 3, windowMs: 1000 }], []);
    expect(limiter.tryAcquire('a', 0)).toBe(0);
    limiter.restamp('a', 0, 40); // a GC pause between the grant and the hand-over
    expect(limiter.tryAcquire('b', 100)).toBe(0);
    expect(limiter.tryAcquire('c', 200)).toBe(0);
    expect(limiter.tryAcquire('d', 1000)).toBe(40); // 'a' counts at 40, not at 0
    expect(limiter.tryAcquire('d', 1040)).toBe(0);
    // restamped, then held for a connect: counted once, at the real departure
    const l2 = new RateLimiter([{ limit: 3, windowMs: 1000 }], []);
    expect(l2.tryAcquire('x', 0)).toBe(0);
    l2.restamp('x', 0, 5);
    const release = l2.hold('x', 5);
    release(60);
    expect(l2.tryAcquire('y', 61)).toBe(0);
    expect(l2.tryAcquire('z', 62)).toBe(0); // 'x' counted once (at 60): a third still fits
    expect(l2.tryAcquire('w', 63)).toBe(997); // now full until 'x' leaves the window at 1060
  });

  it('forgets conversations no window can see any more', () => {
    const limiter = new RateLimiter();
    drive(limiter, Array.from({ length: 1000 }, (_, i) => `c${i}`));
    drive(limiter, Array.from({ length: 300 }, (_, i) => `d${i}`), 10_000_000);
    expect(limiter.trackedKeys).toBeLessThanOrEqual(300);
  });
});

describe('retry delays', () => {
  it('obeys Retry-After, else backs off exponentially with jitter, bounded', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, 3000)).toBe(3000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, 10_000_000)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, null, () => 0)).toBe(250);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, null, () => 1)).toBe(500);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 3, null, () => 0.5)).toBe(1500);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 20, null, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});
