/**
 * The send loop of one claimed entry: a rate slot, one Messenger attempt, then mark sent / unreachable /
 * failed, or write 'backoff', wait, write 'sending' and try again, bounded by the retry policy.
 */
import type { Clock } from '../ports/clock';
import type { Messenger, OutgoingCard, SendResult } from '../ports/messenger';
import type { Metrics } from '../ports/metrics';
import type { OutboxAttempt, VersionedEntry } from '../ports/outbox';
import type { Timer } from '../ports/scheduler';
import type { AppPacer } from './app-pacer';
import type { OutboxClaims } from './outbox-claims';
import { retryDelayMs, type RetryPolicy } from './retry-policy';
import type { Outcome } from './wave-result';

export interface SendLoopDeps {
  messenger: Messenger;
  pacer: AppPacer;
  claims: OutboxClaims;
  clock: Clock;
  timer: Timer;
  retry: RetryPolicy;
  random: () => number;
  /** aborted on a graceful stop: a retry wait ends early */
  stopping: AbortSignal;
  metrics: Metrics;
}

export interface SendGate {
  /** renews the sender lease when due; false once it is lost (the entry then waits in 'backoff' for whoever goes on) */
  keepSending(): Promise<boolean>;
}

export class SendLoop {
  constructor(private readonly deps: SendLoopDeps) {}

  async run(claimed: VersionedEntry, message: OutgoingCard, gate: SendGate): Promise<Outcome> {
    const { messenger, claims, clock } = this.deps;
    const ownerId = claimed.entry.ownerId;
    let v = claimed;
    for (;;) {
      // the rate slot is taken right before each request leaves, keyed by its conversation: inside the
      // messenger after its lookups (requests then arrive as evenly as scheduled)
      let result: SendResult;
      try {
        // the owner's, or their substitute's for the round (the outbox entry stays the owner's)
        const to = message.deliverTo ?? ownerId;
        result = await this.deps.pacer.call(messenger, to, (options) => messenger.sendToUser(to, message, options));
      } catch (err) {
        result = { outcome: 'retry', status: null, reason: err instanceof Error ? err.message : String(err), retryAfterMs: null };
      }
      const at = clock.now().toISOString();
      const attempt: OutboxAttempt = {
        at,
        outcome: result.outcome,
        status: result.outcome === 'sent' ? 200 : result.status,
        reason: result.outcome === 'sent' ? null : result.reason,
      };
      const attempts = [...v.entry.attempts, attempt];
      this.deps.metrics.reminder(
        result.outcome === 'retry' ? (result.status === 429 ? 'throttled' : 'failed') : result.outcome,
        { roundId: v.entry.roundId, wave: v.entry.wave },
      );
      switch (result.outcome) {
        case 'sent':
          return (await claims.write(v, { state: 'sent', attempts, sentAt: at, activityId: result.activityId })) ? 'sent' : 'deferred';
        case 'unreachable':
          return (await claims.write(v, { state: 'unreachable', attempts, reason: `${result.status}: ${result.reason}` })) ? 'unreachable' : 'deferred';
        case 'failed':
          return (await claims.write(v, { state: 'failed', attempts, reason: `${result.status ?? 'error'}: ${result.reason}` })) ? 'failed' : 'deferred';
        case 'retry': {
          if (attempts.length >= this.deps.retry.maxAttempts) {
            const reason = `gave up after ${attempts.length} attempts; last: ${result.status ?? 'network'} ${result.reason}`;
            return (await claims.write(v, { state: 'failed', attempts, reason })) ? 'failed' : 'deferred';
          }
          const delay = retryDelayMs(this.deps.retry, attempts.length, result.retryAfterMs, this.deps.random);
          const waiting = await claims.backoff(v, attempts, delay);
          if (!waiting) return 'deferred';
          await this.deps.timer.sleep(delay, this.deps.stopping);
          // stopping, or the wait outlasted the sender lease and another instance sends now: the entry
          // stays 'backoff' (nothing in flight), for whoever goes on
          if (this.deps.stopping.aborted || !(await gate.keepSending())) return 'deferred';
          const again = await claims.resume(waiting);
          if (!again) return 'deferred';
          v = again;
        }
      }
    }
  }
}
