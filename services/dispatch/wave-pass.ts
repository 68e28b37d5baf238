/**
 * One pass over a wave: every recipient ends with a terminal entry, or is left for the next pass.
 * Owners are read page by page, a first page of OWNER_PAGE and the rest in the store's own page size;
 * sending starts with the first page, and the rest is read once its first request has left. The plan,
 * the round's reports and the wave's entries are read first (in parallel with the first page).
 * Deliveries run on a p-queue (`concurrency` in flight; the pacer sets the pace).
 * A recipient's reminder is composed only once its entry is claimed.
 */
import PQueue from 'p-queue';
import type { Owner, Round } from '../domain/model';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { OutboxRepository, VersionedEntry } from '../ports/outbox';
import type { MeasureOutcomeRepository, OwnerRepository, PlanRepository, ReportRepository } from '../ports/repositories';
import { measureOwnersMissing, MissingReports, partialHandovers, reachedOn, WaveAudience } from './due-waves';
import type { OutboxClaims } from './outbox-claims';
import { REMINDED_TODAY_REASON } from './outbox-reasons';
import { stockholmDate } from '../rounds/stockholm-time';
import { recipientKey, recipientName, reportedSet, type Recipient } from './recipients';
import type { ReminderComposer } from './reminder-composer';
import type { SendGate, SendLoop, SendOutcome } from './send-loop';
import { count, emptyResult, type Outcome, type WaveKind, type WaveResult } from './wave-result';

/** owners in the first page read, with which a wave starts sending (the rest come in the store's page size) */
export const OWNER_PAGE = 500;

async function* wholeList<T>(read: () => Promise<T[]>): AsyncIterable<T[]> {
  yield await read();
}

export interface WavePassDeps {
  owners: OwnerRepository;
  plans: PlanRepository;
  reports: ReportRepository;
  /** the measures' outcomes: owners with a measure still open for the round are due (none: measures are left out) */
  outcomes?: Pick<MeasureOutcomeRepository, 'listByYear'>;
  outbox: OutboxRepository;
  composer: ReminderComposer;
  clock: Clock;
  claims: OutboxClaims;
  sendLoop: SendLoop;
  log: Logger;
  concurrency: number;
  /** entries claimed but not yet sent, at most (the rest wait to be claimed until a slot is near) */
  claimAhead: number;
  /** a claim is made only while the sender lease holds at least this much longer */
  fenceMarginMs: number;
  recheckEvery: number;
  /** aborted on a graceful stop: no recipient is taken any more */
  stopping: AbortSignal;
  /** when the bot last posted the person a reminder card itself in the round (first contact, `status`); none: not known */
  reminderPostedAt?: (ownerId: string, roundId: string) => Promise<string | null>;
  /** the pass reads a part of the owners (one person reminded from the tab): it leaves others' entries alone */
  partialAudience?: boolean;
  /** an admin reminds this person on purpose (remindOwner): a reminder they got earlier today does not hold this one back */
  deliberate?: boolean;
}

export interface PassGate extends SendGate {
  /** true once the sender lease was lost in this pass: no new sends; the next tick finishes the wave */
  readonly lost: boolean;
}

