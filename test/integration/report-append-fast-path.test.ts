/** The one-round-trip append (create first / replace with the last-seen ETag) never loses a version. */
import type { ReportVersion } from '../../services/domain/model';
import { startTestStore, type TestStore } from '../support/embedded-store';

const v = (comment: string): ReportVersion => ({ status: 'in-progress', comment, by: { id: 'o', name: 'o' }, at: '2026-11-23T09:00:00.000Z', source: 'teams' });

describe('report append fast path (embedded Cosmos DB)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t.close());

  it('falls back to read-modify-write when another instance changed the report (stale ETag)', async () => {
    const b = await t.openAnother();
    await t.store.reports.append('2026-T3', '1.1', 'o', v('a1'));
    await b.reports.append('2026-T3', '1.1', 'o', v('b1'));
    await b.reports.append('2026-T3', '1.1', 'o', v('b2'));
    await t.store.reports.append('2026-T3', '1.1', 'o', v('a2'));
    const final = await b.reports.get('2026-T3', '1.1', 'o');
    expect(final?.history.map((x) => x.comment)).toEqual(['a1', 'b1', 'b2', 'a2']);
  });

  it('keeps every version of concurrent appends within one instance', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => t.store.reports.append('2026-T3', '1.2', 'o', v(`c${i}`))));
    const final = await t.store.reports.get('2026-T3', '1.2', 'o');
    expect(new Set(final?.history.map((x) => x.comment))).toEqual(new Set(Array.from({ length: 8 }, (_, i) => `c${i}`)));
    expect(final?.current).toEqual(final?.history[7]);
  });
});
