/**
 * A round's progress, per owner: their activities reported / missing, each reminder delivery with its
 * time and outcome (a substitute's reminder "för" the owner among them), and whether the owner is
 * unreachable (with the connector's reason). The pure
 * `buildProgress` does the work in one pass over each list; `loadRoundProgress` reads what it needs
 * through the ports, in parallel and only the fields it shows (projections) where the store offers them.
 */
import type { Owner, Plan, Round, StatusReport } from '../domain/model';
import { roundId as makeRoundId } from '../domain/model';
import type { StatusCode } from '../domain/vocabulary';
import type { WaveProgress } from '../domain/progress-views';
import { catalogued } from '../errors';
import type { Clock } from '../ports/clock';
import type { DeliveryRecord, OutboxEntry, OutboxRepository, OutboxState, SenderLease } from '../ports/outbox';
import type { CurrentReport, OwnerAssignments, OwnerRepository, PlanRepository, ReportRepository, RoundRepository } from '../ports/repositories';
import { handoverKey, indexedOwnersWithActivities } from '../dispatch/recipients';
import { roundPhase, waveSchedule, type RoundPhase } from './round-calendar';
import { explainReachProblem, type ReachProblem } from './reach-problems';

export interface ActivityProgress {
  ref: string;
  title: string;
  status: StatusCode | null;
  reportedAt: string | null;
}

export interface Delivery {
  wave: string;
  state: OutboxState;
  /** when it was sent, or when its state last changed */
  at: string;
  attempts: number;
  /** as the outbox recorded it (for an unreachable or failed one, the connector's answer inside) */
  reason: string | null;
  /** an unreachable or failed delivery: why, and what to do, in words (reach-problems.ts) */
  problem: ReachProblem | null;
  possibleDuplicate: boolean;
  /** the substitute it went to ("för" the owner, the activities handed to them), or null: to the owner */
  via: { id: string; name: string } | null;
}

export interface OwnerProgress {
  ownerId: string;
  name: string;
  reported: ActivityProgress[];
  missing: ActivityProgress[];
  /** every reminder of the owner's, the ones to a substitute for them included (`via`) */
  deliveries: Delivery[];
  /** set when the owner's latest delivery (to themselves) ended unreachable (403/404) */
  unreachable: { reason: string; at: string } | null;
  /** set when the owner's latest delivery to themselves did not arrive (unreachable or failed): why, and what to do */
  notReached: (ReachProblem & { state: 'unreachable' | 'failed'; at: string }) | null;
}


export type { WaveProgress };

export interface RoundProgress {
  round: Round;
  phase: RoundPhase;
  owners: OwnerProgress[];
  waves: WaveProgress[];
  totals: { owners: number; ownersDone: number; reported: number; missing: number; unreachableOwners: number; notReachedOwners: number; sent: number; failed: number };
  /**
   * live activities nobody owns (no owner's unit or assignment covers them, e.g. after their owner was
   * removed), with the latest status anyone reported for them in this round
   */
  unowned: ActivityProgress[];
  /** true when the round's year has no plan: nobody can be reminded */
  planMissing: boolean;
  /** the instance sending reminders right now (it holds the app-wide sender lease), if any */
  sender: SenderLease | null;
}