export async function runWavePass(deps: WavePassDeps, round: Round, wave: string, kind: WaveKind, gate: PassGate): Promise<WaveResult> {
  const { plans, owners, reports, outbox, log } = deps;
  const source = owners.pages ? owners.pages(OWNER_PAGE) : wholeList(() => owners.list());
  const pages = source[Symbol.asyncIterator]();
  const firstPage = pages.next(); // starts reading owners now, alongside the rest
  firstPage.catch(() => undefined); // awaited below; a failure is handled there
  const [plan, reportList, existingList, roundEntries, outcomeList] = await Promise.all([
    plans.get(round.year),
    reports.listByRound(round.id),
    outbox.listWave(round.id, wave),
    deps.deliberate ? [] : outbox.listRound(round.id),
    deps.outcomes ? deps.outcomes.listByYear(round.year) : null,
  ]);
  // at most one reminder per person and day: a wave (or "påminn nu") leaves out whoever another wave reached today;
  // a person an admin reminds on purpose is not held back by it
  const reachedToday = deps.deliberate ? null : reachedOn(roundEntries, wave, deps.clock.now());
  const existing = new Map(existingList.map((v) => [v.entry.ownerId, v]));
  const result = emptyResult(round.id, wave, kind);
  const reported = reportedSet(reportList);
  const audience = new WaveAudience(plan, reported, kind, existing, reachedToday, result, {
    handovers: partialHandovers(round),
    ...(outcomeList ? { measuresOpen: measureOwnersMissing(plan, round, outcomeList) } : {}),
  });
  const missing = new MissingReports(reports, round, kind, reported, deps.recheckEvery);

  const queue = new PQueue({ concurrency: Math.max(1, deps.concurrency) });
  const claimAhead = new PQueue({ concurrency: Math.max(1, deps.claimAhead) });
  // the first request of the pass has left (or the pass ends without one)
  let firstLeft: () => void = () => undefined;
  const sending = new Promise<void>((resolve) => (firstLeft = resolve));
  const deliverOne = async (r: Recipient) => {
    if (!(await gate.keepSending())) result.senderBusy = true;
    if (gate.lost || deps.stopping.aborted) {
      queue.clear();
      return;
    }
    let outcome: Outcome | 'reminded-today';
    let reason: string | null = null;
    try {
      const delivered = await deliver(deps, missing, round, wave, kind, r, existing.get(recipientKey(r)), gate, claimAhead, firstLeft);
      ({ outcome, reason } = typeof delivered === 'string' ? { outcome: delivered, reason: null } : delivered);
    } catch (err) {
      log.warn({ err, owner: recipientKey(r), wave }, 'delivery deferred after an error');
      outcome = 'deferred';
    }
    if (outcome === 'reminded-today') {
      // not a recipient of this wave after all: they got (or opened) the round's reminder today
      result.recipients--;
      result.remindedToday++;
      return;
    }
    count(result, outcome);
    if (outcome === 'unreachable' || outcome === 'failed') {
      result.problems.push({ ownerId: recipientKey(r), name: recipientName(r), state: outcome, reason, earlier: false });
    }
  };
  const feed = (page: readonly Owner[]) => {
    for (const r of audience.feed(page)) void queue.add(() => deliverOne(r));
  };

  log.info({ round: round.id, wave, kind, entries: existingList.length }, 'wave pass starts');
  let loadError: unknown = null;
  try {
    if (!audience.hasPlan) {
      await firstPage;
      await pages.return?.(undefined);
    } else {
      for (let step = await firstPage; !step.done; step = await pages.next()) {
        feed(step.value);
        // the next page only once the first request has left: a page is a query the store may take a
        // while over (the embedded server scans the whole container per page), and the claims and
        // lookups of the first sends should not wait behind it
        await Promise.race([sending, queue.onIdle()]);
      }
    }
  } catch (err) {
    loadError = err;
  }
  await queue.onIdle();
  // owners could not all be read: what was sent stays sent; the next tick finishes the wave
  if (loadError) throw loadError;
  // entries a dead instance left behind for owners no longer due: only with the whole owner list read
  // (an owner not yet read is not "no longer due")
  if (!deps.partialAudience && !gate.lost && !deps.stopping.aborted) await deps.claims.closeStale(existingList, audience.due);

  const terminal = result.alreadyDone + result.sent + result.unreachable + result.failed + result.skipped;
  result.complete = terminal === result.recipients && result.deferred === 0;
  if (result.complete && !deps.partialAudience) {
    await outbox.markWaveComplete({ roundId: round.id, wave, completedAt: deps.clock.now().toISOString(), recipients: result.recipients });
  }
  log.info({ ...result }, 'wave pass done');
  return result;
}

/** a place among the `claimAhead` entries claimed ahead of their send; the returned function gives it back (once) */
function claimPermit(claimAhead: PQueue): Promise<() => void> {
  return new Promise((granted) => {
    void claimAhead.add(
      () =>
        new Promise<void>((done) => {
          let given = false;
          granted(() => {
            if (!given) {
              given = true;
              done();
            }
          });
        }),
    );
  });
}

async function deliver(
  deps: WavePassDeps,
  missing: MissingReports,
  round: Round,
  wave: string,
  kind: WaveKind,
  r: Recipient,
  known: VersionedEntry | undefined,
  gate: PassGate,
  claimAhead: PQueue,
  left: () => void,
): Promise<Outcome | 'reminded-today' | SendOutcome> {
  // the owner's entry, or that of the part handed to a substitute
  const ownerId = recipientKey(r);
  const open = await missing.missing(r);
  if (kind !== 'first' && open.length === 0 && !r.measuresOpen) return deps.claims.skip(round.id, wave, ownerId, known);
  // the bot gave them the round's reminder card itself today (first contact, `status`): not again today
  if (kind !== 'manual' && deps.reminderPostedAt && !r.substitute) {
    const posted = await deps.reminderPostedAt(ownerId, round.id).catch(() => null);
    if (posted && stockholmDate(new Date(posted)) === stockholmDate(deps.clock.now())) {
      const skipped = await deps.claims.skip(round.id, wave, ownerId, known, REMINDED_TODAY_REASON);
      return skipped === 'skipped' ? 'reminded-today' : skipped;
    }
  }
  // claimed only when its slot is near: at most `claimAhead` entries wait claimed for their request to leave
  const giveBack = await claimPermit(claimAhead);
  try {
    if (gate.lost || deps.stopping.aborted || !gate.holdsFor(deps.fenceMarginMs)) return 'deferred';
    const claimed = await deps.claims.claim(round.id, wave, ownerId, known);
    if (claimed === 'done' || claimed === 'deferred') return claimed;
    let message;
    try {
      message = await deps.composer.compose({
        round,
        owner: r.owner,
        activities: r.activities,
        missing: open,
        wave,
        ...(r.part ? { part: true } : {}),
        ...(r.substitute ? { substitute: r.substitute } : {}),
      });
    } catch (err) {
      // nothing was sent: the claim is given up at once, so the next pass takes it without a duplicate flag
      await deps.claims.release(claimed);
      throw err;
    }
    return await deps.sendLoop.run(claimed, message, gate, () => {
      left();
      giveBack();
    });
  } finally {
    giveBack();
  }
}
