import type { Container } from '@azure/cosmos';
import { hasSubmit, type ReportVersion, type StatusReport } from '../domain/model';
import type { CurrentReport, ReportRepository } from '../ports/repositories';
import { isConflict, isPreconditionFailed, queryPartition, readItem, readModifyWrite, stripSystem } from './cosmos-util';

/** how many reports' last-seen ETags this process remembers for one-round-trip appends */
const KNOWN_LIMIT = 10_000;

type ReportItem = StatusReport & { id: string };

const reportId = (activityRef: string, ownerId: string) => `${activityRef}:${ownerId}`;
const toReport = (item: ReportItem): StatusReport => {
  const { id: _id, ...report } = stripSystem<ReportItem>(item);
  return report;
};

/**
 * Status reports in the `reports` container, partition key /roundId, id `${activityRef}:${ownerId}`.
 * An owner's items in a round and a round's progress are single-partition queries.
 *
 * An append is ONE round trip in the usual case: a first report is created directly (409 if it
 * exists), a later one replaces the version this process last saw, guarded by its ETag (412 if
 * someone else changed it). Either refusal falls back to the plain read-modify-write, so no version
 * is ever lost; at most 3 round trips.
 */
export class CosmosReportRepository implements ReportRepository {
  /** `${roundId}|${id}` → the item as last read or written here, with its ETag */
  private readonly known = new Map<string, { etag: string; item: ReportItem }>();

  constructor(private readonly container: Container) {}

  /** keeps the item and its ETag for the next append; returns the item without system fields */
  private remember(roundId: string, resource: (ReportItem & { _etag?: string }) | undefined): ReportItem | undefined {
    if (!resource?._etag) return undefined;
    const key = `${roundId}|${resource.id}`;
    const item = stripSystem<ReportItem>(resource);
    this.known.delete(key);
    if (this.known.size >= KNOWN_LIMIT) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, { etag: resource._etag, item });
    return item;
  }

  async get(roundId: string, activityRef: string, ownerId: string): Promise<StatusReport | null> {
    const item = await readItem<ReportItem>(this.container, reportId(activityRef, ownerId), roundId);
    this.remember(roundId, item ?? undefined);
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

  async append(roundId: string, activityRef: string, ownerId: string, version: ReportVersion): Promise<StatusReport> {
    const id = reportId(activityRef, ownerId);
    const key = `${roundId}|${id}`;
    const seen = this.known.get(key);
    // a retried submit whose first try is already stored (its answer was lost) stores nothing again
    if (seen && hasSubmit(seen.item.history, version.submitId)) return toReport(seen.item);
    try {
      if (seen) {
        const next: ReportItem = { ...seen.item, current: version, history: [...seen.item.history, version] };
        const { resource } = await this.container.item(id, roundId).replace(next, { accessCondition: { type: 'IfMatch', condition: seen.etag } });
        return toReport(this.remember(roundId, resource as ReportItem & { _etag?: string }) ?? (resource as ReportItem));
      }
      const { resource } = await this.container.items.create<ReportItem>({ id, roundId, activityRef, ownerId, current: version, history: [version] });
      return toReport(this.remember(roundId, resource as ReportItem & { _etag?: string }) ?? (resource as ReportItem));
    } catch (e) {
      if (!isPreconditionFailed(e) && !isConflict(e)) throw e;
      this.known.delete(key);
    }
    const item = await readModifyWrite<ReportItem>(
      this.container,
      id,
      roundId,
      (current) => (hasSubmit(current.history, version.submitId) ? current : { ...current, current: version, history: [...current.history, version] }),
      () => ({ id, roundId, activityRef, ownerId, current: version, history: [version] }),
    );
    return toReport(item);
  }
}
