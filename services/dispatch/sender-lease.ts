/**
 * Keeps the app-wide sender lease (ports/outbox.ts, SenderLease) for this instance while any of its
 * waves is sending: taken when the first wave starts, renewed as sending goes on (once a third of the
 * lease has passed), given up when the last wave ends. Teams' 50 requests/s is per app and tenant, and
 * a rate limiter only sees its own instance's requests: with one sender at a time, the one limiter
 * that paces is the only one sending.
 *
 * The lease is short (DEFAULT_LEASE_MS) so that a dead holder's wave is picked up within seconds; the
 * holder knows, by its own clock, until when it holds it, and sends only while that is more than the
 * fence margin away (see SendLoop).
 */
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { OutboxRepository } from '../ports/outbox';

/** how long the sender lease and an entry's claim hold without renewal */
export const DEFAULT_LEASE_MS = 15_000;
/** a request leaves only while the sender lease and the entry's claim hold at least this much longer (a quarter of shorter leases) */
export const FENCE_MARGIN_MS = 3_000;
export const fenceMarginMs = (leaseMs: number) => Math.min(FENCE_MARGIN_MS, leaseMs / 4);

export class SenderLeaseKeeper {
  private users = 0;
  /** until when (ms) this instance holds the lease as far as it knows; 0: not held */
  private heldUntil = 0;
  private held: number | null = null;
  private taking: Promise<boolean> | null = null;

  constructor(
    private readonly outbox: Pick<OutboxRepository, 'takeSenderLease' | 'releaseSenderLease'>,
    private readonly clock: Clock,
    readonly holder: string,
    private readonly leaseMs: number,
    private readonly log: Logger,
  ) {}

  /** the generation of the lease this instance holds (null: none) */
  get generation(): number | null {
    return this.valid() ? this.held : null;
  }

  /** joins this instance's hold, or takes the lease; false when another instance holds it */
  async acquire(): Promise<boolean> {
    if (!(this.users > 0 && this.valid()) && !(await this.take())) return false;
    this.users++;
    return true;
  }

  /** renews the lease when due; false once it is lost (expired and taken by another instance) */
  async keep(): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (now < this.heldUntil - (this.leaseMs * 2) / 3) return true;
    try {
      return await this.take();
    } catch (err) {
      // the store did not answer: keep sending while the lease we have lasts
      this.log.warn({ err }, 'could not renew the sender lease');
      return this.valid();
    }
  }

  /** true while, by this instance's clock, the lease holds at least `marginMs` longer */
  holdsFor(marginMs: number): boolean {
    return this.heldUntil - this.clock.now().getTime() > marginMs;
  }

  /** leaves the hold; the last one out gives the lease up */
  async release(): Promise<void> {
    if (this.users === 0 || --this.users > 0) return;
    this.heldUntil = 0;
    this.held = null;
    await this.outbox.releaseSenderLease(this.holder).catch((err: unknown) => this.log.warn({ err }, 'could not release the sender lease (it expires by itself)'));
  }

  private valid(): boolean {
    return this.clock.now().getTime() < this.heldUntil;
  }

  /** one request at a time, shared by every caller meanwhile */
  private take(): Promise<boolean> {
    this.taking ??= (async () => {
      const now = this.clock.now();
      const until = new Date(now.getTime() + this.leaseMs);
      const generation = await this.outbox.takeSenderLease(this.holder, now.toISOString(), until.toISOString());
      this.heldUntil = generation !== null ? until.getTime() : 0;
      this.held = generation;
      return generation !== null;
    })().finally(() => {
      this.taking = null;
    });
    return this.taking;
  }
}
