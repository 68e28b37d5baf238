/**
 * The send loop of one claimed entry: a rate slot, the fence, one Messenger attempt, then mark sent /
 * unreachable / failed, or write 'backoff', wait, write 'sending' and try again, bounded by the retry
 * policy.
 *
 * The fence: right before each request leaves (after its rate slot, inside the messenger), the instance
 * checks by its own clock that its sender lease and the entry's claim both hold at least a
 * margin longer (fenceMarginMs), and refuses to send otherwise. An instance that stalled (a GC pause, a frozen
 * VM) past its lease so never sends what another instance may have taken over meanwhile; the claim it
 * still has is given back with nothing sent.
 */
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Messenger, OutgoingCard, SendResult } from '../ports/messenger';
import type { Metrics } from '../ports/metrics';
import type { OutboxAttempt, VersionedEntry } from '../ports/outbox';
import type { Timer } from '../ports/scheduler';
import type { AppPacer } from './app-pacer';
import type { OutboxClaims } from './outbox-claims';
import { metricWave } from './due-waves';
import { answerReason, gaveUpReason, thrownReason } from './outbox-reasons';
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
  log: Logger;
  /** how much longer the sender lease and the claim must hold when a request leaves (sender-lease.ts, fenceMarginMs) */
  fenceMarginMs: number;
  /** aborted on a graceful stop: a retry wait ends early */
  stopping: AbortSignal;
  metrics: Metrics;
}

export interface SendGate {
  /** renews the sender lease when due; false once it is lost (the entry then waits in 'backoff' for whoever goes on) */
  keepSending(): Promise<boolean>;
  /** true while, by this instance's clock, its sender lease holds at least `marginMs` longer (always without one) */
  holdsFor(marginMs: number): boolean;
}

/** thrown by the fence inside the messenger: the request does not leave */
class FenceRefusal extends Error {}

/** how an entry's sending ended; for 'unreachable' and 'failed', the reason recorded on the entry */
export interface SendOutcome {
  outcome: Outcome;
  reason: string | null;
}

const ended = (outcome: Outcome, reason: string | null = null): SendOutcome => ({ outcome, reason });

export class SendLoop {
  constructor(private readonly deps: SendLoopDeps) {}

  /** `leaving` is called once, when the entry's first request passes the fence (or the loop ends without one) */
  async run(claimed: VersionedEntry, message: OutgoingCard, gate: SendGate, leaving: () => void = () => undefined): Promise<SendOutcome> {
    const { messenger, claims, clock } = this.deps;
    const ownerId = claimed.entry.ownerId;
    let v = claimed;
    try {
      for (;;) {
        let refused: string | null = null;
        const fence = () => {
          if (!gate.holdsFor(this.deps.fenceMarginMs)) refused = 'the sender lease';
          else if (!claims.holdsFor(v.entry, this.deps.fenceMarginMs)) refused = "the entry's claim";
          if (refused) throw new FenceRefusal(`fenced: ${refused} is about to end`);
          leaving();
        };
        // the rate slot is taken right before each request leaves, keyed by its conversation: inside the
        // messenger after its lookups (requests then arrive as evenly as scheduled)
        let result: SendResult;
        try {
          // the owner's, or their substitute's for the round (the outbox entry stays the owner's)
          const to = message.deliverTo ?? ownerId;
          result = await this.deps.pacer.call(messenger, to, (options) => messenger.sendToUser(to, message, options), fence);
        } catch (err) {
          result = { outcome: 'retry', status: null, reason: thrownReason(err), retryAfterMs: null };
        }
        if (refused) {
          // nothing left: give the claim back at once (unless it was taken over meanwhile)
          this.deps.log.warn({ id: v.entry.id, refused }, 'fenced: not sending, since this instance may no longer hold the wave');
          await claims.release(v).catch(() => null);
          return ended('deferred');
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
          { roundId: v.entry.roundId, wave: metricWave(v.entry.wave) },
        );
        switch (result.outcome) {
          case 'sent':
            // whom it went to when not the owner: the living reminder finds the substitute's copy by it
            return (await claims.write(v, { state: 'sent', attempts, sentAt: at, activityId: result.activityId, ...(message.deliverTo ? { deliverTo: message.deliverTo } : {}) }))
              ? ended('sent')
              : ended('deferred');
          case 'unreachable': {
            const reason = answerReason(result.status, result.reason);
            return (await claims.write(v, { state: 'unreachable', attempts, reason })) ? ended('unreachable', reason) : ended('deferred');
          }
          case 'failed': {
            const reason = answerReason(result.status, result.reason);
            return (await claims.write(v, { state: 'failed', attempts, reason })) ? ended('failed', reason) : ended('deferred');
          }
          case 'retry': {
            if (attempts.length >= this.deps.retry.maxAttempts) {
              const reason = gaveUpReason(attempts.length, result.status, result.reason);
              return (await claims.write(v, { state: 'failed', attempts, reason })) ? ended('failed', reason) : ended('deferred');
            }
            const delay = retryDelayMs(this.deps.retry, attempts.length, result.retryAfterMs, this.deps.random);
            const waiting = await claims.backoff(v, attempts, delay);
            if (!waiting) return ended('deferred');
            // stopping, or the sender lease was lost while waiting: the entry stays 'backoff' (nothing in
            // flight), for whoever goes on
            if (!(await this.wait(delay, gate))) return ended('deferred');
            const again = await claims.resume(waiting);
            if (!again) return ended('deferred');
            v = again;
          }
        }
      }
    } finally {
      leaving();
    }
  }

  /** sleeps `ms`, renewing the sender lease as it goes; false when stopped or the lease was lost */
  private async wait(ms: number, gate: SendGate): Promise<boolean> {
    const until = this.deps.clock.now().getTime() + ms;
    const step = Math.max(1, this.deps.claims.leaseMs / 3);
    for (;;) {
      const left = until - this.deps.clock.now().getTime();
      if (left > 0) await this.deps.timer.sleep(Math.min(left, step), this.deps.stopping);
      if (this.deps.stopping.aborted || !(await gate.keepSending())) return false;
      if (left <= step) return true;
    }
  }
}
