/**
 * Sliding-window rate limits, pure: the caller passes the time. Teams allows 50 requests/s per app per
 * tenant, and per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in 3600 s. A request may go when
 * every window (global and its conversation's) has room; otherwise `tryAcquire` says how long to wait.
 *
 * The caller takes the slot at the moment the request leaves (the dispatcher does it in the messenger's
 * beforeRequest hook, right before the write), so the recorded stamps ARE the departures, and the hard
 * caps are sliding windows over them: whatever the event loop does (late timers, a stall, a burst of
 * retries), no window of the sender's own departures ever holds more than the limit.
 *
 * What the connector counts is ARRIVALS, and arrival = departure + latency, which varies (loopback,
 * the receiver's event loop, the network in production). So every window is enforced over its length
 * PLUS a safety margin (default 15 ms): at most 50 departures in any 1015 ms means at most 50 arrivals in
 * any 1000 ms as long as the latency varies by less than 15 ms between two requests 50 apart. (10 ms
 * was too little: in the fan-out benchmark a request on a kept-alive connection still arrived up to
 * 11-15 ms late now and then, the receiver's own stalls included.)
 *
 * Within that cap requests are PACED evenly on a fixed schedule (one every (1000 + margin) / 50 ms,
 * 49.2/s), not sent in bursts at each window's edge. The schedule is absolute: a timer that wakes a little late does not
 * push every later request back (that alone cost ~2-5 % of the budget); after a stall at most one
 * request is caught up, and the cap bounds even that.
 *
 * A granted request may still leave late: the first request on a NEW connection waits for the connect
 * (and TLS handshake), which took 7-86 ms in the fan-out benchmark, far beyond the margin. The sender
 * says so (`hold`): the stamp is taken back, nothing else is granted while it is held, and on `release`
 * it is recorded at the real departure. So the windows stay over real departures, at the cost of a
 * pause as long as the connect, once per new connection.
 */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export const TEAMS_APP_LIMIT: WindowLimit = { limit: 50, windowMs: 1000 };
export const DEFAULT_GLOBAL_LIMITS: readonly WindowLimit[] = [TEAMS_APP_LIMIT];
/** added to every window's length by default: covers latency variance between departure and arrival */
export const DEFAULT_MARGIN_MS = 15;
/** what delay() answers while a granted request is held (callers that can should await whenReleased instead) */
export const HELD_RECHECK_MS = 5;
/** an even pace that fits `limit` into `windowMs + marginMs`, rounded up a hair so that float error never fits one more */
export const evenPaceMs = ({ limit, windowMs }: WindowLimit, marginMs: number) => Math.ceil(((windowMs + marginMs) / limit) * 100) / 100 + 0.01;
/** the default pace: (1000 + 15) / 50 ms, 20.31 ms: 49.2 requests/s */
export const DEFAULT_PACE_MS = evenPaceMs(TEAMS_APP_LIMIT, DEFAULT_MARGIN_MS);
export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

/** timestamps ascending; how long until a request at `now` fits every limit (0: now) */
function delayFor(stamps: readonly number[], limits: readonly WindowLimit[], now: number): number {
  let wait = 0;
  for (const { limit, windowMs } of limits) {
    // count stamps inside (now - windowMs, now]
    let lo = 0;
    let hi = stamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (stamps[mid]! > now - windowMs) hi = mid;
      else lo = mid + 1;
    }
    const inWindow = stamps.length - lo;
    if (inWindow >= limit) {
      // the window has room once its (inWindow - limit + 1)-th oldest stamp leaves it
      const leaving = stamps[lo + (inWindow - limit)]!;
      wait = Math.max(wait, leaving + windowMs - now);
    }
  }
  return wait;
}

function prune(stamps: number[], keepMs: number, now: number): void {
  let drop = 0;
  while (drop < stamps.length && stamps[drop]! <= now - keepMs) drop++;
  if (drop > 0) stamps.splice(0, drop);
}

export interface RateLimiterOptions {
  /** ms added to every window's length (safety for latency variance); default DEFAULT_MARGIN_MS with the default limits, else 0 */
  marginMs?: number;
  /** minimum average spacing of all requests; 0: no pacing; default DEFAULT_PACE_MS with the default limits, else 0 */
  paceMs?: number;
}

const widen = (limits: readonly WindowLimit[], marginMs: number) => limits.map((l) => ({ limit: l.limit, windowMs: l.windowMs + marginMs }));

export class RateLimiter {
  private readonly global: number[] = [];
  private readonly perKey = new Map<string, number[]>();
  private readonly globalKeep: number;
  private readonly keyKeep: number;
  private acquired = 0;
  /** granted requests that have not left yet (hold) */
  private holds = 0;
  private heldPromise: Promise<void> | null = null;
  private resolveHeld: () => void = () => {};
  /** the earliest instant the next request may go, by the pace */
  private nextPaced = -Infinity;

  private readonly globalLimits: readonly WindowLimit[];
  private readonly keyLimits: readonly WindowLimit[];
  private readonly paceMs: number;

