import type { Container } from '@azure/cosmos';
import type { Owner } from '../domain/model';
import type { OwnerRepository } from '../ports/repositories';
import { mapLimit } from './concurrency';
import { queryAll, readItem, readModifyWrite, stripSystem } from './cosmos-util';

type OwnerItem = Owner & { id: string };

const toOwner = (item: OwnerItem): Owner => {
  const { id: _id, ...owner } = stripSystem<OwnerItem>(item);
  return owner;
};

/** Owners in the `owners` container, id and partition key = aadObjectId. */
export class CosmosOwnerRepository implements OwnerRepository {
  constructor(private readonly container: Container) {}

  async list(): Promise<Owner[]> {
    const items = await queryAll<OwnerItem>(this.container, 'SELECT * FROM c');
    return items.map(toOwner).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  /** every owner in pages of `pageSize` as the query returns them (unsorted): the dispatcher starts sending with the first */
  async *pages(pageSize: number): AsyncIterable<Owner[]> {
    const query = this.container.items.query<OwnerItem>('SELECT * FROM c', { maxItemCount: pageSize });
    while (query.hasMoreResults()) {
      const { resources } = await query.fetchNext();
      if (resources && resources.length > 0) yield resources.map(toOwner);
    }
  }

  async get(aadObjectId: string): Promise<Owner | null> {
    const item = await readItem<OwnerItem>(this.container, aadObjectId, aadObjectId);
    return item ? toOwner(item) : null;
  }

  async upsertMany(owners: Owner[]): Promise<void> {
    await mapLimit(owners, 16, (o) => this.container.items.upsert<OwnerItem>({ ...o, id: o.aadObjectId }));
  }

  async update(aadObjectId: string, change: (current: Owner) => Owner): Promise<Owner> {
    const item = await readModifyWrite<OwnerItem>(this.container, aadObjectId, aadObjectId, (current) => ({ ...change(toOwner(current)), id: aadObjectId }));
    return toOwner(item);
  }
}
