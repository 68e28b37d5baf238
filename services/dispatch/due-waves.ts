/**
 * Which wave is due, and for whom. A tick sends only the latest due wave of a round (one whose time
 * passed unsent, because the round was created late or the app was down, is superseded by it), and
 * only inside a send window: a working day (weekends and Swedish holidays skipped), from the round's
 * send time for SEND_WINDOW_HOURS, Europe/Stockholm. A wave missed while the app was down so goes out
 * at the next working day's send time, not at whatever hour the app comes back. The
 * audience is built from owner pages as they are read: the first wave goes to every owner with live
 * activities, later waves and "påminn nu" only to owners with something unreported (recipients.ts),
 * and "påminn nu" leaves out owners a scheduled wave reached the same day. An owner with a measure (mått)
 * still without an outcome for the round's period is due as well, activities or not. What an owner
 * handed to a substitute for the round, one activity at a time, goes to that substitute in a reminder
 * of its own ("för" the owner); the owner's lists what remains theirs.
 */
import { randomUUID } from 'node:crypto';
import type { MeasureOutcome, Owner, Plan, Round } from '../domain/model';
import { periodsForRound } from '../measures/measure-values';
import { TERMINAL_OUTBOX_STATES, type OutboxEntry, type VersionedEntry } from '../ports/outbox';
import type { ReportRepository } from '../ports/repositories';
import { dueWaves, waveSchedule } from '../rounds/round-calendar';
import { addDays, stockholmDate, stockholmInstant } from '../rounds/stockholm-time';
import { isWorkingDay } from '../rounds/working-days';
import { activityIndex, handoverKey, missingFor, recipientKey, recipientName, reportedSet, type Recipient, type ReportedSet } from './recipients';
import type { WaveKind, WaveResult } from './wave-result';

export const waveKey = (offset: number) => `w${offset}`;
export const manualWaveKey = (date: string) => `now-${date}`;
/**
 * The wave key of one deliberate reminder to one person ("Påminn igen", the tab's "Påminn"): keyed by
 * the press, a key the button carries (PRESS_KEY_PATTERN). A double click or a retried request repeats
 * the key and sends once; a press on the view drawn afterwards carries a new key and sends again.
 */
export const againWaveKey = (press: string) => `again-${press}`;
/** what a press key looks like: 8–64 letters, digits, '-' or '_' */
export const PRESS_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** a fresh press key, for a view that offers "Påminn igen" */
export const newPressKey = () => randomUUID().replace(/-/g, '').slice(0, 16);
/** the wave as metrics name it: every press's wave is 'again', so each press is not a series of its own */
export const metricWave = (wave: string) => (wave.startsWith('again-') ? 'again' : wave);

/** how long after the round's send time, on a working day, a due wave may still go out */
export const SEND_WINDOW_HOURS = 8;

/** whether `now` is inside the round's send window: a working day, from its send time for SEND_WINDOW_HOURS (not past midnight) */
export function inSendWindow(round: Pick<Round, 'sendTime'>, now: Date): boolean {
  const today = stockholmDate(now);
  if (!isWorkingDay(today)) return false;
  const opens = stockholmInstant(today, round.sendTime).getTime();
  const closes = Math.min(opens + SEND_WINDOW_HOURS * 3_600_000, stockholmInstant(addDays(today, 1), '00:00').getTime());
  return now.getTime() >= opens && now.getTime() < closes;
}

/** the round's latest due wave at `now` (null: none due yet, or outside the send window) */
export function latestDueWave(round: Round, now: Date): { wave: string; kind: WaveKind } | null {
  const due = dueWaves(round, now);
  if (due.length === 0 || !inSendWindow(round, now)) return null;
  const latest = due[due.length - 1]!;
  const first = waveSchedule(round)[0]!;
  return { wave: waveKey(latest.offset), kind: latest.offset === first.offset ? 'first' : 'later' };
}

/** owners a scheduled wave (any wave but `wave`) reached on the Stockholm day of `now` */
export function reachedOn(entries: readonly OutboxEntry[], wave: string, now: Date): ReadonlySet<string> {
  const today = stockholmDate(now);
  return new Set(entries.filter((e) => e.wave !== wave && e.state === 'sent' && e.sentAt && stockholmDate(new Date(e.sentAt)) === today).map((e) => e.ownerId));
}

/** the owners of live measures with no outcome yet for any of the round's periods (measure-values.ts' periodsForRound) */
export function measureOwnersMissing(plan: Plan | null, round: Pick<Round, 'year' | 'tertial'>, outcomes: readonly MeasureOutcome[]): Set<string> {
  const periods = new Set(periodsForRound(round.year, round.tertial));
  const known = new Set(outcomes.filter((o) => o.current.value !== null && periods.has(o.period)).map((o) => o.measureRef));
  return new Set((plan?.measures ?? []).filter((m) => !m.archived && m.ownerId && !known.has(m.ref)).map((m) => m.ownerId!));
}