export function buildProgress(
  round: Round,
  plan: Plan | null,
  owners: readonly (OwnerAssignments | Owner)[],
  reports: readonly (CurrentReport | StatusReport)[],
  entries: readonly (DeliveryRecord | OutboxEntry)[],
  now: Date,
  sender: SenderLease | null = null,
): RoundProgress {
  const reportBy = new Map<string, CurrentReport>();
  for (const r of reports) if (r.current.status !== null) reportBy.set(`${r.activityRef}\u0000${r.ownerId}`, r);
  // a reminder to a substitute for part of an owner's activities is keyed handoverKey(owner, substitute): it counts under the owner
  const handovers = new Map<string, { ownerId: string; via: { id: string; name: string } }>();
  for (const s of round.substitutions ?? []) handovers.set(handoverKey(s.ownerId, s.substituteId), { ownerId: s.ownerId, via: { id: s.substituteId, name: s.substituteName } });
  const entriesBy = new Map<string, { entry: DeliveryRecord; via: { id: string; name: string } | null }[]>();
  const entriesOfWave = new Map<string, DeliveryRecord[]>();
  for (const e of entries) {
    const handover = handovers.get(e.ownerId);
    const ownerKey = handover?.ownerId ?? e.ownerId;
    const ofOwner = entriesBy.get(ownerKey);
    if (ofOwner) ofOwner.push({ entry: e, via: handover?.via ?? null });
    else entriesBy.set(ownerKey, [{ entry: e, via: handover?.via ?? null }]);
    const ofWave = entriesOfWave.get(e.wave);
    if (ofWave) ofWave.push(e);
    else entriesOfWave.set(e.wave, [e]);
  }
  const owned = plan ? indexedOwnersWithActivities(plan, owners) : [];
  const ownedRefs = new Set(owned.flatMap((o) => o.activities.map((a) => a.ref)));
  const latestOf = new Map<string, CurrentReport>();
  for (const r of reportBy.values()) {
    const seen = latestOf.get(r.activityRef);
    if (!seen || seen.current.at < r.current.at) latestOf.set(r.activityRef, r);
  }
  const unowned: ActivityProgress[] = (plan?.activities ?? [])
    .filter((a) => !a.archived && !ownedRefs.has(a.ref))
    .map((a) => {
      const rep = latestOf.get(a.ref);
      return { ref: a.ref, title: a.title, status: rep?.current.status ?? null, reportedAt: rep?.current.at ?? null };
    });
  const ownerRows: OwnerProgress[] = owned.map(({ owner, activities }) => {
    const rows = activities.map((a) => {
      const rep = reportBy.get(`${a.ref}\u0000${owner.aadObjectId}`);
      return { ref: a.ref, title: a.title, status: rep?.current.status ?? null, reportedAt: rep?.current.at ?? null };
    });
    const deliveries = (entriesBy.get(owner.aadObjectId) ?? [])
      .map(({ entry: e, via }) => ({
        wave: e.wave,
        state: e.state,
        at: e.sentAt ?? e.updatedAt,
        attempts: e.attempts.length,
        reason: e.reason,
        problem: e.state === 'unreachable' || e.state === 'failed' ? explainReachProblem(e.state, e.reason) : null,
        possibleDuplicate: e.possibleDuplicate,
        via,
      }))
      .sort((a, b) => a.at.localeCompare(b.at));
    // whether the owner can be reached is told by what went to the owner; a substitute's own problem is not theirs
    const last = [...deliveries].reverse().find((d) => d.state !== 'skipped' && d.via === null);
    return {
      ownerId: owner.aadObjectId,
      name: owner.name,
      reported: rows.filter((r) => r.status !== null),
      missing: rows.filter((r) => r.status === null),
      deliveries,
      unreachable: last && last.state === 'unreachable' ? { reason: last.reason ?? 'unreachable', at: last.at } : null,
      notReached: last?.problem && (last.state === 'unreachable' || last.state === 'failed') ? { ...last.problem, state: last.state, at: last.at } : null,
    };
  });
  const waves = waveSchedule(round).map((w) => {
    const key = `w${w.offset}`;
    const of = entriesOfWave.get(key) ?? [];
    const count = (s: OutboxState) => of.filter((e) => e.state === s).length;
    return {
      wave: key,
      offset: w.offset,
      date: w.date,
      at: w.at.toISOString(),
      sent: count('sent'),
      unreachable: count('unreachable'),
      failed: count('failed'),
      skipped: count('skipped'),
      pending: count('sending') + count('backoff'),
    };
  });
  return {
    round,
    phase: roundPhase(round, now),
    owners: ownerRows,
    waves,
    unowned,
    planMissing: plan === null,
    sender,
    totals: {
      owners: ownerRows.length,
      ownersDone: ownerRows.filter((o) => o.missing.length === 0).length,
      reported: ownerRows.reduce((n, o) => n + o.reported.length, 0),
      missing: ownerRows.reduce((n, o) => n + o.missing.length, 0),
      unreachableOwners: ownerRows.filter((o) => o.unreachable).length,
      notReachedOwners: ownerRows.filter((o) => o.notReached).length,
      sent: entries.filter((e) => e.state === 'sent').length,
      failed: entries.filter((e) => e.state === 'failed').length,
    },
  };
}

export interface ProgressDeps {
  rounds: RoundRepository;
  plans: PlanRepository;
  owners: OwnerRepository;
  reports: ReportRepository;
  outbox: OutboxRepository;
  clock: Clock;
}

export async function loadRoundProgress(deps: ProgressDeps, year: number, tertial: number): Promise<RoundProgress> {
  const id = makeRoundId(year, tertial);
  const round = await deps.rounds.get(id);
  if (!round) throw catalogued('round.not-found-short', { year: Number(id.slice(0, 4)), tertial: Number(id.slice(-1)) });
  const now = deps.clock.now();
  const [plan, owners, reports, entries, sender] = await Promise.all([
    deps.plans.get(year),
    deps.owners.listAssignments ? deps.owners.listAssignments() : deps.owners.list(),
    deps.reports.listCurrentByRound ? deps.reports.listCurrentByRound(id) : deps.reports.listByRound(id),
    deps.outbox.listDeliveries ? deps.outbox.listDeliveries(id) : deps.outbox.listRound(id),
    deps.outbox.senderLease(now.toISOString()),
  ]);
  return buildProgress(round, plan, owners, reports, entries, now, sender);
}
