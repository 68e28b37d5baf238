/**
 * The reminder dispatcher. Each tick (every instance runs one) asks the round calendar for the latest
 * due wave of every open round (due-waves.ts) and delivers it through the outbox (wave-pass.ts):
 *
 *   CLAIM (outbox-claims.ts: create the (round, wave, owner) entry in state 'sending', or take over an
 *   expired one, under its ETag) → compose → rate slot → send (send-loop.ts: one Messenger attempt) →
 *   mark sent / unreachable / failed, or write 'backoff', wait, write 'sending' and try again.
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
import { ROUND_PHASES } from '../domain/vocabulary';
import { TertialError, catalogued } from '../errors';
import { moduleLogger, type Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Messenger } from '../ports/messenger';
import type { OutboxRepository } from '../ports/outbox';
import type { MeasureOutcomeRepository, OwnerRepository, PlanRepository, ReportRepository, RoundRepository } from '../ports/repositories';
import type { Timer } from '../ports/scheduler';
import { roundPhase } from '../rounds/round-calendar';
import { stockholmDate } from '../rounds/stockholm-time';
import { AppPacer } from './app-pacer';
import { againWaveKey, latestDueWave, manualWaveKey, PRESS_KEY_PATTERN } from './due-waves';
import { OutboxClaims } from './outbox-claims';
import { RateLimiter } from './rate-limiter';
import type { ReminderComposer } from './reminder-composer';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { DEFAULT_LEASE_MS, fenceMarginMs, SenderLeaseKeeper } from './sender-lease';
import { SendLoop } from './send-loop';
import { noMetrics, type Metrics } from '../ports/metrics';
import { runWavePass, type PassGate, type WavePassDeps } from './wave-pass';
import { emptyResult, type WaveKind, type WaveResult } from './wave-result';

export { againWaveKey, manualWaveKey, newPressKey, PRESS_KEY_PATTERN, waveKey } from './due-waves';
export { OWNER_PAGE } from './wave-pass';
export { oneReminderOutcome, type OneReminderOutcome, type WaveKind, type WaveResult } from './wave-result';

export interface DispatcherDeps {
  rounds: RoundRepository;
  owners: OwnerRepository;
  plans: PlanRepository;
  reports: ReportRepository;
  /** the measures' outcomes: a wave also reaches owners with a measure still open (absent: measures are left out) */
  outcomes?: Pick<MeasureOutcomeRepository, 'listByYear'>;
  outbox: OutboxRepository;
  messenger: Messenger;
  composer: ReminderComposer;
  clock: Clock;
  timer: Timer;
  /** the instance's gate to the connector, shared with the bot's other requests (app.ts); default: one of its own over `limiter` */
  pacer?: AppPacer;
  /** reminder outcomes per wave (default: none) */
  metrics?: Metrics;
  /**
   * when the bot last posted the person the round's reminder card itself (first contact, `status`): a
   * scheduled wave leaves them out that day, so nobody gets the same reminder twice in a day
   */
  reminderPostedAt?: (ownerId: string, roundId: string) => Promise<string | null>;
  /** without a pacer: the limiter of the dispatcher's own; default: Teams' limits, each window plus a 15 ms margin, paced at 49.2/s */
  limiter?: RateLimiter;
}

export interface DispatcherOptions {
  instanceId?: string;
  /** how long the sender lease and a claim hold without renewal before another instance may take over (default DEFAULT_LEASE_MS) */
  leaseMs?: number;
  /** sends in flight at once (the rate limiter decides the pace) */
  concurrency?: number;
  /**
   * entries claimed ahead of their request leaving (default 4): an entry is claimed only when its rate
   * slot is near, so a crash leaves few claims that never sent anything
   */
  claimAhead?: number;
  /**
   * when a tick finds the sender lease held by another instance while a wave is due, tick again as
   * soon as that lease ends (the app sets it; tests on a fake timer drive ticks themselves)
   */
  followLease?: boolean;
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
}

/** how long after the holder's lease ends a follower ticks (the holder's last renewal may still be landing) */
const FOLLOW_SLACK_MS = 500;

/** "påminn nu" or a reminder to one person refused: another instance holds the sender lease (nothing was sent) */
export class SenderBusyError extends TertialError {
  constructor(readonly holder: string | null) {
    const refusal = catalogued('reminders.sender-busy', { holder: holder ?? '' });
    super(refusal.code, refusal.message, [], refusal.id);
    this.name = 'SenderBusyError';
  }
}

