/**
 * The owner pages a wave pass reads (OwnerRepository.pages): through the real SDK against the embedded
 * server, a first page of the size asked, then the rest in the store's own pages by continuation.
 */
import { configureLogger } from '../../services/logging/logger';
import { makeOwners } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

describe('owner pages (embedded Cosmos DB, real SDK)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
    await t.store.owners.upsertMany(makeOwners(1200));
  }, 60_000);
  afterAll(async () => t.close());

  it('a first page of the size asked, then the rest: every owner exactly once, without the change marker', async () => {
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of t.store.owners.pages!(500)) {
      sizes.push(page.length);
      ids.push(...page.map((o) => o.aadObjectId));
    }
    // the embedded server answers the rest in one page (Cosmos DB fills pages up to its 4 MB cap)
    expect(sizes).toEqual([500, 700]);
    expect(ids).toHaveLength(1200);
    expect(new Set(ids)).toEqual(new Set(makeOwners(1200).map((o) => o.aadObjectId)));
  });

  it('fewer owners than the first page: one page', async () => {
    const pages: number[] = [];
    for await (const page of t.store.owners.pages!(5000)) pages.push(page.length);
    expect(pages).toEqual([1200]);
  });
});
