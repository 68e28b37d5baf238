/**
 * The reminder dispatcher. Each tick (every instance runs one) asks the round calendar for the latest
 * due wave of every open round and delivers it through the outbox:
 *
 *   CLAIM (create the (round, wave, owner) entry in state 'sending', or take over an expired one, under
 *   its ETag) → rate slot → send (one Messenger attempt) → mark sent / unreachable / failed, or write
 *   'backoff', wait, write 'sending' and try again.
 *
 * One instance sends at a time: a wave pass first takes the app-wide sender lease (sender-lease.ts),
 * since Teams' 50 requests/s is per app and tenant and each limiter sees only its own requests; an
 * instance that finds the lease held by a live one leaves the wave to it (its next tick looks again).
 *
 * Guarantees (README "Dispatch guarantees"): a key is claimed by exactly one instance at a time; an
 * entry that reached a terminal state is never sent again; an entry whose instance died is taken over
 * once its lease expires. The only way to a second copy is an instance dying after the connector
 * accepted a message and before 'sent' was written (one HTTP round trip); the taker-over then resends
 * once and flags the entry `possibleDuplicate`.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Owner, Round } from '../domain/model';
import { roundId as makeRoundId } from '../domain/model';
import { TertialError } from '../errors';
import { moduleLogger, type Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Messenger, OutgoingCard, RequestSlot, SendResult } from '../ports/messenger';
import {
  outboxEntryId,
  TERMINAL_OUTBOX_STATES,
  type OutboxAttempt,
  type OutboxEntry,
  type OutboxRepository,
  type VersionedEntry,
} from '../ports/outbox';
import type { OwnerRepository, PlanRepository, ReportRepository, RoundRepository } from '../ports/repositories';
import type { Timer } from '../ports/scheduler';
import { dueWaves, roundPhase, waveSchedule } from '../rounds/round-calendar';
import { stockholmDate } from '../rounds/stockholm-time';
import { AppPacer } from './app-pacer';
import { RateLimiter } from './rate-limiter';
import { SenderLeaseKeeper } from './sender-lease';
import { activityIndex, missingFor, reportedSet, type Recipient, type ReportedSet } from './recipients';
import type { ReminderComposer } from './reminder-composer';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';

export type WaveKind = 'first' | 'later' | 'manual';
export type CrashPoint = 'after-claim' | 'after-send' | 'after-mark' | 'after-backoff';

/** owners read per page while a wave is already sending */
export const OWNER_PAGE = 500;

async function* wholeList<T>(read: () => Promise<T[]>): AsyncIterable<T[]> {
  yield await read();
}

export const waveKey = (offset: number) => `w${offset}`;
export const manualWaveKey = (date: string) => `now-${date}`;

export interface DispatcherDeps {
  rounds: RoundRepository;
  owners: OwnerRepository;
  plans: PlanRepository;
  reports: ReportRepository;
  outbox: OutboxRepository;
  messenger: Messenger;
  composer: ReminderComposer;
  clock: Clock;
  timer: Timer;
  /** the instance's gate to the connector, shared with the bot's other requests (app.ts); default: one of its own over `limiter` */
  pacer?: AppPacer;
  /** without a pacer: the limiter of the dispatcher's own; default: Teams' limits, each window plus a 15 ms margin, paced at 49.2/s */
  limiter?: RateLimiter;
}

export interface DispatcherOptions {
  instanceId?: string;
  /** how long a claim holds without progress before another instance may take it over */
  leaseMs?: number;
  /** sends in flight at once (the rate limiter decides the pace) */
  concurrency?: number;
  retry?: RetryPolicy;
  /** later waves re-read the round's reports after this many owners, so a report made mid-wave stops that owner's reminder */
  recheckEvery?: number;
  /** attempts to write an entry's state after Cosmos errors (429/503/network) */
  writeAttempts?: number;
  random?: () => number;
  /**
   * one sender at a time across instances (the sender lease, sender-lease.ts), so Teams' 50/s per app
   * and tenant holds in total; default true. false: every instance sends, the per-key claims alone keep
   * each key once (tests use it to show the claims hold even when instances do overlap)
   */
  exclusiveSender?: boolean;
  /** tests only: called at each point; throwing there stops the wave as a crash (kill -9) would: no further write or send */
  crashHook?: (point: CrashPoint, entry: OutboxEntry) => void | Promise<void>;
}

