/**
 * A submit is checked against the round as this instance last read it and reads no round while its
 * report's ETag tells that the round has not changed; a round change elsewhere fences those ETags, so
 * the very next submit is checked against the round as stored now (services/rounds/report-fence.ts).
 * Two instances on one embedded Cosmos DB; the round's conditional reads are counted.
 */
import { personPrincipal, type Principal } from '../../services/access/access-policy';
import { CollectionService } from '../../services/collection/collection-service';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import type { RoundRepository } from '../../services/ports';
import type { Store } from '../../services/store';
import { CosmosRoundRepository } from '../../services/store/round-store';
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { RateLimiter } from '../../services/dispatch/rate-limiter';
import { FakeTimer } from '../../services/ports/scheduler';
import { makeHandover, makeOwners, makePlan, makeRound, ownerId, RecordingMessenger } from '../support/dispatch-fixtures';
import { plainReminderComposer } from '../support/plain-reminder-composer';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

const ROUND = '2026-T1';
const roles = { admins: [], ledningsgrupp: [] };
const named = (i: number) => ({ id: ownerId(i), name: `Ägare ${i}` });
const person = (i: number): Principal => personPrincipal(named(i), roles);
/** activity 1.1.(i+1) is owner i's */
const activityOf = (i: number) => `1.1.${i + 1}`;
const handover = (owner: number, substitute: number) => makeHandover(named(owner), named(substitute));