/** which owner a pass is for, and whether a person reminded on purpose may get a second reminder that day */
interface OnlyOwner {
  owner: Owner;
  deliberate: boolean;
}

export class Dispatcher {
  readonly instanceId: string;
  private readonly log: Logger;
  private ticking: Promise<WaveResult[]> | null = null;
  private readonly senderLease: SenderLeaseKeeper | null;
  private readonly pass: WavePassDeps;
  /** aborted by stop(): no new recipients, backoff waits end */
  private readonly stopping = new AbortController();
  /** wave passes running now */
  private readonly passes = new Set<Promise<unknown>>();
  private readonly followLease: boolean;
  private following = false;

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatcherOptions = {},
  ) {
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.log = moduleLogger('dispatch').child({ instance: this.instanceId });
    const pacer = deps.pacer ?? new AppPacer(deps.limiter ?? new RateLimiter(), deps.clock, deps.timer);
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const retry = options.retry ?? DEFAULT_RETRY_POLICY;
    const random = options.random ?? Math.random;
    const senderLease = options.exclusiveSender === false ? null : new SenderLeaseKeeper(deps.outbox, deps.clock, this.instanceId, leaseMs, this.log);
    this.senderLease = senderLease;
    const generation = () => senderLease?.generation ?? null;
    const claims = new OutboxClaims(deps.outbox, deps.clock, deps.timer, { instanceId: this.instanceId, leaseMs, retry, writeAttempts: options.writeAttempts ?? 8, random, generation }, this.log);
    const sendLoop = new SendLoop({ messenger: deps.messenger, pacer, claims, clock: deps.clock, timer: deps.timer, retry, random, log: this.log, fenceMarginMs: fenceMarginMs(leaseMs), stopping: this.stopping.signal, metrics: deps.metrics ?? noMetrics });
    this.pass = {
      ...deps,
      claims,
      sendLoop,
      log: this.log,
      concurrency: options.concurrency ?? 32,
      claimAhead: options.claimAhead ?? 4,
      fenceMarginMs: fenceMarginMs(leaseMs),
      recheckEvery: options.recheckEvery ?? 200,
      stopping: this.stopping.signal,
    };
    this.followLease = options.followLease ?? false;
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
    await this.completeFences();
    const now = this.deps.clock.now();
    const results: WaveResult[] = [];
    for (const round of await this.deps.rounds.list()) {
      const due = latestDueWave(round, now);
      if (!due || (await this.deps.outbox.getWaveMarker(round.id, due.wave))) continue;
      results.push(await this.runWave(round, due.wave, due.kind));
    }
    if (results.some((r) => r.senderBusy && !r.complete)) this.follow();
    return results;
  }

  /** a round change whose writer stopped before it fenced the reports is fenced here (services/rounds/report-fence.ts) */
  private async completeFences(): Promise<void> {
    try {
      const fenced = (await this.deps.rounds.completeFences?.()) ?? [];
      if (fenced.length > 0) this.log.warn({ rounds: fenced }, 'finished the report fences of round changes cut off before them');
    } catch (e) {
      this.log.error({ err: e }, 'could not finish the report fences of round changes');
    }
  }

  /**
   * Another instance holds the sender lease while a wave is due: tick again right after that lease
   * ends, so a dead holder's wave goes on within seconds, not at the next scheduled tick.
   */
  private follow(): void {
    if (!this.followLease || this.following || this.stopping.signal.aborted) return;
    this.following = true;
    void (async () => {
      try {
        const now = this.deps.clock.now();
        const held = await this.deps.outbox.senderLease(now.toISOString());
        const wait = held ? Math.max(0, new Date(held.leaseUntil).getTime() - now.getTime()) + FOLLOW_SLACK_MS : FOLLOW_SLACK_MS;
        await this.deps.timer.sleep(wait, this.stopping.signal);
        this.following = false;
        if (!this.stopping.signal.aborted) await this.tick();
      } catch (err) {
        this.following = false;
        this.log.warn({ err }, 'could not follow the sender lease; the next scheduled tick looks again');
      }
    })();
  }

  /**
   * A graceful stop (SIGTERM, a deploy): no pass takes another recipient; sends in flight finish and
   * are marked; an entry waiting to retry stays in 'backoff' (taken over later without a duplicate
   * flag); the sender lease is given up, so another instance can go on at once. Resolves when every
   * pass has ended.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.passes]);
  }

  /** "påminn nu": a wave now, to owners with something unreported; keyed by the day, so repeating it sends nothing twice */
  async remindNow(year: number, tertial: number): Promise<WaveResult> {
    const id = makeRoundId(year, tertial);
    const round = await this.deps.rounds.get(id);
    if (!round) throw catalogued('round.not-found-short', { year, tertial });
    const phase = roundPhase(round, this.deps.clock.now());
    if (phase !== 'open') throw catalogued('round.not-open-for-reminders', { year, tertial, phase: ROUND_PHASES[phase] });
    const result = await this.runWave(round, manualWaveKey(stockholmDate(this.deps.clock.now())), 'manual');
    if (result.senderBusy && result.recipients === 0) {
      const holder = await this.deps.outbox.senderLease(this.deps.clock.now().toISOString());
      throw new SenderBusyError(holder?.holder ?? null);
    }
    return result;
  }

  /**
   * A reminder to one owner now, on purpose: "Påminn igen" on the `läge` card and "Påminn" in the tab's
   * progress view. It goes like any wave (outbox claim under the sender lease, the fence, the pacer,
   * retries, recorded once), keyed by the press (againWaveKey): the same press twice (a double click, a
   * retried request) sends once; a later press, with a new key, sends again even if the person was
   * reminded earlier that day. Not limited to the send window, like "påminn nu". Only if something of
   * theirs is unreported. Refused with SenderBusyError while another instance holds the sender lease.
   */
  async remindOwner(year: number, tertial: number, ownerId: string, press: string): Promise<WaveResult> {
    if (!PRESS_KEY_PATTERN.test(press)) throw catalogued('reminders.press-key-invalid', { got: press.slice(0, 70) });
    const id = makeRoundId(year, tertial);
    const round = await this.deps.rounds.get(id);
    if (!round) throw catalogued('round.not-found-short', { year, tertial });
    const phase = roundPhase(round, this.deps.clock.now());
    if (phase !== 'open') throw catalogued('round.not-open-for-reminders', { year, tertial, phase: ROUND_PHASES[phase] });
    const owner = await this.deps.owners.get(ownerId);
    if (!owner) throw catalogued('round.owner-unknown', {});
    const result = await this.runWave(round, againWaveKey(press), 'manual', { owner, deliberate: true });
    if (result.senderBusy && result.recipients === 0) {
      const holder = await this.deps.outbox.senderLease(this.deps.clock.now().toISOString());
      throw new SenderBusyError(holder?.holder ?? null);
    }
    return result;
  }

  /** Delivers one wave (wave-pass.ts) under the sender lease; to one owner only when `only` is given. */
  private runWave(round: Round, wave: string, kind: WaveKind, only?: OnlyOwner): Promise<WaveResult> {
    const pass = this.leasedPass(round, wave, kind, only);
    this.passes.add(pass);
    void pass.finally(() => this.passes.delete(pass)).catch(() => undefined);
    return pass;
  }

  private async leasedPass(round: Round, wave: string, kind: WaveKind, only?: OnlyOwner): Promise<WaveResult> {
    if (this.stopping.signal.aborted) return emptyResult(round.id, wave, kind);
    const lease = this.senderLease;
    if (lease && !(await lease.acquire())) {
      this.log.info({ round: round.id, wave }, 'another instance holds the sender lease: this pass waits for a later tick');
      return { ...emptyResult(round.id, wave, kind), senderBusy: true };
    }
    try {
      const deps = only ? { ...this.pass, owners: oneOwner(only.owner), partialAudience: true, deliberate: only.deliberate } : this.pass;
      return await runWavePass(deps, round, wave, kind, this.gate(round, wave));
    } finally {
      if (lease) await lease.release();
    }
  }

  /** the pass's hold on the sender lease: renewed as it sends; once lost, the pass takes no new recipient */
  private gate(round: Round, wave: string): PassGate {
    const lease = this.senderLease;
    let lost = false;
    const log = this.log;
    return {
      get lost() {
        return lost;
      },
      holdsFor: (marginMs) => !lease || lease.holdsFor(marginMs),
      async keepSending() {
        if (lost) return false;
        if (!lease || (await lease.keep())) return true;
        log.warn({ round: round.id, wave }, 'lost the sender lease to another instance: stopping this pass; the next tick finishes the wave');
        lost = true;
        return false;
      },
    };
  }
}

/** an owner list of one, for a wave to a single owner */
function oneOwner(owner: Owner): OwnerRepository {
  return {
    list: async () => [owner],
    get: async (id) => (id === owner.aadObjectId ? owner : null),
    upsertMany: async () => {
      throw new Error('read-only');
    },
    update: async () => {
      throw new Error('read-only');
    },
  };
}