export interface WaveResult {
  roundId: string;
  wave: string;
  kind: WaveKind;
  recipients: number;
  sent: number;
  unreachable: number;
  failed: number;
  skipped: number;
  /** recipients whose entry was already terminal before this pass */
  alreadyDone: number;
  /** claimed by another live instance, or left for the next tick after a store error */
  deferred: number;
  /** "påminn nu" only: owners left out because a scheduled wave reached them today */
  remindedToday: number;
  complete: boolean;
  /** the pass did not start (or stopped early) because another instance holds the sender lease */
  senderBusy: boolean;
}

type Outcome = 'sent' | 'unreachable' | 'failed' | 'skipped' | 'done' | 'deferred';

class Crash extends Error {}

interface WaveContext {
  round: Round;
  wave: string;
  kind: WaveKind;
  aborted: boolean;
  crash: unknown;
  reported: ReportedSet;
  sinceRefresh: number;
  refreshing: Promise<void> | null;
  /** the sender lease was lost mid-pass: no new sends; the next tick finishes the wave */
  leaseLost: boolean;
}

const emptyResult = (roundId: string, wave: string, kind: WaveKind): WaveResult => ({
  roundId,
  wave,
  kind,
  recipients: 0,
  sent: 0,
  unreachable: 0,
  failed: 0,
  skipped: 0,
  alreadyDone: 0,
  deferred: 0,
  remindedToday: 0,
  complete: false,
  senderBusy: false,
});

