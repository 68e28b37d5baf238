import type { Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import { hasSubmit, type ReportVersion, type StatusReport } from '../domain/model';
import { TertialError } from '../errors';
import type { CurrentReport, ReportRepository, RoundGuard } from '../ports/repositories';
import type { FenceScope } from '../rounds/report-fence';
import { mapLimit } from './concurrency';
import { WriteGroups } from './write-groups';
import { isConflict, isNotFound, isPreconditionFailed, MAX_CONFLICT_RETRIES, queryPartition, readItem, stripSystem } from './cosmos-util';

/** how many reports' last-seen ETags this process remembers for one-round-trip appends */
const KNOWN_LIMIT = 10_000;
/** reports rewritten at once by a fence */
const FENCE_CONCURRENCY = 8;

/** `fence` is rewritten by a round change to move the report's ETag on (services/rounds/report-fence.ts) */
type ReportItem = StatusReport & { id: string; fence?: string };

const reportId = (activityRef: string, ownerId: string) => `${activityRef}:${ownerId}`;
const toReport = (item: ReportItem): StatusReport => {
  const { id: _id, fence: _fence, ...report } = stripSystem<ReportItem>(item);
  return report;
};
const withVersion = (item: ReportItem, version: ReportVersion): ReportItem => ({ ...item, current: version, history: [...item.history, version] });

interface Known {
  etag: string;
  item: ReportItem;
  /** the round version a guarded write of this ETag was checked against; null when none was */
  checkedUnder: string | null;
}

/**
 * Status reports in the `reports` container, partition key /roundId, id `${activityRef}:${ownerId}`.
 * An owner's items in a round and a round's progress are single-partition queries.
 *
 * An append is ONE round trip in the usual case: a report this process wrote last is replaced under
 * the ETag that write returned (412 if anyone changed it since). With a RoundGuard that holds only when
 * the write was checked against the same round version; a round change fences the reports it concerns
 * (`fence`), so such an ETag is stale once the round has changed. Otherwise the append checks the round
 * again (`guard.confirm`) after it knows the report's ETag, then writes under it: a first report is
 * created (409 if it exists), a later one replaced. Any refusal re-reads and tries again, so no
 * version is ever lost.
 */
export class CosmosReportRepository implements ReportRepository {
  /** `${roundId}|${id}` → the item as last read or written here, with its ETag */
  private readonly known = new Map<string, Known>();
  /** appends issued together under a burst go out together */
  private readonly writes = new WriteGroups();

  constructor(private readonly container: Container) {}

  /** keeps the item and its ETag for the next append; returns the item without system fields */
  private remember(roundId: string, resource: (ReportItem & { _etag?: string }) | undefined, checkedUnder: string | null): ReportItem | undefined {
    if (!resource?._etag) return undefined;
    const key = `${roundId}|${resource.id}`;
    const item = stripSystem<ReportItem>(resource);
    this.known.delete(key);
    if (this.known.size >= KNOWN_LIMIT) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, { etag: resource._etag, item, checkedUnder });
    return item;
  }

  async get(roundId: string, activityRef: string, ownerId: string): Promise<StatusReport | null> {
    const item = await readItem<ReportItem>(this.container, reportId(activityRef, ownerId), roundId);
    this.remember(roundId, item ?? undefined, null);
    return item ? toReport(item) : null;
  }

  async listByRound(roundId: string): Promise<StatusReport[]> {
    return (await queryPartition<ReportItem>(this.container, { field: 'roundId', value: roundId })).map(toReport);
  }

  /** a projection: no history, so the store serialises a fraction of each report */
  async listCurrentByRound(roundId: string): Promise<CurrentReport[]> {
    const rows = await queryPartition<{ activityRef: string; ownerId: string; status?: CurrentReport['current']['status']; at: string }>(
      this.container,
      { field: 'roundId', value: roundId },
      'true',
      [],
      'c.activityRef, c.ownerId, c.current.status, c.current.at',
    );
    return rows.map((r) => ({ activityRef: r.activityRef, ownerId: r.ownerId, current: { status: r.status ?? null, at: r.at } }));
  }

  async listByOwner(roundId: string, ownerId: string): Promise<StatusReport[]> {
    const items = await queryPartition<ReportItem>(
      this.container,
      { field: 'roundId', value: roundId },
      'c.ownerId = @ownerId',
      [{ name: '@ownerId', value: ownerId }],
    );
    return items.map(toReport);
  }

  async append(roundId: string, activityRef: string, ownerId: string, version: ReportVersion, guard?: RoundGuard): Promise<StatusReport> {
    const id = reportId(activityRef, ownerId);
    const known = this.known.get(`${roundId}|${id}`);
    // a retried submit whose first try is already stored (its answer was lost) stores nothing again
    if (known && hasSubmit(known.item.history, version.submitId)) return toReport(known.item);
    let seen: { etag: string; item: ReportItem } | null = known ?? null;
    if (known && (!guard || (guard.version !== null && known.checkedUnder === guard.version))) {
      const written = await this.write(roundId, id, withVersion(known.item, version), known.etag, guard?.version ?? null);
      if (written) return toReport(written);
      seen = null;
    }
    // without a known ETag the report is most likely new: the first try creates it without a read
    let tryCreate = known === undefined;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      if (!seen && !tryCreate) {
        const current = await readItem<ReportItem>(this.container, id, roundId);
        seen = current ? { etag: current._etag, item: stripSystem<ReportItem>(current) } : null;
        if (seen && hasSubmit(seen.item.history, version.submitId)) {
          this.remember(roundId, current!, null);
          return toReport(seen.item);
        }
      }
      // the round as stored now, checked after the report's ETag is known: a fence before it is seen
      const checkedUnder = guard ? await guard.confirm() : null;
      const written = seen
        ? await this.write(roundId, id, withVersion(seen.item, version), seen.etag, checkedUnder)
        : await this.create(roundId, { id, roundId, activityRef, ownerId, current: version, history: [version] }, guard);
      if (written) return toReport(written);
      seen = null;
      tryCreate = false;
    }
    throw new TertialError('conflict', `Kunde inte spara ${id}: för många samtidiga ändringar, försök igen`);
  }

  /** replaces the item under `etag`; null when it changed meanwhile (412) */
  private async write(roundId: string, id: string, next: ReportItem, etag: string, checkedUnder: string | null): Promise<ReportItem | null> {
    try {
      const { resource } = await this.writes.run(() => this.container.item(id, roundId).replace(next, { accessCondition: { type: 'IfMatch', condition: etag } }));
      return this.remember(roundId, resource as ReportItem & { _etag?: string }, checkedUnder) ?? (resource as ReportItem);
    } catch (e) {
      if (!isPreconditionFailed(e) && !isNotFound(e)) throw e;
      this.known.delete(`${roundId}|${id}`);
      return null;
    }
  }

  /**
   * Creates a first report; null when one exists already (409). Its ETag is not taken as checked by
   * the check before the create (a fence between that check and the create did not see the report),
   * only by a `confirm` after it, made behind the answer: from the create on, any fence rewrites it.
   */
  private async create(roundId: string, item: ReportItem, guard?: RoundGuard): Promise<ReportItem | null> {
    let created: ReportItem & { _etag?: string };
    try {
      created = (await this.writes.run(() => this.container.items.create<ReportItem>(item))).resource as ReportItem & { _etag?: string };
    } catch (e) {
      if (!isConflict(e)) throw e;
      return null;
    }
    const remembered = this.remember(roundId, created, null);
    if (guard && created._etag) void this.vouch(`${roundId}|${item.id}`, created._etag, guard);
    return remembered ?? created;
  }

  /** takes the ETag as checked against the round as read now, if it is still the one known */
  private async vouch(key: string, etag: string, guard: RoundGuard): Promise<void> {
    try {
      const version = await guard.confirm();
      const known = this.known.get(key);
      if (version !== null && known?.etag === etag) known.checkedUnder = version;
    } catch {
      // refused now, or the round could not be read: the ETag stays unchecked and the next append confirms
    }
  }

  /**
   * Rewrites the round's reports in `scope` so every ETag held for them goes stale (a patch moves the
   * ETag on and changes nothing else a reader sees). Returns how many were rewritten.
   */
  async fence(roundId: string, scope: FenceScope): Promise<number> {
    const rows = await queryPartition<{ id: string; ownerId: string }>(this.container, { field: 'roundId', value: roundId }, 'true', [], 'c.id, c.ownerId');
    const owners = scope.all ? null : new Set(scope.owners);
    const ids = rows.filter((r) => owners === null || owners.has(r.ownerId)).map((r) => r.id);
    const mark = randomUUID();
    await mapLimit(ids, FENCE_CONCURRENCY, async (id) => {
      await this.container
        .item(id, roundId)
        .patch([{ op: 'set', path: '/fence', value: mark }])
        .catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        });
      this.known.delete(`${roundId}|${id}`);
    });
    return ids.length;
  }
}