  constructor(globalLimits: readonly WindowLimit[] = DEFAULT_GLOBAL_LIMITS, keyLimits: readonly WindowLimit[] = TEAMS_CONVERSATION_LIMITS, options: RateLimiterOptions = {}) {
    const teams = globalLimits === DEFAULT_GLOBAL_LIMITS;
    const marginMs = options.marginMs ?? (teams ? DEFAULT_MARGIN_MS : 0);
    this.globalLimits = widen(globalLimits, marginMs);
    this.keyLimits = widen(keyLimits, marginMs);
    this.paceMs = options.paceMs ?? (teams ? evenPaceMs(TEAMS_APP_LIMIT, marginMs) : 0);
    this.globalKeep = Math.max(0, ...this.globalLimits.map((l) => l.windowMs));
    this.keyKeep = Math.max(0, ...this.keyLimits.map((l) => l.windowMs));
  }

  /** ms to wait before a request for `key` may go at `now`; 0 means it may go now */
  delay(key: string, now: number): number {
    if (this.holds > 0) return HELD_RECHECK_MS;
    const paced = Math.max(0, Math.ceil(this.nextPaced - now));
    return Math.max(paced, delayFor(this.global, this.globalLimits, now), delayFor(this.perKey.get(key) ?? [], this.keyLimits, now));
  }

  /** records the request and returns 0 if it may go at `now`; else returns the wait and records nothing */
  tryAcquire(key: string, now: number): number {
    const wait = this.delay(key, now);
    if (wait > 0) return wait;
    this.record(key, now);
    return 0;
  }

  /**
   * The request granted at `grantedAt` for `key` has not left yet (it waits for a new connection):
   * its stamp is taken back and nothing more is granted until the returned `release(departedAt)`
   * records it at its real departure (never earlier than granted). Calling release again does nothing.
   */
  hold(key: string, grantedAt: number): (departedAt: number) => void {
    this.unstamp(key, grantedAt);
    if (this.holds++ === 0) this.heldPromise = new Promise<void>((resolve) => (this.resolveHeld = resolve));
    let released = false;
    return (departedAt: number) => {
      if (released) return;
      released = true;
      const at = Math.max(grantedAt, departedAt);
      this.stamp(key, at);
      if (this.paceMs > 0) this.nextPaced = Math.max(this.nextPaced, at + this.paceMs);
      if (--this.holds === 0) {
        this.heldPromise = null;
        this.resolveHeld();
      }
    };
  }

  /**
   * The request granted at `grantedAt` left at `leftAt`, later: its stamp moves there (the windows only;
   * the pace keeps its schedule). Between a grant and the request leaving the sender grants nothing
   * else (one synchronous hand-over), so a later stamp only makes the next grants stricter.
   */
  restamp(key: string, grantedAt: number, leftAt: number): void {
    // not there: held (its release records it) or already pruned
    if (leftAt > grantedAt && this.unstamp(key, grantedAt)) this.stamp(key, leftAt);
  }

  /** while a granted request is held (see hold): settles when none is any more; null when none is */
  whenReleased(): Promise<void> | null {
    return this.heldPromise;
  }

  private record(key: string, now: number): void {
    if (this.paceMs > 0) {
      // late by at most a step: keep the schedule (the next may follow at once); later (a stall, or idle): restart it
      const late = now - this.nextPaced;
      this.nextPaced = late <= this.paceMs ? this.nextPaced + this.paceMs : now + this.paceMs;
    }
    const stamps = this.stamp(key, now);
    if (++this.acquired % 256 === 0) this.sweep(now);
    else {
      prune(this.global, this.globalKeep, now);
      prune(stamps, this.keyKeep, now);
    }
  }

  /** counts a request for `key` at `at` in the global windows and in its key's; returns the key's stamps */
  private stamp(key: string, at: number): number[] {
    insertSorted(this.global, at);
    let stamps = this.perKey.get(key);
    if (!stamps) this.perKey.set(key, (stamps = []));
    insertSorted(stamps, at);
    return stamps;
  }

  /** takes back the request for `key` counted at `at`; false if it is not counted (any more) */
  private unstamp(key: string, at: number): boolean {
    const i = this.global.lastIndexOf(at);
    if (i < 0) return false;
    this.global.splice(i, 1);
    const stamps = this.perKey.get(key);
    const k = stamps?.lastIndexOf(at) ?? -1;
    if (k >= 0) stamps!.splice(k, 1);
    return true;
  }

  /** drops what no window can see any more (keeps memory flat over a long wave) */
  private sweep(now: number): void {
    prune(this.global, this.globalKeep, now);
    for (const [key, stamps] of this.perKey) {
      prune(stamps, this.keyKeep, now);
      if (stamps.length === 0) this.perKey.delete(key);
    }
  }

  get trackedKeys(): number {
    return this.perKey.size;
  }
}

function insertSorted(stamps: number[], t: number): void {
  let i = stamps.length;
  while (i > 0 && stamps[i - 1]! > t) i--;
  stamps.splice(i, 0, t);
}
