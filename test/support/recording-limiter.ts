/** A RateLimiter that records every grant (the instant and the key), for tests and the fan-out bench. */
import { RateLimiter } from '../../services/dispatch/rate-limiter';

export class RecordingLimiter extends RateLimiter {
  /** the instants it let a request go, in grant order */
  readonly granted: number[] = [];
  /** called at each grant, when set */
  onGrant: ((key: string, now: number) => void) | null = null;

  override tryAcquire(key: string, now: number): number {
    const wait = super.tryAcquire(key, now);
    if (wait === 0) {
      this.granted.push(now);
      this.onGrant?.(key, now);
    }
    return wait;
  }
}
