/**
 * The instance's one gate to the Bot Connector. Teams' limits (50 requests/s per app and tenant; per
 * conversation 7/1 s, 8/2 s, 60/30 s) count EVERY request the app makes: reminder sends, but also
 * replies in a chat turn and posts to the ledningsgrupp channel. So all of them take a slot here, from
 * one RateLimiter: a reminder wave at full pace leaves room for a reply by waiting one step, instead
 * of the reply pushing the app over the limit.
 *
 * A slot is taken right before the request leaves (the messenger's beforeRequest, or the connector
 * pipeline's last policy for requests outside a send), and can be held or restamped when the request
 * leaves later than granted (see RateLimiter.hold / restamp).
 */
import type { Clock } from '../ports/clock';
import type { Messenger, RequestSlot, SendOptions, SendResult } from '../ports/messenger';
import type { Timer } from '../ports/scheduler';
import { RateLimiter } from './rate-limiter';

const passes = (check: () => void): boolean => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

export class AppPacer {
  constructor(
    readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly timer: Timer,
  ) {}

  /**
   * A messenger call paced here: each request it makes waits for its slot, keyed by the conversation
   * the messenger names; a messenger that cannot pace its own requests gets one slot before the call,
   * keyed by `fallbackKey`. `beforeEach` runs right before each request leaves, after its slot, and may
   * throw to keep the request from leaving (the dispatcher's fence).
   */
  call(messenger: Messenger, fallbackKey: string, send: (options: SendOptions | undefined) => Promise<SendResult>, beforeEach?: () => void): Promise<SendResult> {
    if (!messenger.pacesRequests) {
      return this.slot(fallbackKey).then(() => {
        beforeEach?.();
        return send(undefined);
      });
    }
    return send({
      beforeRequest: async (conversationKey) => {
        const slot = await this.slot(conversationKey);
        if (!beforeEach) return slot;
        beforeEach();
        // a request held for its connection asks the fence again when it would leave
        return { ...slot, mayLeave: () => passes(beforeEach) };
      },
    });
  }

  /**
   * Waits for a slot for a request to `key` (the conversation it is for). `guard` runs before every
   * try and may throw to give up.
   */
  async slot(key: string, guard?: () => void): Promise<RequestSlot> {
    for (;;) {
      guard?.();
      const held = this.limiter.whenReleased();
      if (held) {
        await held;
        continue;
      }
      const grantedAt = this.clock.now().getTime();
      const wait = this.limiter.tryAcquire(key, grantedAt);
      if (wait === 0) return this.grantedSlot(key, grantedAt);
      await this.timer.sleep(wait);
    }
  }

  private grantedSlot(key: string, grantedAt: number): RequestSlot {
    /** the instant the limiter counts this request at */
    let stamp = grantedAt;
    return {
      leaving: () => {
        const now = this.clock.now().getTime();
        this.limiter.restamp(key, stamp, now);
        stamp = Math.max(stamp, now);
      },
      holdUntilDeparture: () => {
        const release = this.limiter.hold(key, stamp);
        return () => release(this.clock.now().getTime());
      },
    };
  }
}
