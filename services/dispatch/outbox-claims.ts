/**
 * Claims and leases in the outbox. An entry per (round, wave, owner) is CLAIMED before anything is sent:
 * created in state 'sending', or an expired one (its instance died) taken over under its ETag. Every
 * later change is written under the version read, so an instance that lost an entry learns it at its
 * next write (null) and leaves the entry alone.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import { outboxEntryId, TERMINAL_OUTBOX_STATES, type OutboxEntry, type OutboxRepository, type VersionedEntry } from '../ports/outbox';
import type { Timer } from '../ports/scheduler';
import { NOTHING_LEFT_REASON } from './outbox-reasons';
import { retryDelayMs, type RetryPolicy } from './retry-policy';

export { NOTHING_LEFT_REASON, REMINDED_TODAY_REASON } from './outbox-reasons';

export interface ClaimSettings {
  instanceId: string;
  /** how long a claim holds without progress before another instance may take it over */
  leaseMs: number;
  retry: RetryPolicy;
  /** attempts to write an entry's state after store errors (429/503/network) */
  writeAttempts: number;
  random: () => number;
  /** the generation of the sender lease this instance holds now (null: none, or not exclusive) */
  generation: () => number | null;
}

export class OutboxClaims {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly timer: Timer,
    private readonly settings: ClaimSettings,
    private readonly log: Logger,
  ) {}

  get leaseMs(): number {
    return this.settings.leaseMs;
  }

  leaseExpired(entry: OutboxEntry): boolean {
    return !entry.leaseUntil || new Date(entry.leaseUntil).getTime() <= this.clock.now().getTime();
  }

  /**
   * Whether this instance may take the (non-terminal) entry over: its claim expired, or it was made by
   * another instance under an older sender lease, which that instance has lost (it sends only while
   * its lease holds, less a margin: send-loop.ts). A retry waiting in 'backoff' is taken once it is due.
   */
  takeable(entry: OutboxEntry): boolean {
    if (this.leaseExpired(entry)) return true;
    const generation = this.settings.generation();
    if (generation === null || entry.leaseOwner === this.settings.instanceId || (entry.leaseGeneration ?? 0) === generation) return false;
    return entry.state !== 'backoff' || !entry.retryAt || new Date(entry.retryAt).getTime() <= this.clock.now().getTime();
  }

  /** true while, by this instance's clock, the entry's claim holds at least `marginMs` longer */
  holdsFor(entry: OutboxEntry, marginMs: number): boolean {
    return entry.leaseOwner === this.settings.instanceId && !!entry.leaseUntil && new Date(entry.leaseUntil).getTime() - this.clock.now().getTime() > marginMs;
  }

  /** the instant `ms` from now, as stored */
  private until(ms: number): string {
    return new Date(this.clock.now().getTime() + ms).toISOString();
  }

  private fresh(roundId: string, wave: string, ownerId: string, claimId?: string): OutboxEntry {
    const now = this.clock.now().toISOString();
    return {
      ...(claimId ? { claimId } : {}),
      id: outboxEntryId(wave, ownerId),
      roundId,
      wave,
      ownerId,
      state: 'sending',
      leaseOwner: this.settings.instanceId,
      leaseUntil: this.until(this.settings.leaseMs),
      leaseGeneration: this.settings.generation() ?? 0,
      retryAt: null,
      attempts: [],
      takeovers: 0,
      possibleDuplicate: false,
      claimedAt: now,
      updatedAt: now,
      sentAt: null,
      activityId: null,
      reason: null,
    };
  }

  /**
   * creates the entry, or takes over an expired one; 'done' if it is finished, 'deferred' if someone
   * else holds it. A store error is retried (see retrying).
   */
  claim(roundId: string, wave: string, ownerId: string, known: VersionedEntry | undefined): Promise<VersionedEntry | 'done' | 'deferred'> {
    const claimId = randomUUID();
    return this.retrying(roundId, wave, ownerId, known, (current) => this.claimOnce(roundId, wave, ownerId, current, claimId), claimId, (read) => read);
  }

  /**
   * Runs `once` with the entry as last known, and after a store error (a dropped connection, Cosmos
   * 429/503) again (onStoreErrors). The failed write may have been applied, so the entry is read back
   * first: if it carries this call's `claimId`, it is this call's own, and `ours` gives the answer.
   */
  private retrying<T>(
    roundId: string,
    wave: string,
    ownerId: string,
    known: VersionedEntry | undefined,
    once: (current: VersionedEntry | undefined) => Promise<T>,
    claimId: string,
    ours: (read: VersionedEntry) => T,
  ): Promise<T> {
    const id = outboxEntryId(wave, ownerId);
    let current = known;
    return this.onStoreErrors({ id, claiming: true }, async (again) => {
      if (again) {
        const read = await this.outbox.get(roundId, id);
        if (read?.entry.claimId === claimId) return ours(read);
        current = read ?? undefined;
      }
      return once(current);
    });
  }

  /** runs `attempt`, and again with backoff after a store error (429/503/network), writeAttempts in all */
  private async onStoreErrors<T>(about: Record<string, unknown>, attempt: (again: boolean) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(n > 1);
      } catch (err) {
        if (n >= this.settings.writeAttempts) throw err;
        const delay = retryDelayMs(this.settings.retry, n, null, this.settings.random);
        this.log.warn({ err, ...about, attempt: n, delay }, 'store error; retrying');
        await this.timer.sleep(delay);
      }
    }
  }

  private async claimOnce(roundId: string, wave: string, ownerId: string, known: VersionedEntry | undefined, claimId: string): Promise<VersionedEntry | 'done' | 'deferred'> {
    let current = known;
    if (!current) {
      const created = await this.outbox.claimNew(this.fresh(roundId, wave, ownerId, claimId));
      if (created) return created;
      current = (await this.outbox.get(roundId, outboxEntryId(wave, ownerId))) ?? undefined;
      if (!current) return 'deferred';
    }
    if (TERMINAL_OUTBOX_STATES.has(current.entry.state)) return 'done';
    if (!this.takeable(current.entry)) return 'deferred';
    const wasInFlight = current.entry.state === 'sending';
    const taken = await this.outbox.replace(
      {
        ...current.entry,
        claimId,
        state: 'sending',
        leaseOwner: this.settings.instanceId,
        leaseUntil: this.until(this.settings.leaseMs),
        leaseGeneration: this.settings.generation() ?? 0,
        retryAt: null,
        takeovers: current.entry.takeovers + 1,
        possibleDuplicate: current.entry.possibleDuplicate || wasInFlight,
        updatedAt: this.clock.now().toISOString(),
      },
      current.version,
    );
    if (!taken) return 'deferred';
    if (wasInFlight) this.log.warn({ id: taken.entry.id, from: current.entry.leaseOwner }, 'took over an entry a dead instance was sending: resending (possible duplicate)');
    return taken;
  }

  /** records that the owner needs no reminder of this wave any more ('done' / 'deferred' as for claim) */
  async skip(roundId: string, wave: string, ownerId: string, known: VersionedEntry | undefined, reason = NOTHING_LEFT_REASON): Promise<'skipped' | 'done' | 'deferred'> {
    if (!known) {
      // created terminal; a store error is retried, and an entry found instead is someone else's
      const claimId = randomUUID();
      const create = async (current: VersionedEntry | undefined) => {
        if (current) return TERMINAL_OUTBOX_STATES.has(current.entry.state) ? 'done' : 'deferred';
        const created = await this.outbox.claimNew({ ...this.fresh(roundId, wave, ownerId, claimId), state: 'skipped', leaseOwner: null, leaseUntil: null, reason });
        return created ? 'skipped' : 'deferred';
      };
      return this.retrying(roundId, wave, ownerId, undefined, create, claimId, () => 'skipped' as const);
    }
    if (TERMINAL_OUTBOX_STATES.has(known.entry.state)) return 'done';
    if (!this.takeable(known.entry)) return 'deferred';
    return (await this.write(known, { state: 'skipped', reason })) ? 'skipped' : 'deferred';
  }

  /** closes entries of owners no longer due (they reported everything) that a dead instance left behind */
  async closeStale(entries: readonly VersionedEntry[], due: ReadonlySet<string>): Promise<void> {
    for (const v of entries) {
      if (!due.has(v.entry.ownerId) && !TERMINAL_OUTBOX_STATES.has(v.entry.state) && this.takeable(v.entry)) {
        await this.write(v, { state: 'skipped', reason: NOTHING_LEFT_REASON }).catch((err) => this.log.warn({ err, id: v.entry.id }, 'could not close a stale entry'));
      }
    }
  }

  /** keeps a claim while a retry waits: 'backoff' with a lease covering the wait */
  backoff(v: VersionedEntry, attempts: OutboxEntry['attempts'], waitMs: number): Promise<VersionedEntry | null> {
    return this.write(v, { state: 'backoff', attempts, leaseUntil: this.until(waitMs + this.settings.leaseMs), retryAt: this.until(waitMs) });
  }

  /** takes a claim in 'backoff' back to 'sending' for the next attempt */
  resume(v: VersionedEntry): Promise<VersionedEntry | null> {
    return this.write(v, { state: 'sending', leaseUntil: this.until(this.settings.leaseMs), retryAt: null });
  }

  /** gives a claim up with nothing sent: 'backoff' with an expired lease, free for the next pass (without a duplicate flag) */
  release(v: VersionedEntry): Promise<VersionedEntry | null> {
    return this.write(v, { state: 'backoff', leaseUntil: this.clock.now().toISOString(), retryAt: null });
  }

  /**
   * Writes a change to a claimed entry under its version. Store errors (429/503/network) are retried
   * with backoff; a lost version (another instance took the entry over) returns null.
   */
  write(v: VersionedEntry, change: Partial<OutboxEntry>): Promise<VersionedEntry | null> {
    const terminal = change.state !== undefined && TERMINAL_OUTBOX_STATES.has(change.state);
    const next: OutboxEntry = {
      ...v.entry,
      ...(terminal ? { leaseOwner: null, leaseUntil: null } : {}),
      ...change,
      updatedAt: this.clock.now().toISOString(),
    };
    return this.onStoreErrors({ id: next.id, state: next.state }, async () => {
      const written = await this.outbox.replace(next, v.version);
      if (!written) this.log.warn({ id: next.id, state: next.state }, 'entry was taken over by another instance before it could be marked');
      return written;
    });
  }
}
