/**
 * The app-wide sender lease in Cosmos (outbox container, partition _dispatch), and the keeper that
 * holds it while waves send: one instance sends at a time, a dead holder's lease expires.
 */
import { SenderLeaseKeeper } from '../../services/dispatch/sender-lease';
import { configureLogger, moduleLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { CosmosOutboxRepository } from '../../services/store/outbox-store';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

const at = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs).toISOString();
const T0 = '2026-04-02T07:00:00.000Z';

describe('sender lease (embedded Cosmos DB)', () => {
  let t: TestStore;
  let outbox: CosmosOutboxRepository;
  beforeEach(async () => {
    t = await startTestStore();
    outbox = new CosmosOutboxRepository(t.store.connection.container('outbox'));
  });
  afterEach(async () => t.close());

  it('is taken when free, refused to others while it runs, renewed by its holder, taken over once expired; a new holder starts a new generation', async () => {
    const gen = (iso: string) => Date.parse(iso);
    expect(await outbox.senderLease(T0)).toBeNull();
    expect(await outbox.takeSenderLease('a', T0, at(T0, 60_000))).toBe(gen(T0));
    expect(await outbox.senderLease(T0)).toEqual({ holder: 'a', leaseUntil: at(T0, 60_000), generation: gen(T0) });
    expect(await outbox.takeSenderLease('b', at(T0, 30_000), at(T0, 90_000))).toBeNull();
    expect(await outbox.takeSenderLease('a', at(T0, 30_000), at(T0, 90_000))).toBe(gen(T0)); // renewal: same generation
    expect(await outbox.takeSenderLease('b', at(T0, 60_000), at(T0, 120_000))).toBeNull(); // renewed: still a's
    expect(await outbox.takeSenderLease('b', at(T0, 90_000), at(T0, 150_000))).toBe(gen(at(T0, 90_000))); // expired: b takes it, a new generation
    expect((await outbox.senderLease(at(T0, 90_000)))?.holder).toBe('b');
    // a, back from a stall, cannot release what is no longer its own, nor renew it
    await outbox.releaseSenderLease('a');
    expect((await outbox.senderLease(at(T0, 90_000)))?.holder).toBe('b');
    expect(await outbox.takeSenderLease('a', at(T0, 91_000), at(T0, 151_000))).toBeNull();
    await outbox.releaseSenderLease('b');
    expect(await outbox.senderLease(at(T0, 90_000))).toBeNull();
    expect(await outbox.takeSenderLease('c', at(T0, 91_000), at(T0, 151_000))).toBe(gen(at(T0, 91_000)));
  });

  it('of instances racing for a free lease, exactly one gets it', async () => {
    const holders = ['a', 'b', 'c', 'd', 'e', 'f'];
    const won = await Promise.all(holders.map((h) => outbox.takeSenderLease(h, T0, at(T0, 60_000))));
    expect(won.filter((g) => g !== null)).toHaveLength(1);
    expect((await outbox.senderLease(T0))?.holder).toBe(holders[won.findIndex((g) => g !== null)]);
  });

  it('the keeper holds it while any wave of its instance sends, renews it after a third, and says when it was lost', async () => {
    const clock = new FakeClock(T0);
    const log = moduleLogger('test');
    const a = new SenderLeaseKeeper(outbox, clock, 'a', 60_000, log);
    const b = new SenderLeaseKeeper(outbox, clock, 'b', 60_000, log);
    expect(await a.acquire()).toBe(true);
    expect(await a.acquire()).toBe(true); // a second wave of the same instance joins
    expect(await b.acquire()).toBe(false);
    clock.advance(10_000);
    expect(await a.keep()).toBe(true); // not due: no write
    expect((await outbox.senderLease(clock.now().toISOString()))?.leaseUntil).toBe(at(T0, 60_000));
    clock.advance(15_000);
    expect(await a.keep()).toBe(true); // a third has passed: renewed
    expect((await outbox.senderLease(clock.now().toISOString()))?.leaseUntil).toBe(at(T0, 85_000));
    await a.release(); // one wave ends: still held
    expect(await b.acquire()).toBe(false);
    await a.release(); // the last: given up
    expect(await b.acquire()).toBe(true);
    // a stalls past b's lease... b's lease expires, a takes it, and b hears it lost it
    clock.advance(61_000);
    expect(await a.acquire()).toBe(true);
    expect(await b.keep()).toBe(false);
  });
});
