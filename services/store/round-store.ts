import type { Container } from '@azure/cosmos';
import type { Round } from '../domain/model';
import { TertialError } from '../errors';
import type { ReadIfChanged, RoundRepository } from '../ports/repositories';
import { isConflict, queryAll, readIfChanged, readItem, readModifyWrite, stripSystem } from './cosmos-util';

/** Rounds in the `rounds` container, id `${year}-T${tertial}`, partition key /year. */
export class CosmosRoundRepository implements RoundRepository {
  constructor(private readonly container: Container) {}

  private static yearOf(id: string): number {
    const year = Number(id.split('-T')[0]);
    if (!Number.isInteger(year)) throw new TertialError('invalid-input', `Ogiltigt omgångs-id: ${id}`);
    return year;
  }

  async get(id: string): Promise<Round | null> {
    const item = await readItem<Round>(this.container, id, CosmosRoundRepository.yearOf(id));
    return item ? stripSystem<Round>(item) : null;
  }

  async getIfChanged(id: string, version: string | null): Promise<ReadIfChanged<Round>> {
    const res = await readIfChanged<Round>(this.container, id, CosmosRoundRepository.yearOf(id), version);
    if (!res.changed) return res;
    return { changed: true, value: res.item ? stripSystem<Round>(res.item) : null, version: res.item?._etag ?? null };
  }

  async list(): Promise<Round[]> {
    const items = await queryAll<Round>(this.container, 'SELECT * FROM c');
    return items.map((i) => stripSystem<Round>(i)).sort((a, b) => a.id.localeCompare(b.id));
  }

  async create(round: Round): Promise<Round> {
    try {
      const { resource } = await this.container.items.create(round);
      return stripSystem<Round>(resource!);
    } catch (e) {
      if (isConflict(e)) throw new TertialError('conflict', `Omgången ${round.id} finns redan`);
      throw e;
    }
  }

  async update(id: string, change: (current: Round) => Round): Promise<Round> {
    return readModifyWrite<Round>(this.container, id, CosmosRoundRepository.yearOf(id), change);
  }
}
