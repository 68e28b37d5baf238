/**
 * The dispatch outbox, behind a port: one entry per (round, wave, owner). An entry is CLAIMED by
 * creating it (or, when its lease has expired, by replacing it under its version/ETag) before anything
 * is sent; a second claimer gets null and leaves it alone. services/store/outbox-store.ts implements it
 * in Cosmos (container `outbox`, partition key /roundId).
 */
import type { IsoInstant } from '../domain/model';

/**
 * - sending:     claimed; a send may be in flight (crash here = ambiguous, see README "Dispatch guarantees")
 * - backoff:     the last attempt failed with a retryable answer; waiting to retry (nothing in flight)
 * - sent:        the connector accepted the message
 * - unreachable: 403/404 (app not installed, blocked, user gone): never counted as sent
 * - failed:      permanent failure (non-retryable answer, or retries exhausted), with the reason
 * - skipped:     no longer needed (the owner reported everything before the send)
 */
export type OutboxState = 'sending' | 'backoff' | 'sent' | 'unreachable' | 'failed' | 'skipped';
export const TERMINAL_OUTBOX_STATES: ReadonlySet<OutboxState> = new Set(['sent', 'unreachable', 'failed', 'skipped']);

export interface OutboxAttempt {
  at: IsoInstant;
  outcome: 'sent' | 'unreachable' | 'retry' | 'failed' | 'error';
  status: number | null;
  reason: string | null;
}

export interface OutboxEntry {
  /** `${wave}:${ownerId}` */
  id: string;
  roundId: string;
  /** the wave key: 'w28', 'w0', 'w-2' for scheduled waves, 'now-YYYY-MM-DD' for an admin's "påminn nu", 'again-<press>' for a reminder to one person ("Påminn igen") */
  wave: string;
  ownerId: string;
  state: OutboxState;
  /** the instance holding the claim, and until when; an expired lease may be taken over */
  leaseOwner: string | null;
  leaseUntil: IsoInstant | null;
  /**
   * the sender lease's generation the claim was made under (SenderLease.generation; 0 without one): an
   * instance holding a newer generation takes the entry over at once, since its holder lost the lease
   */
  leaseGeneration?: number;
  /**
   * a random id of the claim that took the entry (a create or a takeover): a claimer whose write went
   * unanswered (a dropped connection) reads the entry back and knows by it whether the claim is its own
   */
  claimId?: string;
  /** 'backoff' only: when the next attempt is due (Retry-After or backoff) */
  retryAt?: IsoInstant | null;
  attempts: OutboxAttempt[];
  /** how many times an expired claim was taken over from a dead instance */
  takeovers: number;
  /** set when a claim was taken over in state 'sending': the dead instance may have sent it (at most one extra copy) */
  possibleDuplicate: boolean;
  claimedAt: IsoInstant;
  updatedAt: IsoInstant;
  sentAt: IsoInstant | null;
  activityId: string | null;
  /** whom the message went to when not the owner: the substitute the owner handed the round to (absent: the owner) */
  deliverTo?: string | null;
  /** why it ended unreachable, failed or skipped */
  reason: string | null;
}

/** an entry as read, with the opaque version (ETag) a conditional write needs */
export interface VersionedEntry {
  entry: OutboxEntry;
  version: string;
}

/** a wave's marker: written once every recipient of the wave has a terminal entry */
export interface WaveMarker {
  roundId: string;
  wave: string;
  completedAt: IsoInstant;
  recipients: number;
}

/**
 * The app-wide SENDER LEASE: Teams allows 50 requests/s per app and tenant IN TOTAL, and each
 * instance's rate limiter only sees its own requests, so one instance sends at a time. A holder renews
 * it while it sends; when the holder dies, it expires and another instance takes it.
 */
export interface SenderLease {
  holder: string;
  leaseUntil: IsoInstant;
  /** changes whenever the lease is taken afresh (not on a renewal): the instant it was taken, in ms */
  generation?: number;
}

export interface OutboxRepository {
  /**
   * Takes the sender lease for `holder` until `until` if it is free, expired at `now`, or already
   * `holder`'s (a renewal, which keeps the generation); null when another holder's lease runs past
   * `now`. Returns the lease's generation. Conditional (ETag): of two instances racing for it, one wins.
   */
  takeSenderLease(holder: string, now: IsoInstant, until: IsoInstant): Promise<number | null>;
  /** gives the lease up if `holder` has it, so another instance may take it at once */
  releaseSenderLease(holder: string): Promise<void>;
  /** who holds the sender lease (null: nobody, or only an expired one at `now`) */
  senderLease(now: IsoInstant): Promise<SenderLease | null>;
  /** creates the entry (the claim); null if an entry with that key exists already */
  claimNew(entry: OutboxEntry): Promise<VersionedEntry | null>;
  /** replaces the entry if still at `version`; null if someone else changed it meanwhile */
  replace(entry: OutboxEntry, version: string): Promise<VersionedEntry | null>;
  get(roundId: string, id: string): Promise<VersionedEntry | null>;
  listWave(roundId: string, wave: string): Promise<VersionedEntry[]>;
  listRound(roundId: string): Promise<OutboxEntry[]>;
  /**
   * the owner's sent entries in the round and those of the parts they handed to substitutes
   * (handoverKey), only where each message is: what a living reminder redraw reads instead of the whole
   * round; optional: callers fall back to listRound()
   */
  listSentTo?(roundId: string, ownerId: string): Promise<SentReminder[]>;
  /** the round's entries with only what a progress view shows of them; optional: callers fall back to listRound() */
  listDeliveries?(roundId: string): Promise<DeliveryRecord[]>;
  getWaveMarker(roundId: string, wave: string): Promise<WaveMarker | null>;
  /** every wave marker of a round (for export); optional: without it, the markers of the waves the entries name are read */
  listWaveMarkers?(roundId: string): Promise<WaveMarker[]>;
  /** idempotent */
  markWaveComplete(marker: WaveMarker): Promise<void>;
}

/** what a round's progress shows of an outbox entry */
export type DeliveryRecord = Pick<OutboxEntry, 'ownerId' | 'wave' | 'state' | 'sentAt' | 'updatedAt' | 'attempts' | 'reason' | 'possibleDuplicate'>;

/** a sent entry as a living reminder finds it: the message (activity id, when sent) and whose chat it is in */
export interface SentReminder {
  activityId: string;
  sentAt: IsoInstant;
  /** the entry's ownerId: the owner's id, or handoverKey(owner, substitute) */
  ownerId: string;
  deliverTo?: string | null;
}

export const outboxEntryId = (wave: string, ownerId: string) => `${wave}:${ownerId}`;

/** the outbox entry key of the part of an owner's activities one substitute reports in the round */
export const handoverKey = (ownerId: string, substituteId: string) => `${ownerId}+${substituteId}`;

/**
 * Whose items an entry's reminder lists and in whose chat it is: the owner's own, or a substitute's
 * "för" the owner (a part handed over, keyed handoverKey; or everything, sent with `deliverTo`).
 */
export function reminderReader(entry: Pick<OutboxEntry, 'ownerId' | 'deliverTo'>): { ownerId: string; readerId: string } {
  const plus = entry.ownerId.indexOf('+');
  if (plus > 0) return { ownerId: entry.ownerId.slice(0, plus), readerId: entry.ownerId.slice(plus + 1) };
  return { ownerId: entry.ownerId, readerId: entry.deliverTo ?? entry.ownerId };
}