export class Dispatcher {
  readonly instanceId: string;
  private readonly log: Logger;
  private readonly pacer: AppPacer;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly retry: RetryPolicy;
  private readonly recheckEvery: number;
  private readonly writeAttempts: number;
  private readonly random: () => number;
  private ticking: Promise<WaveResult[]> | null = null;
  private readonly senderLease: SenderLeaseKeeper | null;
  /** aborted by stop(): no new recipients, backoff waits end */
  private readonly stopping = new AbortController();
  /** wave passes running now */
  private readonly passes = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions = {},
  ) {
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.log = moduleLogger('dispatch').child({ instance: this.instanceId });
    this.pacer = deps.pacer ?? new AppPacer(deps.limiter ?? new RateLimiter(), deps.clock, deps.timer);
    this.leaseMs = options.leaseMs ?? 120_000;
    this.concurrency = options.concurrency ?? 32;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.recheckEvery = options.recheckEvery ?? 200;
    this.writeAttempts = options.writeAttempts ?? 8;
    this.random = options.random ?? Math.random;
    this.senderLease = options.exclusiveSender === false ? null : new SenderLeaseKeeper(deps.outbox, deps.clock, this.instanceId, this.leaseMs, this.log);
  }

  /** One scheduler tick: the latest due, unfinished wave of every open round. Overlapping ticks share one run. */
  tick(): Promise<WaveResult[]> {
    if (!this.ticking) {
      this.ticking = this.runTick().finally(() => {
        this.ticking = null;
      });
    }
    return this.ticking;
  }

  private async runTick(): Promise<WaveResult[]> {
    const now = this.deps.clock.now();
    const results: WaveResult[] = [];
    for (const round of await this.deps.rounds.list()) {
      const due = dueWaves(round, now);
      if (due.length === 0) continue;
      // only the latest due wave: a wave whose time has passed unsent (round created late, app down) is superseded
      const latest = due[due.length - 1]!;
      const key = waveKey(latest.offset);
      if (await this.deps.outbox.getWaveMarker(round.id, key)) continue;
      const first = waveSchedule(round)[0]!;
      results.push(await this.runWave(round, key, latest.offset === first.offset ? 'first' : 'later'));
    }
    return results;
  }

  /**
   * A graceful stop (SIGTERM, a deploy): no pass takes another recipient; sends in flight finish and
   * are marked; an entry waiting to retry stays in 'backoff' (taken over later without a duplicate
   * flag); the sender lease is given up, so another instance can go on at once. Resolves when every
   * pass has ended. Without it a stop mid-wave left entries 'sending', to be resent (and flagged as
   * possible duplicates) by whoever took them over.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.passes]);
  }

  /** "påminn nu": a wave now, to owners with something unreported; keyed by the day, so repeating it sends nothing twice */
  async remindNow(year: number, tertial: number): Promise<WaveResult> {
    const id = makeRoundId(year, tertial);
    const round = await this.deps.rounds.get(id);
    if (!round) throw new TertialError('not-found', `No round ${id}`);
    const phase = roundPhase(round, this.deps.clock.now());
    if (phase !== 'open') throw new TertialError('round-closed', `Round ${id} is ${phase}, not open: no reminders can be sent`);
    const result = await this.runWave(round, manualWaveKey(stockholmDate(this.deps.clock.now())), 'manual');
    if (result.senderBusy && result.recipients === 0) {
      const holder = await this.deps.outbox.senderLease(this.deps.clock.now().toISOString());
      throw new TertialError(
        'conflict',
        `En annan instans${holder ? ` (${holder.holder})` : ''} skickar påminnelser just nu, och Teams tillåter bara en takt per app. Ingen påminnelse skickades; försök igen om en stund.`,
      );
    }
    return result;
  }

  /**
   * Delivers one wave: every recipient ends with a terminal entry, or is left for the next pass.
   * Owners are read page by page (OWNER_PAGE) and sending starts with the first page, while the rest
   * is still being read: the plan, the round's reports and the wave's entries are read first (in
   * parallel with the first page).
   */
  runWave(round: Round, wave: string, kind: WaveKind): Promise<WaveResult> {
    const pass = this.runPass(round, wave, kind);
    this.passes.add(pass);
    void pass.finally(() => this.passes.delete(pass)).catch(() => undefined);
    return pass;
  }

  private async runPass(round: Round, wave: string, kind: WaveKind): Promise<WaveResult> {
    if (this.stopping.signal.aborted) return emptyResult(round.id, wave, kind);
    const lease = this.senderLease;
    if (lease && !(await lease.acquire())) {
      this.log.info({ round: round.id, wave }, 'another instance holds the sender lease: this pass waits for a later tick');
      return { ...emptyResult(round.id, wave, kind), senderBusy: true };
    }
    let crashed = false;
    try {
      return await this.sendWave(round, wave, kind);
    } catch (err) {
      crashed = err instanceof Crash; // a simulated kill -9 gives nothing up: its lease expires as a dead instance's would
      throw err;
    } finally {
      if (lease && !crashed) await lease.release();
    }
  }

  private async sendWave(round: Round, wave: string, kind: WaveKind): Promise<WaveResult> {
    const { plans, owners, reports, outbox } = this.deps;
    const source = owners.pages ? owners.pages(OWNER_PAGE) : wholeList(() => owners.list());
    const pages = source[Symbol.asyncIterator]();
    const firstPage = pages.next(); // starts reading owners now, alongside the rest
    firstPage.catch(() => undefined); // awaited below; a failure is handled there
    const [plan, reportList, existingList, roundEntries] = await Promise.all([
      plans.get(round.year),
      reports.listByRound(round.id),
      outbox.listWave(round.id, wave),
      kind === 'manual' ? outbox.listRound(round.id) : Promise.resolve(null),
    ]);
    // "påminn nu" does not add a second reminder on a day a scheduled wave already reached the owner
    const today = stockholmDate(this.deps.clock.now());
    const reachedToday = roundEntries
      ? new Set(roundEntries.filter((e) => e.wave !== wave && e.state === 'sent' && e.sentAt && stockholmDate(new Date(e.sentAt)) === today).map((e) => e.ownerId))
      : null;
    const existing = new Map(existingList.map((v) => [v.entry.ownerId, v]));
    const initiallyReported = reportedSet(reportList);
    const ctx: WaveContext = { round, wave, kind, aborted: false, crash: null, reported: initiallyReported, sinceRefresh: 0, refreshing: null, leaseLost: false };
    const result = emptyResult(round.id, wave, kind);
    const activitiesOf = plan ? activityIndex(plan) : null;

    // the queue grows as owner pages arrive; workers wait for more while pages are still coming
    const queue: Recipient[] = [];
    const due = new Set<string>();
    let loading = true;
    let loadError: unknown = null;
    let waiting: (() => void)[] = [];
    const notify = () => {
      const w = waiting;
      waiting = [];
      for (const wake of w) wake();
    };
    const feed = (page: readonly Owner[]) => {
      for (const owner of page) {
        const activities = activitiesOf!(owner);
        if (activities.length === 0) continue;
        const id = owner.aadObjectId;
        const missing = missingFor(id, activities, initiallyReported);
        if (kind !== 'first' && missing.length === 0) continue;
        if (reachedToday?.has(id)) {
          result.remindedToday++;
          continue;
        }
        result.recipients++;
        due.add(id);
        const v = existing.get(id);
        if (v && TERMINAL_OUTBOX_STATES.has(v.entry.state)) {
          result.alreadyDone++;
          continue;
        }
        queue.push({ owner, activities, missing });
      }
      notify();
    };
    const load = async () => {
      try {
        if (!activitiesOf) {
          await firstPage;
          await pages.return?.(undefined);
          return;
        }
        for (let step = await firstPage; !step.done && !ctx.aborted; step = await pages.next()) feed(step.value);
      } catch (err) {
        loadError = err;
      } finally {
        loading = false;
        notify();
      }
      // entries of owners no longer due (they reported everything) that a dead instance left behind: close
      // them; only with the whole owner list read (an owner not yet read is not "no longer due")
      if (loadError || ctx.aborted) return;
      for (const v of existingList) {
        if (!due.has(v.entry.ownerId) && !TERMINAL_OUTBOX_STATES.has(v.entry.state) && this.leaseExpired(v.entry)) {
          await this.finish(ctx, v, { state: 'skipped', reason: 'inget kvar att rapportera' }).catch((err) => this.log.warn({ err, id: v.entry.id }, 'could not close a stale entry'));
        }
      }
    };
    this.log.info({ round: round.id, wave, kind, entries: existingList.length }, 'wave pass starts');

    let next = 0;
    const worker = async () => {
      for (;;) {
        if (!(await this.keepSending(ctx))) result.senderBusy = true;
        if (ctx.aborted || ctx.leaseLost || this.stopping.signal.aborted) return;
        // nothing awaited from here to taking the recipient: workers never take the same one
        if (next >= queue.length) {
          if (!loading) return;
          await new Promise<void>((wake) => waiting.push(wake));
          continue;
        }
        const r = queue[next++]!;
        let outcome: Outcome;
        try {
          outcome = await this.deliver(ctx, r, existing.get(r.owner.aadObjectId));
        } catch (err) {
          if (err instanceof Crash || ctx.aborted) {
            ctx.aborted = true;
            ctx.crash ??= err;
            return;
          }
          this.log.warn({ err, owner: r.owner.aadObjectId, wave }, 'delivery deferred after an error');
          outcome = 'deferred';
        }
        if (outcome === 'done') result.alreadyDone++;
        else result[outcome]++;
      }
    };
    await Promise.all([load(), ...Array.from({ length: Math.max(1, this.concurrency) }, worker)]);
    if (ctx.aborted) throw ctx.crash instanceof Crash ? ctx.crash : new Crash(String(ctx.crash));
    // owners could not all be read: what was sent stays sent; the next tick finishes the wave
    if (loadError) throw loadError;

    const terminal = result.alreadyDone + result.sent + result.unreachable + result.failed + result.skipped;
    result.complete = terminal === result.recipients && result.deferred === 0;
    if (result.complete) {
      await outbox.markWaveComplete({ roundId: round.id, wave, completedAt: this.deps.clock.now().toISOString(), recipients: result.recipients });
    }
    this.log.info({ ...result }, 'wave pass done');
    return result;
  }

  /** renews the sender lease when due; false (and the pass stops taking recipients) once it is lost */
  private async keepSending(ctx: WaveContext): Promise<boolean> {
    if (ctx.leaseLost) return false;
    if (!this.senderLease || (await this.senderLease.keep())) return true;
    this.log.warn({ round: ctx.round.id, wave: ctx.wave }, 'lost the sender lease to another instance: stopping this pass; the next tick finishes the wave');
    ctx.leaseLost = true;
    return false;
  }

  private leaseExpired(entry: OutboxEntry): boolean {
    return !entry.leaseUntil || new Date(entry.leaseUntil).getTime() <= this.deps.clock.now().getTime();
  }

  private async hook(ctx: WaveContext, point: CrashPoint, entry: OutboxEntry): Promise<void> {
    if (ctx.aborted) throw new Crash('aborted');
    if (!this.options.crashHook) return;
    try {
      await this.options.crashHook(point, entry);
    } catch (err) {
      ctx.aborted = true;
      ctx.crash = err instanceof Crash ? err : new Crash(err instanceof Error ? err.message : String(err));
      throw ctx.crash;
    }
  }

  private guard(ctx: WaveContext): void {
    if (ctx.aborted) throw new Crash('aborted');
  }

  private async stillMissing(ctx: WaveContext, r: Recipient): Promise<boolean> {
    if (ctx.kind === 'first') return true;
    if (++ctx.sinceRefresh >= this.recheckEvery) {
      ctx.sinceRefresh = 0;
      ctx.refreshing ??= this.deps.reports
        .listByRound(ctx.round.id)
        .then((list) => {
          ctx.reported = reportedSet(list);
        })
        .finally(() => {
          ctx.refreshing = null;
        });
    }
    if (ctx.refreshing) await ctx.refreshing;
    return missingFor(r.owner.aadObjectId, r.activities, ctx.reported).length > 0;
  }

  /** waits for a rate slot for a request to `key` (the instance's pacer); gives up when the wave stops */
  private acquireSlot(ctx: WaveContext, key: string): Promise<RequestSlot> {
    return this.pacer.slot(key, () => this.guard(ctx));
  }

  private async deliver(ctx: WaveContext, r: Recipient, known: VersionedEntry | undefined): Promise<Outcome> {
    const ownerId = r.owner.aadObjectId;
    if (!(await this.stillMissing(ctx, r))) {
      return this.skip(ctx, ownerId, known);
    }
    const message = await this.deps.composer.compose({ round: ctx.round, owner: r.owner, activities: r.activities, missing: missingFor(ownerId, r.activities, ctx.reported), wave: ctx.wave });
    const claimed = await this.claim(ctx, ownerId, known);
    if (claimed === 'done' || claimed === 'deferred') return claimed;
    await this.hook(ctx, 'after-claim', claimed.entry);
    return this.sendLoop(ctx, ownerId, claimed, message);
  }

  private async skip(ctx: WaveContext, ownerId: string, known: VersionedEntry | undefined): Promise<Outcome> {
    const now = this.deps.clock.now().toISOString();
    if (!known) {
      this.guard(ctx);
      const created = await this.deps.outbox.claimNew({
        ...this.freshEntry(ctx, ownerId),
        state: 'skipped',
        leaseOwner: null,
        leaseUntil: null,
        reason: 'inget kvar att rapportera',
        updatedAt: now,
      });
      return created ? 'skipped' : 'deferred';
    }
    if (TERMINAL_OUTBOX_STATES.has(known.entry.state)) return 'done';
    if (!this.leaseExpired(known.entry)) return 'deferred';
    return (await this.finish(ctx, known, { state: 'skipped', reason: 'inget kvar att rapportera' })) ? 'skipped' : 'deferred';
  }

  private freshEntry(ctx: WaveContext, ownerId: string): OutboxEntry {
    const now = this.deps.clock.now();
    return {
      id: outboxEntryId(ctx.wave, ownerId),
      roundId: ctx.round.id,
      wave: ctx.wave,
      ownerId,
      state: 'sending',
      leaseOwner: this.instanceId,
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
      attempts: [],
      takeovers: 0,
      possibleDuplicate: false,
      claimedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      sentAt: null,
      activityId: null,
      reason: null,
    };
  }

  /** creates the entry, or takes over an expired one; 'done' if it is finished, 'deferred' if someone else holds it */
  private async claim(ctx: WaveContext, ownerId: string, known: VersionedEntry | undefined): Promise<VersionedEntry | 'done' | 'deferred'> {
    this.guard(ctx);
    let current = known;
    if (!current) {
      const created = await this.deps.outbox.claimNew(this.freshEntry(ctx, ownerId));
      if (created) return created;
      current = (await this.deps.outbox.get(ctx.round.id, outboxEntryId(ctx.wave, ownerId))) ?? undefined;
      if (!current) return 'deferred';
    }
    if (TERMINAL_OUTBOX_STATES.has(current.entry.state)) return 'done';
    if (!this.leaseExpired(current.entry)) return 'deferred';
    const now = this.deps.clock.now();
    const wasInFlight = current.entry.state === 'sending';
    this.guard(ctx);
    const taken = await this.deps.outbox.replace(
      {
        ...current.entry,
        state: 'sending',
        leaseOwner: this.instanceId,
        leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
        takeovers: current.entry.takeovers + 1,
        possibleDuplicate: current.entry.possibleDuplicate || wasInFlight,
        updatedAt: now.toISOString(),
      },
      current.version,
    );
    if (!taken) return 'deferred';
    if (wasInFlight) this.log.warn({ id: taken.entry.id, from: current.entry.leaseOwner }, 'took over an entry a dead instance was sending: resending (possible duplicate)');
    return taken;
  }

  private async sendLoop(ctx: WaveContext, ownerId: string, claimed: VersionedEntry, message: OutgoingCard): Promise<Outcome> {
    let v = claimed;
    const messenger = this.deps.messenger;
    for (;;) {
      // the rate slot is taken right before each request leaves: inside the messenger after its lookups
      // when it supports that (requests then arrive as evenly as scheduled), else right before the call
      if (!messenger.pacesRequests) await this.acquireSlot(ctx, ownerId);
      let result: SendResult;
      try {
        result = await messenger.sendToUser(ownerId, message, messenger.pacesRequests ? { beforeRequest: () => this.acquireSlot(ctx, ownerId) } : undefined);
      } catch (err) {
        result = { outcome: 'retry', status: null, reason: err instanceof Error ? err.message : String(err), retryAfterMs: null };
      }
      await this.hook(ctx, 'after-send', v.entry);
      const at = this.deps.clock.now().toISOString();
      const attempt: OutboxAttempt = {
        at,
        outcome: result.outcome,
        status: result.outcome === 'sent' ? 200 : result.status,
        reason: result.outcome === 'sent' ? null : result.reason,
      };
      const attempts = [...v.entry.attempts, attempt];
      switch (result.outcome) {
        case 'sent': {
          const done = await this.finish(ctx, v, { state: 'sent', attempts, sentAt: at, activityId: result.activityId });
          if (done) await this.hook(ctx, 'after-mark', done.entry);
          return done ? 'sent' : 'deferred';
        }
        case 'unreachable':
          return (await this.finish(ctx, v, { state: 'unreachable', attempts, reason: `${result.status}: ${result.reason}` })) ? 'unreachable' : 'deferred';
        case 'failed':
          return (await this.finish(ctx, v, { state: 'failed', attempts, reason: `${result.status ?? 'error'}: ${result.reason}` })) ? 'failed' : 'deferred';
        case 'retry': {
          if (attempts.length >= this.retry.maxAttempts) {
            const reason = `gave up after ${attempts.length} attempts; last: ${result.status ?? 'network'} ${result.reason}`;
            return (await this.finish(ctx, v, { state: 'failed', attempts, reason })) ? 'failed' : 'deferred';
          }
          const delay = retryDelayMs(this.retry, attempts.length, result.retryAfterMs, this.random);
          const waiting = await this.finish(ctx, v, {
            state: 'backoff',
            attempts,
            leaseUntil: new Date(this.deps.clock.now().getTime() + delay + this.leaseMs).toISOString(),
          });
          if (!waiting) return 'deferred';
          await this.hook(ctx, 'after-backoff', waiting.entry);
          await this.deps.timer.sleep(delay, this.stopping.signal);
          // stopping, or the wait outlasted the sender lease and another instance sends now: the entry
          // stays 'backoff' (nothing in flight), for whoever goes on
          if (this.stopping.signal.aborted || !(await this.keepSending(ctx))) return 'deferred';
          const again = await this.finish(ctx, waiting, {
            state: 'sending',
            leaseUntil: new Date(this.deps.clock.now().getTime() + this.leaseMs).toISOString(),
          });
          if (!again) return 'deferred';
          v = again;
        }
      }
    }
  }

  /**
   * Writes a change to a claimed entry under its version. Store errors (429/503/network) are retried
   * with backoff; a lost version (another instance took the entry over) returns null.
   */
  private async finish(ctx: WaveContext, v: VersionedEntry, change: Partial<OutboxEntry>): Promise<VersionedEntry | null> {
    const terminal = change.state !== undefined && TERMINAL_OUTBOX_STATES.has(change.state);
    const next: OutboxEntry = {
      ...v.entry,
      ...(terminal ? { leaseOwner: null, leaseUntil: null } : {}),
      ...change,
      updatedAt: this.deps.clock.now().toISOString(),
    };
    for (let attempt = 1; ; attempt++) {
      this.guard(ctx);
      try {
        const written = await this.deps.outbox.replace(next, v.version);
        if (!written) this.log.warn({ id: next.id, state: next.state }, 'entry was taken over by another instance before it could be marked');
        return written;
      } catch (err) {
        if (attempt >= this.writeAttempts) throw err;
        const delay = retryDelayMs(this.retry, attempt, null, this.random);
        this.log.warn({ err, id: next.id, state: next.state, attempt, delay }, 'store write failed; retrying');
        await this.deps.timer.sleep(delay);
      }
    }
  }
}
