/**
 * Status collection as the bot uses it: an owner's items in the open rounds, and report submission.
 * Reference data (rounds, plans, owners) is kept in-process and revalidated (reference-data.ts); a
 * submit checks the round's current state.
 */
import { isAllowed, type OwnerResource, type Principal } from '../access/access-policy';
import type { Round, StatusReport } from '../domain/model';
import { catalogued, isTertialError, type ErrorId } from '../errors';
import { activitiesOfOwner, ownerResource } from '../owners/ownership';
import { moduleLogger, type Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import { isRoundOpen } from '../rounds/round-calendar';
import { inShare, standingInFor, substituteIdsFor, substitutesOf } from '../substitutes/substitutions';
import { goalPathOf, openItemsForOwner, type OwnerItem } from './owner-items';
import { ReferenceData } from './reference-data';
import { noMetrics, type Metrics } from '../ports/metrics';
import { submitReport, type SubmitAccepted } from './submit-report';
import { measuresOwnedBy } from '../measures/measure-values';

export type SubmitOutcome = ({ ok: true } & SubmitAccepted) | { ok: false; code: string; id: ErrorId | null; reason: string };

/** how far an owner is in a round: activities counted, how many have a status, the first without one */
export interface ReportProgress {
  total: number;
  done: number;
  nextRef: string | null;
}

/** what an owner handed to a substitute for a round: the owner's name, the activities (null: all) */
export interface HandedOver {
  ownerName: string;
  activityRefs: string[] | null;
}

export interface RoundItems {
  round: Round;
  items: OwnerItem[];
  /** the measures (mått) the card points to: the owner's own, for a card of theirs or a whole handover's */
  measures: number;
}

/**
 * How long a submit may take before it is answered "Inte sparat – försök igen": Teams waits longer,
 * a person should not. A write still under way may land after that answer; the card's submit key makes
 * the person's retry store it once (and answer with the receipt).
 */
export const SUBMIT_DEADLINE_MS = 4_000;

/**
 * How long the activities an owner has reported in a round, as this instance last read them, serve the
 * receipt's progress ("N av M klara") without a read. This instance's own submits keep them current; a
 * report stored through another instance shows in this instance's receipts at the latest this long after.
 */
export const PROGRESS_CACHE_MS = 60_000;
/** past this many owners cached, expired entries are dropped */
const PROGRESS_CACHE_PRUNE_AT = 5_000;

export class CollectionService {
  readonly reference: ReferenceData;
  private readonly logger: Logger;
  /** per `${roundId}|${ownerId}`: the activities with a status, read at most PROGRESS_CACHE_MS ago (monotonic ms) */
  private readonly reported = new Map<string, { until: number; refs: Set<string> }>();

  constructor(
    private readonly repos: Pick<Repositories, 'rounds' | 'plans' | 'owners' | 'reports'>,
    private readonly clock: Clock,
    private readonly metrics: Metrics = noMetrics,
    private readonly submitDeadlineMs: number = SUBMIT_DEADLINE_MS,
  ) {
    this.reference = new ReferenceData(repos, clock);
    this.logger = moduleLogger('collection');
  }

  /** rounds open now, newest first */
  async openRounds(): Promise<Round[]> {
    const now = this.clock.now();
    return (await this.repos.rounds.list()).filter((r) => isRoundOpen(r, now)).sort((a, b) => b.id.localeCompare(a.id));
  }

  /** the owner's items in the round, each handed to a substitute marked with whom */
  async itemsFor(ownerId: string, round: Round): Promise<OwnerItem[]> {
    const items = await openItemsForOwner(
      {
        reports: this.repos.reports,
        plan: (y) => this.reference.plan(y),
        owner: (id) => this.reference.owner(id),
        allOwners: () => this.reference.allOwners(),
      },
      ownerId,
      round,
    );
    const shares = substitutesOf(round, this.clock.now(), ownerId);
    if (shares.length === 0) return items;
    return items.map((item) => {
      const s = shares.find((share) => inShare(share.activityRefs, item.activity.ref));
      return s ? { ...item, handedTo: { id: s.substituteId, name: s.substituteName } } : item;
    });
  }

  /**
   * How far the owner is in the round: their activities, how many have a status, and the first without
   * one. The owner's own reports are read once (one query) and then kept for PROGRESS_CACHE_MS, updated
   * by this instance's submits; `stored` is a report just written, counted as it stands. `only` counts
   * just those of the owner's activities (a substitute's share).
   */
  async progress(ownerId: string, round: Round, stored?: StatusReport, only: readonly string[] | null = null): Promise<ReportProgress> {
    const [plan, owner] = await Promise.all([this.reference.plan(round.year), this.reference.owner(ownerId)]);
    if (!plan || !owner) return { total: 0, done: 0, nextRef: null };
    const reported = await this.reportedRefs(round.id, ownerId);
    if (stored && stored.ownerId === ownerId && stored.roundId === round.id) this.noteStored(stored);
    const activities = activitiesOfOwner(owner, plan).filter((a) => inShare(only, a.ref));
    const open = activities.filter((a) => !reported.has(a.ref));
    return { total: activities.length, done: activities.length - open.length, nextRef: open[0]?.ref ?? null };
  }

  /** the activities the owner has a status for in the round: cached, else one query of their own reports */
  private async reportedRefs(roundId: string, ownerId: string): Promise<Set<string>> {
    const key = `${roundId}|${ownerId}`;
    const now = performance.now();
    const cached = this.reported.get(key);
    if (cached && cached.until > now) return cached.refs;
    const refs = new Set((await this.repos.reports.listByOwner(roundId, ownerId)).filter((r) => r.current.status !== null).map((r) => r.activityRef));
    if (this.reported.size >= PROGRESS_CACHE_PRUNE_AT) {
      for (const [k, v] of this.reported) if (v.until <= now) this.reported.delete(k);
    }
    // a submit that landed while the query ran is in the entry already: keep it
    const current = this.reported.get(key);
    if (current && current.until > now) return current.refs;
    this.reported.set(key, { until: now + PROGRESS_CACHE_MS, refs });
    return refs;
  }

  /** a report this instance just stored: the cached progress of its owner follows it */
  private noteStored(report: StatusReport): void {
    const cached = this.reported.get(`${report.roundId}|${report.ownerId}`);
    if (!cached) return;
    if (report.current.status !== null) cached.refs.add(report.activityRef);
    else cached.refs.delete(report.activityRef);
  }

  /** the owner's items in every open round that has any */
  async openItems(ownerId: string): Promise<RoundItems[]> {
    const result: RoundItems[] = [];
    for (const round of await this.openRounds()) {
      const items = await this.itemsFor(ownerId, round);
      if (items.length > 0) result.push({ round, items, measures: await this.measureCount(ownerId, round) });
    }
    return result;
  }

  /** how many measures (mått) the owner reports in the round's year, from the cached plan */
  async measureCount(ownerId: string, round: Pick<Round, 'year'>): Promise<number> {
    return measuresOwnedBy(await this.reference.plan(round.year), ownerId);
  }

  /** one item of the owner (for the form card); null if the owner does not own it */
  async item(ownerId: string, roundId: string, activityRef: string): Promise<{ round: Round; item: OwnerItem } | null> {
    const round = await this.reference.round(roundId);
    if (!round) return null;
    const item = (await this.itemsFor(ownerId, round)).find((i) => i.activity.ref === activityRef);
    return item ? { round, item } : null;
  }

  /** the owners this person stands in for in the open rounds, with the items handed over */
  async substituteItems(substituteId: string): Promise<(RoundItems & { ownerId: string; ownerName: string })[]> {
    const now = this.clock.now();
    const result: (RoundItems & { ownerId: string; ownerName: string })[] = [];
    for (const listed of await this.openRounds()) {
      const round = (await this.reference.currentRound(listed.id)) ?? listed;
      for (const s of standingInFor(round, now, substituteId)) {
        const items = (await this.itemsFor(s.ownerId, round)).filter((i) => inShare(s.activityRefs, i.activity.ref));
        // the measures stay with the owner, unless they handed over everything (as the wave's reminder says)
        const measures = s.activityRefs === null ? await this.measureCount(s.ownerId, round) : 0;
        if (items.length > 0) result.push({ round, items, measures, ownerId: s.ownerId, ownerName: s.ownerName });
      }
    }
    return result;
  }

  /** the owner's activities the person stands in for in the round now (null: all of them); null when they do not stand in for the owner */
  handedTo(personId: string, ownerId: string, round: Round): HandedOver | null {
    if (personId === ownerId) return null;
    const standIn = standingInFor(round, this.clock.now(), personId).find((s) => s.ownerId === ownerId);
    return standIn ? { ownerName: standIn.ownerName, activityRefs: standIn.activityRefs } : null;
  }

  /**
   * What the receipt of a report counts: for a substitute who reported an activity handed to them, the
   * activities the owner handed to them (with `handedBy`, the owner's name); for anyone else, the owner
   * themselves or an admin on the owner's behalf, all the owner's activities.
   */
  async receiptProgress(reporterId: string, round: Round, stored: StatusReport): Promise<{ progress: ReportProgress; handedBy: string | null }> {
    const standIn = this.handedTo(reporterId, stored.ownerId, round);
    const covered = standIn && inShare(standIn.activityRefs, stored.activityRef) ? standIn : null;
    const progress = await this.progress(stored.ownerId, round, stored, covered?.activityRefs ?? null);
    return { progress, handedBy: covered?.ownerName ?? null };
  }

  /**
   * The owner's items in the round as the asker's list shows them: a substitute's is what the owner
   * handed to them (their "för" reminder's list), anyone else's all the owner's. Whether the asker may
   * see the owner's items at all is the access policy's (`items.view`), asked before.
   */
  async listFor(askerId: string, ownerId: string, round: Round): Promise<OwnerItem[]> {
    const items = await this.itemsFor(ownerId, round);
    // the owner's own list needs no look at who stands in for whom
    if (askerId === ownerId) return items;
    const refs = this.handedTo(askerId, ownerId, (await this.reference.currentRound(round.id)) ?? round)?.activityRefs ?? null;
    return items.filter((i) => inShare(refs, i.activity.ref));
  }

  /**
   * the owner as the access policy sees them (name, and the substitutes standing in for them in the
   * round, for the activity when one is named), for `items.view` on someone's items
   */
  async ownerResource(ownerId: string, roundId: string, activityRef: string | null): Promise<OwnerResource> {
    const [owner, round] = await Promise.all([this.reference.owner(ownerId), this.reference.currentRound(roundId)]);
    const substituteIds = round ? substituteIdsFor(round, this.clock.now(), ownerId, activityRef) : [];
    return { ...ownerResource(ownerId, owner), substituteIds };
  }

  /** whether the person may open the owner's activity: the policy's `items.view` on that owner */
  async mayActFor(principal: Principal, ownerId: string, roundId: string, activityRef: string | null): Promise<boolean> {
    if (ownerId === principal.actor.id) return true;
    return isAllowed(principal, 'items.view', await this.ownerResource(ownerId, roundId, activityRef));
  }

  isOpen(round: Round): boolean {
    return isRoundOpen(round, this.clock.now());
  }

  async submit(submitter: Principal, data: unknown): Promise<SubmitOutcome> {
    const started = performance.now();
    let outcome: 'stored' | 'refused' | 'error' = 'error';
    try {
      const accepted = await this.withinDeadline(submitter, submitReport(
        {
          reports: this.repos.reports,
          knownRound: (id) => this.reference.knownRoundVersion(id),
          // the round as stored now: closed by the CLI or another instance refuses at once
          currentRound: (id) => this.reference.currentRoundVersion(id),
          plan: (y) => this.reference.plan(y),
          owner: (id) => this.reference.owner(id),
          now: () => this.clock.now(),
        },
        submitter,
        data,
      ));
      this.logger.info(
        { roundId: accepted.round.id, activityRef: accepted.activity.ref, ownerId: accepted.report.ownerId, by: submitter.actor.id, status: accepted.report.current.status },
        'report stored',
      );
      outcome = 'stored';
      this.noteStored(accepted.report);
      return { ok: true, ...accepted };
    } catch (e) {
      if (!isTertialError(e)) throw e;
      outcome = e.code === 'store-unavailable' || e.code === 'conflict' ? 'error' : 'refused';
      this.logger.warn({ by: submitter.actor.id, code: e.code, id: e.id, reason: e.message }, 'report rejected');
      return { ok: false, code: e.code, id: e.id ?? null, reason: e.message };
    } finally {
      this.metrics.submit(outcome, performance.now() - started);
    }
  }

  /** the submit, or a 'store-unavailable' refusal once the deadline passes (what happens later is logged) */
  private withinDeadline<T extends { report: { ownerId: string; activityRef: string } }>(submitter: Principal, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(catalogued('report.no-answer-in-time', {})), this.submitDeadlineMs);
      timer.unref();
    });
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer)).catch((e: unknown) => {
      if (isTertialError(e) && e.id === 'report.no-answer-in-time') {
        work.then(
          (late) => this.logger.warn({ by: submitter.actor.id, activityRef: late.report.activityRef, ownerId: late.report.ownerId }, 'report stored after its submit was answered "not saved"'),
          () => undefined,
        );
      }
      throw e;
    });
  }
}

export { goalPathOf };
