/**
 * What another process changes is seen here in time: a round closed from the CLI refuses the very next
 * submit (services/rounds/report-fence.ts; test/integration/round-fence.test.ts goes through the cases);
 * a plan import and an owner change are seen within the revalidation interval.
 */
import { runCli } from '../../cli/run-cli';
import { personPrincipal } from '../../services/access/access-policy';
import { CollectionService } from '../../services/collection/collection-service';
import { DEFAULT_TTL } from '../../services/collection/reference-data';
import { configureLogger } from '../../services/logging/logger';
import { removeOwners } from '../../services/owners/owner-removal';
import { FakeClock } from '../../services/ports/clock';
import type { RoundRepository } from '../../services/ports';
import type { Store } from '../../services/store';
import { makeOwners, makePlan, makeRound, ownerId } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

describe('fresh reads across processes (embedded Cosmos)', () => {
  let t: TestStore;
  let other: Store;
  let collection: CollectionService;
  const clock = new FakeClock('2026-04-10T08:00:00Z');
  const owner0 = personPrincipal({ id: ownerId(0), name: 'Ägare 0' }, { admins: [], ledningsgrupp: [] });
  const submit = (ref: string, status = 'in-progress') => collection.submit(owner0, { roundId: '2026-T1', activityRef: ref, status, comment: '' });
  let conditionalReads = 0;
  let planLoads = 0;

  beforeAll(async () => {
    t = await startTestStore();
    other = await t.openAnother();
    await t.store.plans.save(makePlan(2026, 3));
    await t.store.owners.upsertMany(makeOwners(3).map((o, i) => (i === 0 ? { ...o, units: ['Enhet 0', 'Enhet 1'] } : o)));
    await t.store.rounds.create(makeRound());
    const rounds: RoundRepository = {
      ...t.store.rounds,
      get: (id) => t.store.rounds.get(id),
      list: () => t.store.rounds.list(),
      create: (r) => t.store.rounds.create(r),
      update: (id, c) => t.store.rounds.update(id, c),
      getIfChanged: (id, v) => {
        conditionalReads++;
        return t.store.rounds.getIfChanged!(id, v);
      },
    };
    const plans = {
      get: (year: number) => {
        planLoads++;
        return t.store.plans.get(year);
      },
      years: () => t.store.plans.years(),
      save: (p: Parameters<Store['plans']['save']>[0]) => t.store.plans.save(p),
      versionIfChanged: (year: number, v: string | null) => t.store.plans.versionIfChanged!(year, v),
    };
    collection = new CollectionService({ ...t.store, rounds, plans }, clock);
  });
  afterAll(async () => t.close());

  it('a round closed by another process refuses the next submit, with no wait', async () => {
    expect(await submit('1.1.1')).toMatchObject({ ok: true });
    expect(await submit('1.1.1', 'done')).toMatchObject({ ok: true });
    let err = '';
    const code = await runCli(['round', 'close', '--year', '2026', '--tertial', '1'], {
      store: other,
      clock,
      stdout: { write: () => true },
      stderr: { write: (s: string) => (err += s) },
    });
    expect([code, err]).toEqual([0, '']);
    // the same instant: no time has passed for any cache to expire
    const refused = await submit('1.1.1', 'not-started');
    expect(refused).toMatchObject({ ok: false, code: 'round-closed' });
    expect((await t.store.reports.get('2026-T1', '1.1.1', ownerId(0)))!.history).toHaveLength(2);
  });

  it('a round reopened by another process accepts the next submits, and the ones after read no round', async () => {
    await other.rounds.update('2026-T1', (r) => ({ ...r, state: 'scheduled', closedAt: null }));
    const before = conditionalReads;
    // refused against the round known here (closed), each is checked again against the round as stored
    const outcomes = await Promise.all(['1.1.1', '1.1.2', '1.1.1', '1.1.2'].map((ref) => submit(ref)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(conditionalReads - before).toBeGreaterThanOrEqual(1);
    const confirmed = conditionalReads;
    // written here and checked against the round as it stands: no read of the round
    expect((await Promise.all(['1.1.1', '1.1.2'].map((ref) => submit(ref, 'done')))).every((o) => o.ok)).toBe(true);
    expect(conditionalReads).toBe(confirmed);
  });

  it('an owner removed by another process can no longer report once the owner list is revalidated', async () => {
    expect(await submit('1.1.2')).toMatchObject({ ok: true });
    await removeOwners(other, clock, [ownerId(0)], { id: 'cli', name: 'Controller' });
    clock.advance(DEFAULT_TTL.ownerMs);
    expect(await submit('1.1.2')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a plan change by another process is seen after the plan interval; an unchanged plan is not reloaded', async () => {
    await other.owners.upsertMany([{ aadObjectId: ownerId(1), name: 'Ägare 1', email: null, units: ['Enhet 1'], activities: [] }]);
    const owner1 = personPrincipal({ id: ownerId(1), name: 'Ägare 1' }, { admins: [], ledningsgrupp: [] });
    clock.advance(DEFAULT_TTL.ownerMs);
    const four = { roundId: '2026-T1', activityRef: '1.1.4', status: 'in-progress', comment: '' };
    const loads = planLoads;
    clock.advance(DEFAULT_TTL.planMs);
    expect(await collection.submit(owner1, four)).toMatchObject({ ok: false, code: 'not-found' });
    expect(planLoads).toBe(loads); // the version was checked, the plan not read again
    const plan = makePlan(2026, 4);
    plan.activities[3]!.units = ['Enhet 1'];
    await other.plans.save(plan);
    clock.advance(DEFAULT_TTL.planMs);
    expect(await collection.submit(owner1, four)).toMatchObject({ ok: true });
  });
});
