import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS } from '../../demo/demo-users';
import { demoOwners, loadDemoData } from '../../services/demo/demo-loader';
import { exportYear } from '../../services/export/year-export';
import { parseOwnersCsv } from '../../services/import/owners-import';
import { ownersOfActivity } from '../../services/owners/ownership';
import { FakeClock } from '../../services/ports/clock';
import { isRoundOpen, dueWaves } from '../../services/rounds/round-calendar';
import { startTestStore, type TestStore } from '../support/embedded-store';

describe('demo data', () => {
  let t: TestStore;
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t.close());

  it('loads the 2025 plan, T3 results, owners, a current-year plan and an open round; twice changes nothing', async () => {
    const first = await loadDemoData({ repos: t.store, clock });
    expect(first).toMatchObject({ year: 2026, tertial: 3, roundId: '2026-T3' });
    expect(first.written.length).toBeGreaterThan(0);

    const plan2025 = await t.store.plans.get(2025);
    expect(plan2025!.activities).toHaveLength(35);
    expect((await t.store.reports.listByRound('2025-T3')).length).toBe(35);
    expect((await t.store.assessments.listByRound('2025-T3')).length).toBe(20);

    const plan = await t.store.plans.get(2026);
    expect(plan!.meta.organisation).toMatch(/demodata/);
    expect(plan!.activities.every((a) => a.end.startsWith('2026') || a.end > '2026')).toBe(true);
    const owners = await t.store.owners.list();
    expect(owners).toHaveLength(DEMO_USERS.length);
    // every activity of both years has an owner; 3.4.4.1 has three
    for (const p of [plan2025!, plan!]) for (const a of p.activities) expect(ownersOfActivity(a, owners).length).toBeGreaterThan(0);
    expect(ownersOfActivity(plan!.activities.find((a) => a.ref === '3.4.4.1')!, owners)).toHaveLength(3);

    const round = await t.store.rounds.get('2026-T3');
    expect(round!.state).toBe('scheduled');
    expect(isRoundOpen(round!, clock.now())).toBe(true);
    expect(dueWaves(round!, clock.now()).length).toBeGreaterThan(0);

    const before = [JSON.stringify(await exportYear(t.store, 2025)), JSON.stringify(await exportYear(t.store, 2026))];
    clock.advance(3 * 24 * 3600 * 1000);
    const second = await loadDemoData({ repos: t.store, clock });
    expect(second.written).toEqual([]);
    expect([JSON.stringify(await exportYear(t.store, 2025)), JSON.stringify(await exportYear(t.store, 2026))]).toEqual(before);
  });

  it('demo/owners.csv holds the same owners as demo/demo-users.ts', async () => {
    const csv = readFileSync(join(__dirname, '../../demo/owners.csv'), 'utf8');
    const parsed = await parseOwnersCsv(csv, t.store);
    expect(parsed).toEqual(demoOwners());
  });
});
