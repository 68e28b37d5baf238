import type { Container } from '@azure/cosmos';
import type { ReportVersion, StatusReport } from '../domain/model';
import type { ReportRepository } from '../ports/repositories';
import { queryPartition, readItem, readModifyWrite, stripSystem } from './cosmos-util';

type ReportItem = StatusReport & { id: string };

const reportId = (activityRef: string, ownerId: string) => `${activityRef}:${ownerId}`;
const toReport = (item: ReportItem): StatusReport => {
  const { id: _id, ...report } = stripSystem<ReportItem>(item);
  return report;
};

/**
 * Status reports in the `reports` container, partition key /roundId, id `${activityRef}:${ownerId}`.
 * An owner's items in a round and a round's progress are single-partition queries.
 */
export class CosmosReportRepository implements ReportRepository {
  constructor(private readonly container: Container) {}

  async get(roundId: string, activityRef: string, ownerId: string): Promise<StatusReport | null> {
    const item = await readItem<ReportItem>(this.container, reportId(activityRef, ownerId), roundId);
    return item ? toReport(item) : null;
  }

  async listByRound(roundId: string): Promise<StatusReport[]> {
    return (await queryPartition<ReportItem>(this.container, { field: 'roundId', value: roundId })).map(toReport);
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
    const item = await readModifyWrite<ReportItem>(
      this.container,
      id,
      roundId,
      (current) => ({ ...current, current: version, history: [...current.history, version] }),
      () => ({ id, roundId, activityRef, ownerId, current: version, history: [version] }),
    );
    return toReport(item);
  }
}
