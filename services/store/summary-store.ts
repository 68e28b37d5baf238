import type { Container } from '@azure/cosmos';
import { TertialError } from '../errors';
import type { RoundSummary, RoundSummaryRepository, SummaryVersion } from '../ports/repositories';
import { readItem, readModifyWrite, stripSystem } from './cosmos-util';

/** the one summary item of a round, in the round's scope of the `publications` container */
export const SUMMARY_ID = 'round-summary';

type SummaryItem = RoundSummary & { id: string; scope: string; type: 'round-summary' };

const toSummary = (item: SummaryItem): RoundSummary => {
  const { id: _id, scope: _scope, type: _type, ...s } = stripSystem<SummaryItem>(item);
  return s;
};

/** someone else wrote a version after the one the writer saw: their text is not overwritten */
const staleConflict = () =>
  new TertialError('conflict', 'Sammanfattningen har ändrats av någon annan sedan du öppnade den; läs in den igen och gör din ändring på nytt. Inget har sparats.');

/**
 * The ledningsgrupp's Sammanfattning of a round: one item per round in the `publications` container
 * (partition /scope = roundId, id `round-summary`, type `round-summary`), every version kept in `history`.
 */
export class CosmosRoundSummaryRepository implements RoundSummaryRepository {
  constructor(private readonly container: Container) {}

  async get(roundId: string): Promise<RoundSummary | null> {
    const item = await readItem<SummaryItem>(this.container, SUMMARY_ID, roundId);
    return item ? toSummary(item) : null;
  }

  async append(roundId: string, version: SummaryVersion, expectedVersions?: number): Promise<RoundSummary> {
    const item = await readModifyWrite<SummaryItem>(
      this.container,
      SUMMARY_ID,
      roundId,
      (current) => {
        if (expectedVersions !== undefined && current.history.length !== expectedVersions) throw staleConflict();
        return { ...current, current: version, history: [...current.history, version] };
      },
      () => {
        if (expectedVersions !== undefined && expectedVersions !== 0) throw staleConflict();
        return { id: SUMMARY_ID, scope: roundId, type: 'round-summary', roundId, current: version, history: [version] };
      },
    );
    return toSummary(item);
  }
}