describe('round changes fence the reports a submit writes under (embedded Cosmos)', () => {
  let t: TestStore;
  let other: Store;
  let collection: CollectionService;
  const clock = new FakeClock('2026-04-10T08:00:00Z');
  let roundReads = 0;
  let countedRounds: RoundRepository;
  /** runs once right after the next conditional read of the round returns (to put a change between a check and a write) */
  let afterNextRoundRead: (() => Promise<void>) | null = null;

  const submit = (who: number, i: number, status = 'in-progress', forOwner?: number) =>
    collection.submit(person(who), { roundId: ROUND, activityRef: activityOf(i), status, comment: '', ...(forOwner !== undefined ? { ownerId: ownerId(forOwner) } : {}) });
  const history = async (i: number) => (await t.store.reports.get(ROUND, activityOf(i), ownerId(i)))?.history.length ?? 0;
  const setRound = (store: Store, change: Parameters<RoundRepository['update']>[1]) => store.rounds.update(ROUND, change);

  beforeAll(async () => {
    t = await startTestStore();
    other = await t.openAnother();
    await t.store.plans.save(makePlan(2026, 8));
    await t.store.owners.upsertMany(makeOwners(8));
    await t.store.rounds.create(makeRound());
    countedRounds = {
      get: (id) => t.store.rounds.get(id),
      list: () => t.store.rounds.list(),
      create: (r) => t.store.rounds.create(r),
      update: (id, c) => t.store.rounds.update(id, c),
      getIfChanged: async (id, v) => {
        roundReads++;
        const res = await t.store.rounds.getIfChanged!(id, v);
        const hook = afterNextRoundRead;
        afterNextRoundRead = null;
        if (hook) await hook();
        return res;
      },
    };
    collection = new CollectionService({ ...t.store, rounds: countedRounds }, clock);
  });
  afterAll(async () => t.close());

  /** a fresh collection service in this process: nothing known about the round or the reports' checks */
  const restartInstance = () => {
    collection = new CollectionService({ ...t.store, rounds: countedRounds }, clock);
  };

  it('once a report was written here, its next submits read no round', async () => {
    const first = roundReads;
    expect(await submit(0, 0)).toMatchObject({ ok: true });
    // the round read for the check, again before the create, and once behind the answer to vouch for the create
    for (let i = 0; i < 200 && roundReads - first < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect(roundReads - first).toBe(3);
    const before = roundReads;
    expect(await submit(0, 0, 'done')).toMatchObject({ ok: true });
    for (const status of ['in-progress', 'done', 'in-progress']) expect(await submit(0, 0, status)).toMatchObject({ ok: true });
    expect(roundReads - before).toBe(0);
    expect(await history(0)).toBe(5);
  });

  it('a round closed by another instance refuses the next submit, and one reopened accepts it again', async () => {
    await setRound(other, (r) => ({ ...r, state: 'closed', closedAt: clock.now().toISOString() }));
    expect(await submit(0, 0, 'not-started')).toMatchObject({ ok: false, code: 'round-closed' });
    expect(await history(0)).toBe(5);

    await setRound(other, (r) => ({ ...r, state: 'scheduled', closedAt: null }));
    expect(await submit(0, 0, 'done')).toMatchObject({ ok: true });
    const before = roundReads;
    expect(await submit(0, 0, 'in-progress')).toMatchObject({ ok: true });
    expect(roundReads - before).toBe(0);
  });

  it('a handover ended by another instance refuses the substitute at once; only that owner’s reports are fenced', async () => {
    await setRound(other, (r) => ({ ...r, substitutions: [handover(2, 3)] }));
    // owner 1 writes twice, so their report's ETag is checked against the round with the handover
    expect(await submit(1, 1)).toMatchObject({ ok: true });
    expect(await submit(3, 2, 'in-progress', 2)).toMatchObject({ ok: true });
    expect(await submit(3, 2, 'done', 2)).toMatchObject({ ok: true });
    expect(await submit(1, 1, 'done')).toMatchObject({ ok: true });
    const handedReports = await history(2);
    const etags = async () => Promise.all([1, 2].map(async (i) => (await t.store.connection.container('reports').item(`${activityOf(i)}:${ownerId(i)}`, ROUND).read()).etag));
    const [owner1Before, owner2Before] = await etags();

    await setRound(other, (r) => ({ ...r, substitutions: r.substitutions!.map((s) => ({ ...s, endedAt: clock.now().toISOString(), endedBy: { id: 'admin', name: 'Admin' } })) }));
    const [owner1After, owner2After] = await etags();
    expect(owner2After).not.toBe(owner2Before);
    expect(owner1After).toBe(owner1Before);
    expect(await submit(3, 2, 'not-started', 2)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await history(2)).toBe(handedReports);
    expect(await submit(1, 1, 'in-progress')).toMatchObject({ ok: true });
  });

  it('a report read here, not written, is not taken as checked: after a close elsewhere its submit is refused', async () => {
    expect(await submit(0, 0, 'done')).toMatchObject({ ok: true }); // this instance knows the round as open
    await setRound(other, (r) => ({ ...r, state: 'closed', closedAt: clock.now().toISOString() }));
    // written after the close by a path that checks no round (a restore, an import)
    await other.reports.append(ROUND, activityOf(4), ownerId(4), { status: 'in-progress', comment: null, by: { id: ownerId(4), name: 'Ägare 4' }, at: clock.now().toISOString(), source: 'teams' });
    expect(await t.store.reports.get(ROUND, activityOf(4), ownerId(4))).not.toBeNull(); // its ETag is now known here
    expect(await submit(4, 4, 'done')).toMatchObject({ ok: false, code: 'round-closed' });
    expect(await history(4)).toBe(1);
    await setRound(other, (r) => ({ ...r, state: 'scheduled', closedAt: null }));
  });

  it('a first report created just after a close elsewhere is checked again on its next submit', async () => {
    restartInstance();
    expect(await submit(0, 0, 'done')).toMatchObject({ ok: true }); // knows the round as open
    // the close lands between this instance's check of the round and its create of owner 5's first report;
    // its fence finds no report to rewrite
    afterNextRoundRead = async () => {
      await setRound(other, (r) => ({ ...r, state: 'closed', closedAt: clock.now().toISOString() }));
    };
    expect(await submit(5, 5)).toMatchObject({ ok: true }); // checked before the close
    expect(afterNextRoundRead).toBeNull();
    expect(await submit(5, 5, 'done')).toMatchObject({ ok: false, code: 'round-closed' });
    expect(await history(5)).toBe(1);
    await setRound(other, (r) => ({ ...r, state: 'scheduled', closedAt: null }));
  });

  it("a fence cut off after the round was written is finished by the dispatcher's next tick, and then the submit is refused", async () => {
    expect(await submit(6, 6)).toMatchObject({ ok: true });
    expect(await submit(6, 6, 'done')).toMatchObject({ ok: true });
    const stopped = new CosmosRoundRepository(other.connection.container('rounds'), () => Promise.reject(new Error('the writer stopped')));
    await expect(stopped.update(ROUND, (r) => ({ ...r, state: 'closed', closedAt: clock.now().toISOString() }))).rejects.toThrow('the writer stopped');
    expect((await other.rounds.get(ROUND))!.state).toBe('closed');
    const raw = await other.connection.container('rounds').item(ROUND, 2026).read();
    expect(raw.resource.pendingFence).toMatchObject({ scope: { all: true } });
    expect(await other.rounds.get(ROUND)).not.toHaveProperty('pendingFence');

    // until the fence is finished this instance still writes owner 6's report: the window completeFences closes
    expect(await submit(6, 6, 'in-progress')).toMatchObject({ ok: true });
    // the next tick of the dispatcher (any instance) finishes it
    const dispatcher = new Dispatcher({ ...other, messenger: new RecordingMessenger(), timer: new FakeTimer(clock), composer: plainReminderComposer, clock, limiter: new RateLimiter() }, { random: () => 0.5 });
    await dispatcher.tick();
    expect(await submit(6, 6, 'not-started')).toMatchObject({ ok: false, code: 'round-closed' });
    expect(await history(6)).toBe(3);
    expect((await other.connection.container('rounds').item(ROUND, 2026).read()).resource.pendingFence).toBeUndefined();
    expect(await other.rounds.completeFences!()).toEqual([]);
  });

  it('the fence mark never reaches a reader, and a fenced report reads as before', async () => {
    const report = await t.store.reports.get(ROUND, activityOf(0), ownerId(0));
    expect(report).not.toHaveProperty('fence');
    expect(report).not.toHaveProperty('id');
    expect((await t.store.reports.listByOwner(ROUND, ownerId(0)))[0]).not.toHaveProperty('fence');
    expect((await t.store.rounds.list()).every((r) => !('pendingFence' in r))).toBe(true);
  });
});
