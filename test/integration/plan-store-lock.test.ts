import type { Plan } from '../../services/domain/model';
import { FakeClock } from '../../services/ports/clock';
import { CosmosPlanRepository, IMPORT_LOCK_MS } from '../../services/store/plan-store';
import { startTestStore, type TestStore } from '../support/embedded-store';

const plan = (year: number, title: string): Plan => ({
  meta: { year, organisation: 'Testkommun', body: 'Kommunstyrelsen', importedAt: '2026-01-01T00:00:00.000Z' },
  goals: [{ year, ref: '3.1', kind: 'kf', title: 'KF', parentRef: null, order: 0, archived: false },
    { year, ref: '3.1.1', kind: 'ks', title, parentRef: '3.1', order: 1, archived: false }],
  activities: [{ year, ref: '3.1.1.1', goalRef: '3.1.1', title: 'Aktivitet', description: null, start: null, end: `${year}-06-30`, units: [], order: 0, archived: false }],
});

describe('plan import lock (embedded Cosmos DB)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t.close());

  it('releases the lock after a save, so the next save of the year goes through', async () => {
    const clock = new FakeClock('2026-03-01T10:00:00Z');
    const repo = new CosmosPlanRepository(t.store.connection.container('plans'), clock);
    await repo.save(plan(2030, 'Första'));
    await repo.save(plan(2030, 'Andra'));
    expect((await repo.get(2030))!.goals.find((g) => g.ref === '3.1.1')!.title).toBe('Andra');
  });

  it('refuses a save while another import of the year holds the lock, and changes nothing', async () => {
    const clock = new FakeClock('2026-03-01T10:00:00Z');
    const repo = new CosmosPlanRepository(t.store.connection.container('plans'), clock);
    await repo.save(plan(2031, 'Före'));
    // another instance's import is running: its lock is in the year's partition
    await t.store.connection.container('plans').items.create({
      id: 'import-lock', type: 'lock', year: 2031, holder: 'other', since: clock.now().toISOString(),
      leaseUntil: new Date(clock.now().getTime() + IMPORT_LOCK_MS).toISOString(),
    });
    await expect(repo.save(plan(2031, 'Under tiden'))).rejects.toMatchObject({ code: 'conflict' });
    expect((await repo.get(2031))!.goals.find((g) => g.ref === '3.1.1')!.title).toBe('Före');

    // the other import crashed: once its lock has expired, the next import takes it over
    clock.advance(IMPORT_LOCK_MS + 1);
    await repo.save(plan(2031, 'Efter'));
    expect((await repo.get(2031))!.goals.find((g) => g.ref === '3.1.1')!.title).toBe('Efter');
    expect(await repo.years()).toContain(2031);
  });

  it('lets exactly one of two simultaneous imports of a year write', async () => {
    const a = new CosmosPlanRepository(t.store.connection.container('plans'));
    const other = await t.openAnother();
    const b = new CosmosPlanRepository(other.connection.container('plans'));
    const results = await Promise.allSettled([a.save(plan(2032, 'A')), b.save(plan(2032, 'B'))]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // either they ran one after the other (both ok) or one was refused with a conflict; never an error of another kind
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'conflict' });
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const title = (await a.get(2032))!.goals.find((g) => g.ref === '3.1.1')!.title;
    expect(['A', 'B']).toContain(title);
  });
});