/** single activities handed over in the round and not taken back, by owner, then by substitute; owners who handed over everything are left out (their whole reminder goes to the substitute) */
export function partialHandovers(round: Pick<Round, 'substitutions'> | null): Map<string, Map<string, { name: string; refs: Set<string> }>> {
  const live = (round?.substitutions ?? []).filter((s) => s.endedAt === null);
  const whole = new Set(live.filter((s) => s.activityRef === null).map((s) => s.ownerId));
  const byOwner = new Map<string, Map<string, { name: string; refs: Set<string> }>>();
  for (const s of live) {
    if (s.activityRef === null || whole.has(s.ownerId)) continue;
    const bySub = byOwner.get(s.ownerId) ?? new Map<string, { name: string; refs: Set<string> }>();
    const part = bySub.get(s.substituteId) ?? { name: s.substituteName, refs: new Set<string>() };
    part.refs.add(s.activityRef);
    bySub.set(s.substituteId, part);
    byOwner.set(s.ownerId, bySub);
  }
  return byOwner;
}

/**
 * The recipients of one wave pass, fed page by page. `feed` counts each owner in `result` (recipients,
 * alreadyDone, remindedToday) and returns those who still need a delivery in this pass.
 */
export class WaveAudience {
  /** owners due the wave (read so far) */
  readonly due = new Set<string>();
  private readonly activitiesOf: ((owner: Owner) => Recipient['activities']) | null;

  constructor(
    plan: Plan | null,
    /** the round's reports as read when the pass starts */
    private readonly reported: ReportedSet,
    private readonly kind: WaveKind,
    private readonly existing: ReadonlyMap<string, VersionedEntry>,
    private readonly reachedToday: ReadonlySet<string> | null,
    private readonly result: WaveResult,
    /** the round's single-activity handovers (partialHandovers) and the owners with a measure still open (measureOwnersMissing) */
    private readonly extra: {
      handovers?: ReadonlyMap<string, ReadonlyMap<string, { name: string; refs: ReadonlySet<string> }>>;
      measuresOpen?: ReadonlySet<string>;
    } = {},
  ) {
    this.activitiesOf = plan ? activityIndex(plan) : null;
  }

  /** false when the round's year has no plan: nobody is due */
  get hasPlan(): boolean {
    return this.activitiesOf !== null;
  }

  feed(page: readonly Owner[]): Recipient[] {
    const out: Recipient[] = [];
    for (const owner of page) {
      const all = this.activitiesOf!(owner);
      const id = owner.aadObjectId;
      const measuresOpen = !owner.removed && (this.extra.measuresOpen?.has(id) ?? false);
      const handed = this.extra.handovers?.get(id);
      const handedRefs = new Set([...(handed?.values() ?? [])].flatMap((p) => [...p.refs]));
      const own = handedRefs.size > 0 ? all.filter((a) => !handedRefs.has(a.ref)) : all;
      if (own.length > 0 || measuresOpen) {
        this.take(out, { owner, activities: own, missing: missingFor(id, own, this.reported), measuresOpen, ...(own.length < all.length ? { part: true } : {}) });
      }
      for (const [substituteId, part] of handed ?? []) {
        const activities = all.filter((a) => part.refs.has(a.ref));
        if (activities.length === 0) continue;
        const key = handoverKey(id, substituteId);
        this.take(out, { owner, activities, missing: missingFor(id, activities, this.reported), key, substitute: { id: substituteId, name: part.name }, part: true });
      }
    }
    return out;
  }

  /** counts one delivery of the wave and adds it to `out` unless it is not due or already done */
  private take(out: Recipient[], r: Recipient): void {
    if (this.kind !== 'first' && r.missing.length === 0 && !r.measuresOpen) return;
    const key = recipientKey(r);
    if (this.reachedToday?.has(key)) {
      this.result.remindedToday++;
      return;
    }
    this.result.recipients++;
    this.due.add(key);
    const v = this.existing.get(key);
    if (v && TERMINAL_OUTBOX_STATES.has(v.entry.state)) {
      this.result.alreadyDone++;
      if (v.entry.state === 'sent') this.result.alreadySent++;
      if (v.entry.state === 'unreachable' || v.entry.state === 'failed') {
        this.result.problems.push({ ownerId: key, name: recipientName(r), state: v.entry.state, reason: v.entry.reason, earlier: true });
      }
      return;
    }
    out.push(r);
  }
}

/**
 * Whether a recipient of a later wave still has something unreported, re-reading the round's reports
 * every `recheckEvery` recipients, so a report made mid-wave stops that owner's reminder.
 */
export class MissingReports {
  private sinceRefresh = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly reports: Pick<ReportRepository, 'listByRound'>,
    private readonly round: Round,
    private readonly kind: WaveKind,
    private reported: ReportedSet,
    private readonly recheckEvery: number,
  ) {}

  /** the recipient's activities still without a report of theirs (the first wave: the ones known at its start) */
  async missing(r: Recipient): Promise<Recipient['activities']> {
    if (this.kind === 'first') return missingFor(r.owner.aadObjectId, r.activities, this.reported);
    if (++this.sinceRefresh >= this.recheckEvery) {
      this.sinceRefresh = 0;
      this.refreshing ??= this.reports
        .listByRound(this.round.id)
        .then((list) => {
          this.reported = reportedSet(list);
        })
        .finally(() => {
          this.refreshing = null;
        });
    }
    if (this.refreshing) await this.refreshing;
    return missingFor(r.owner.aadObjectId, r.activities, this.reported);
  }
}
