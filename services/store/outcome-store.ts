import type { Container } from '@azure/cosmos';
import type { MeasureOutcome, OutcomeVersion } from '../domain/model';
import type { MeasureOutcomeRepository } from '../ports/repositories';
import { queryPartition, readItem, readModifyWrite, stripSystem } from './cosmos-util';

type OutcomeItem = MeasureOutcome & { id: string };

const toOutcome = (item: OutcomeItem): MeasureOutcome => {
  const { id: _id, ...o } = stripSystem<OutcomeItem>(item);
  return o;
};
/** item id: the measure ref and the period ('4.1.M1|2025-T3'); '|' occurs in neither */
const outcomeId = (measureRef: string, period: string) => `${measureRef}|${period}`;

/** Measure outcomes in the `outcomes` container, partition key /year. */
export class CosmosOutcomeRepository implements MeasureOutcomeRepository {
  constructor(private readonly container: Container) {}

  async listByYear(year: number): Promise<MeasureOutcome[]> {
    return (await queryPartition<OutcomeItem>(this.container, { field: 'year', value: year })).map(toOutcome);
  }

  async get(year: number, measureRef: string, period: string): Promise<MeasureOutcome | null> {
    const item = await readItem<OutcomeItem>(this.container, outcomeId(measureRef, period), year);
    return item ? toOutcome(item) : null;
  }

  async append(year: number, measureRef: string, period: string, version: OutcomeVersion): Promise<MeasureOutcome> {
    const id = outcomeId(measureRef, period);
    const item = await readModifyWrite<OutcomeItem>(
      this.container,
      id,
      year,
      (current) => ({ ...current, current: version, history: [...current.history, version] }),
      () => ({ id, year, measureRef, period, current: version, history: [version] }),
    );
    return toOutcome(item);
  }
}
