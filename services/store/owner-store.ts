import type { Container } from '@azure/cosmos';
import type { Owner } from '../domain/model';
import { randomUUID } from 'node:crypto';
import type { OwnerAssignments, OwnerRepository, ReadIfChanged } from '../ports/repositories';
import { mapLimit } from './concurrency';
import { QUERY_PAGE_ITEMS, queryAll, readIfChanged, readItem, readModifyWrite, stripSystem } from './cosmos-util';

type OwnerItem = Owner & { id: string };

/**
 * One item beside the owners whose ETag is the version of the owner list: every owner write rewrites
 * it afterwards, so an instance checks in one point read whether its cached list is current.
 */
const CHANGES_ID = '~owners-changed';
const isOwner = (item: { id: string }) => item.id !== CHANGES_ID;

/** owners sort by name as Swedish readers expect (å, ä, ö last); one collator, faster than localeCompare per pair */
const byName = new Intl.Collator('sv');

const toOwner = (item: OwnerItem): Owner => {
  const { id: _id, ...owner } = stripSystem<OwnerItem>(item);
  return owner;
};

/** Owners in the `owners` container, id and partition key = aadObjectId. */
export class CosmosOwnerRepository implements OwnerRepository {
  constructor(private readonly container: Container) {}

  async list(): Promise<Owner[]> {
    const items = await queryAll<OwnerItem>(this.container, 'SELECT * FROM c');
    return items.filter(isOwner).map(toOwner).sort((a, b) => byName.compare(a.name, b.name));
  }

  /** a projection: only the fields a round's progress needs, so the store serialises a fraction of each owner */
  async listAssignments(): Promise<OwnerAssignments[]> {
    const items = await queryAll<OwnerAssignments & { id: string }>(this.container, 'SELECT c.id, c.aadObjectId, c.name, c.units, c.activities FROM c');
    return items
      .filter(isOwner)
      .map(({ aadObjectId, name, units, activities }) => ({ aadObjectId, name, units: units ?? [], activities: activities ?? [] }))
      .sort((a, b) => byName.compare(a.name, b.name));
  }

  /**
   * every owner as the query returns them (unsorted): a first page of `firstPageSize`, so the dispatcher
   * starts sending with it, then the rest in service-sized pages (QUERY_PAGE_ITEMS): each page is one
   * more pass of the query, and the embedded server re-runs it over the whole container per page
   */
  async *pages(firstPageSize: number): AsyncIterable<Owner[]> {
    const first = await this.container.items.query<OwnerItem>('SELECT * FROM c', { maxItemCount: firstPageSize }).fetchNext();
    const firstOwners = (first.resources ?? []).filter(isOwner);
    if (firstOwners.length > 0) yield firstOwners.map(toOwner);
    if (!first.continuationToken) return;
    const rest = this.container.items.query<OwnerItem>('SELECT * FROM c', { maxItemCount: QUERY_PAGE_ITEMS, continuationToken: first.continuationToken });
    while (rest.hasMoreResults()) {
      const { resources } = await rest.fetchNext();
      const owners = (resources ?? []).filter(isOwner);
      if (owners.length > 0) yield owners.map(toOwner);
    }
  }

  async get(aadObjectId: string): Promise<Owner | null> {
    if (aadObjectId === CHANGES_ID) return null;
    const item = await readItem<OwnerItem>(this.container, aadObjectId, aadObjectId);
    return item ? toOwner(item) : null;
  }

  async upsertMany(owners: Owner[]): Promise<void> {
    await mapLimit(owners, 16, (o) => this.container.items.upsert<OwnerItem>({ ...o, id: o.aadObjectId }));
    if (owners.length > 0) await this.markChanged();
  }

  async versionIfChanged(version: string | null): Promise<ReadIfChanged<string>> {
    const res = await readIfChanged<{ id: string }>(this.container, CHANGES_ID, CHANGES_ID, version);
    if (!res.changed) return res;
    return { changed: true, value: res.item?._etag ?? null, version: res.item?._etag ?? null };
  }

  private async markChanged(): Promise<void> {
    await this.container.items.upsert({ id: CHANGES_ID, change: randomUUID() });
  }

  async update(aadObjectId: string, change: (current: Owner) => Owner): Promise<Owner> {
    const item = await readModifyWrite<OwnerItem>(this.container, aadObjectId, aadObjectId, (current) => ({ ...change(toOwner(current)), id: aadObjectId }));
    await this.markChanged();
    return toOwner(item);
  }
}
