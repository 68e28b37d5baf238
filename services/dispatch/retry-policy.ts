/**
 * When to try a send again. 412/429/502/503/504 and network errors are retried (the Messenger says
 * 'retry'); a Retry-After is obeyed; otherwise exponential backoff with full jitter, bounded by
 * maxAttempts. After the last attempt the entry is a permanent failure with the reason.
 */
import type { SendResult } from '../ports/messenger';
import type { Timer } from '../ports/scheduler';

export interface RetryPolicy {
  /** attempts in all, the first included */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** a Retry-After longer than this is capped (the entry's lease is extended to cover the wait) */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * The wait before attempt `attempt + 1`, `attempt` counting from 1. With a Retry-After: exactly that
 * (capped). Without: half the exponential step plus a random half (jitter), capped.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null && retryAfterMs >= 0) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * A connector call with no outbox behind it (a channel post): tried again after a 'retry' answer with
 * the policy's waits, at most maxAttempts in all; the last answer is returned.
 */
export async function withRetries(
  policy: RetryPolicy,
  timer: Timer,
  attempt: () => Promise<SendResult>,
  random: () => number = Math.random,
): Promise<SendResult> {
  for (let n = 1; ; n++) {
    const res = await attempt();
    if (res.outcome !== 'retry' || n >= policy.maxAttempts) return res;
    await timer.sleep(retryDelayMs(policy, n, res.retryAfterMs, random));
  }
}
