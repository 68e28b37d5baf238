import type { ReportVersion } from '../../services/domain/model';
import { startTestStore, type TestStore } from '../support/embedded-store';

const version = (comment: string, by = 'owner-1'): ReportVersion => ({
  status: 'in-progress',
  comment,
  by: { id: by, name: by },
  at: '2026-11-23T09:00:00.000Z',
  source: 'teams',
});

describe('report store (embedded Cosmos DB, real SDK)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t.close());

  it('adds a version per change and keeps the history', async () => {
    await t.store.reports.append('2026-T3', '3.1.1.1', 'owner-1', version('först'));
    const after = await t.store.reports.append('2026-T3', '3.1.1.1', 'owner-1', version('sedan'));
    expect(after.current.comment).toBe('sedan');
    expect(after.history.map((v) => v.comment)).toEqual(['först', 'sedan']);
    const read = await t.store.reports.get('2026-T3', '3.1.1.1', 'owner-1');
    expect(read).toEqual(after);
  });

  it('loses neither of two concurrent updates from two clients', async () => {
    const other = await t.openAnother();
    await t.store.reports.append('2026-T3', '3.2.1.1', 'owner-2', version('start', 'owner-2'));
    const writes = Array.from({ length: 6 }, (_, i) =>
      (i % 2 === 0 ? t.store : other).reports.append('2026-T3', '3.2.1.1', 'owner-2', version(`samtidig ${i}`, 'owner-2')),
    );
    await Promise.all(writes);
    const final = await t.store.reports.get('2026-T3', '3.2.1.1', 'owner-2');
    const comments = final!.history.map((v) => v.comment);
    expect(comments).toHaveLength(7);
    expect(new Set(comments)).toEqual(new Set(['start', ...Array.from({ length: 6 }, (_, i) => `samtidig ${i}`)]));
    expect(final!.current).toEqual(final!.history[6]);
  });

  it('lists an owner’s reports within one round only', async () => {
    await t.store.reports.append('2026-T2', '3.1.1.1', 'owner-1', version('annan omgång'));
    const mine = await t.store.reports.listByOwner('2026-T3', 'owner-1');
    expect(mine.map((r) => r.activityRef)).toEqual(['3.1.1.1']);
    expect(mine[0]!.roundId).toBe('2026-T3');
  });
});
