/**
 * Fault tests at small scale, against the real SDK and the embedded Cosmos server: a connector that
 * answers 429 + Retry-After, 503 and 403; two dispatchers at once; a dispatcher process killed with
 * SIGKILL mid-wave and a restart; Cosmos answering 429/503 through a fault-injecting proxy.
 * Each asserts 0 duplicates and 0 lost: every owner due the wave has exactly one delivery or a
 * recorded unreachable/failed entry.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Dispatcher, type DispatcherOptions } from '../../services/dispatch/dispatcher';
import { plainReminderComposer } from '../support/plain-reminder-composer';
import { configureLogger } from '../../services/logging/logger';
import type { Repositories } from '../../services/ports';
import { systemTimer } from '../../services/ports/scheduler';
import { openStore, type Store } from '../../services/store';
import { ConnectorMessenger } from '../support/connector-messenger';
import { makeOwners, makePlan, makeRound, ownerId } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { startFaultyCosmosProxy } from '../support/faulty-cosmos-proxy';
import { mockConversationId, startMockConnector, type MockConnector } from '../support/mock-connector';
import { ShiftedClock } from '../support/shifted-clock';

configureLogger({ level: 'silent' });
jest.setTimeout(60_000);

const WAVE_DUE = '2026-04-02T07:30:00Z'; // wave 28 of a T1 2026 round with deadline 2026-04-30 is due
const fastRetry = { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 2000 };

let t: TestStore;
beforeEach(async () => {
  t = await startTestStore();
});
afterEach(async () => {
  await t.close();
});

async function seed(store: Repositories, n: number) {
  await store.plans.save(makePlan(2026, n));
  await store.owners.upsertMany(makeOwners(n));
  await store.rounds.create(makeRound());
}

function dispatcherFor(store: Repositories, connector: MockConnector, clock: ShiftedClock, options: DispatcherOptions, known: (i: number) => boolean = () => true, n = 0) {
  const conversations = new Map<string, string>();
  for (let i = 0; i < n; i++) if (known(i)) conversations.set(ownerId(i), mockConversationId(ownerId(i)));
  return new Dispatcher(
    { ...store, messenger: new ConnectorMessenger(connector.serviceUrl, conversations), composer: plainReminderComposer, clock, timer: systemTimer },
    { retry: fastRetry, ...options },
  );
}

/** two dispatchers ('a' on the test's store client, 'b' on another) ticking the due wave at once */
async function twoAtOnce(connector: MockConnector, n: number, options: DispatcherOptions = {}) {
  await seed(t.store, n);
  const other = await t.openAnother();
  const clock = new ShiftedClock(WAVE_DUE);
  const a = dispatcherFor(t.store, connector, clock, { concurrency: 6, instanceId: 'a', ...options }, undefined, n);
  const b = dispatcherFor(other, connector, clock, { concurrency: 6, instanceId: 'b', ...options }, undefined, n);
  const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
  return { a, b, clock, ra: ra[0]!, rb: rb[0]! };
}

/** a dispatcher in a process of its own (test/support/dispatch-child.ts) against the test's store and connector */
function dispatcherProcess(connector: MockConnector, clock: ShiftedClock, leaseMs: number | null, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['-r', join(__dirname, '../../scripts/ts-register.js'), join(__dirname, '../support/dispatch-child.ts')], {
    env: {
      ...process.env,
      COSMOS_ENDPOINT: t.server.endpoint,
      COSMOS_KEY: t.server.key,
      COSMOS_DATABASE: t.store.connection.database.id,
      SERVICE_URL: connector.serviceUrl,
      CLOCK_OFFSET_MS: String(clock.offsetMs),
      ...(leaseMs !== null ? { LEASE_MS: String(leaseMs) } : {}),
      CONCURRENCY: '4',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (output.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output.stderr += c.toString()));
  return { child, output };
}

/** resolves once `ok()` holds (polled), or fails after `ms` */
async function until(ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** every owner: exactly one delivery if reachable, none if not; every entry terminal */
async function assertExactlyOnce(store: Repositories, connector: MockConnector, n: number, unreachable: Set<string> = new Set()) {
  const entries = await store.outbox.listWave('2026-T1', 'w28');
  expect(entries).toHaveLength(n);
  let duplicates = 0;
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const id = ownerId(i);
    const count = connector.deliveredCount(mockConversationId(id));
    const entry = entries.find((e) => e.entry.ownerId === id)!.entry;
    if (unreachable.has(id)) {
      expect(entry.state).toBe('unreachable');
      expect(entry.reason).toMatch(/^403: /);
      expect(count).toBe(0);
      continue;
    }
    if (count > 1) duplicates += count - 1;
    if (count === 0) lost++;
    expect(entry.state).toBe('sent');
  }
  expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
  expect(await store.outbox.getWaveMarker('2026-T1', 'w28')).toMatchObject({ recipients: n });
}

describe('dispatch under faults', () => {
  it('a connector answering 429 with Retry-After, 503 and 403: retried, obeyed, unreachable recorded', async () => {
    const n = 40;
    const unreachable = new Set([ownerId(3), ownerId(17), ownerId(30)]);
    let seed42 = 42;
    const random = () => ((seed42 = (seed42 * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const connector = await startMockConnector({ random429: 0.12, random503: 0.12, unreachable, random });
    try {
      await seed(t.store, n);
      const clock = new ShiftedClock(WAVE_DUE);
      // owners 30..39 have no stored conversation: it is created (403 for owner 30: app not installed)
      const d = dispatcherFor(t.store, connector, clock, { concurrency: 8 }, (i) => i < 30, n);
      const [res] = await d.tick();
      expect(res).toMatchObject({ recipients: n, sent: n - 3, unreachable: 3, failed: 0, complete: true });
      expect(connector.stats.injected429 + connector.stats.injected503).toBeGreaterThan(0);
      await assertExactlyOnce(t.store, connector, n, unreachable);
      const retried = (await t.store.outbox.listRound('2026-T1')).filter((e) => e.attempts.length > 1);
      expect(retried.length).toBeGreaterThan(0);
      for (const e of retried) expect(e.attempts.slice(0, -1).every((a) => [429, 503].includes(a.status ?? 0))).toBe(true);
    } finally {
      await connector.close();
    }
  });

  it('two dispatchers at once against one Cosmos: one holds the sender lease and sends, at one pace; the other leaves the wave to it', async () => {
    const n = 60;
    const connector = await startMockConnector();
    try {
      const { b, clock, ra, rb } = await twoAtOnce(connector, n);
      const [sender, waiter] = ra.senderBusy ? [rb, ra] : [ra, rb];
      expect(sender).toMatchObject({ sent: n, complete: true, senderBusy: false });
      expect(waiter).toMatchObject({ sent: 0, recipients: 0, complete: false, senderBusy: true });
      // one pace for the app: Teams' 50/s was never exceeded, though two instances were dispatching
      expect(connector.stats.overLimit).toBe(0);
      // the lease was given up at the end: the other's next tick finds the wave done
      expect(await t.store.outbox.senderLease(clock.now().toISOString())).toBeNull();
      expect((await b.tick())).toEqual([]);
      await assertExactlyOnce(t.store, connector, n);
    } finally {
      await connector.close();
    }
  });

  it('two dispatchers sending at once (as when a stalled holder lost the lease) still send each key once: the claims decide', async () => {
    const n = 60;
    const connector = await startMockConnector();
    try {
      const { a, ra, rb } = await twoAtOnce(connector, n, { exclusiveSender: false });
      expect(ra.sent + rb.sent).toBe(n);
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
      // each saw the other's claims as held; the next tick of either finds the wave done and marks it
      expect((await a.tick())[0]).toMatchObject({ sent: 0, alreadyDone: n, complete: true });
      await assertExactlyOnce(t.store, connector, n);
    } finally {
      await connector.close();
    }
  });

  it('kill -9 of a dispatcher process mid-wave, then a restart, finishes the wave: none twice, none missed', async () => {
    const n = 40;
    const leaseMs = 5000;
    let killAt: (() => void) | null = null;
    let childAlive = true;
    const connector = await startMockConnector({
      // from the 15th message on, the connector stops answering the child (its sends are in flight) and the child is killed
      onMessage: (_conversation, count) => {
        if (count < 15 || !childAlive) return;
        killAt?.();
        return 'hold';
      },
    });
    try {
      await seed(t.store, n);
      const clock = new ShiftedClock(WAVE_DUE);
      const { child, output } = dispatcherProcess(connector, clock, leaseMs);
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, signal) => {
          childAlive = false;
          resolve(signal);
        }),
      );
      killAt = () => {
        killAt = null;
        // let answered sends be marked; the held ones stay in flight
        setTimeout(() => child.kill('SIGKILL'), 300);
      };
      const signal = await exited;
      expect({ signal, stderr: output.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
      const deliveredBefore = connector.delivered.length;
      expect(deliveredBefore).toBe(14);

      // the restart: the dead process's claims are held until their lease expires, then taken over
      const restarted = dispatcherFor(t.store, connector, clock, { concurrency: 4, leaseMs }, undefined, n);
      const [early] = await restarted.tick();
      expect(early!.complete).toBe(false);
      clock.advance(leaseMs + 1000);
      const [res] = await restarted.tick();
      expect(res!.complete).toBe(true);
      await assertExactlyOnce(t.store, connector, n);
      // the entries the dead process had in flight are flagged as possible duplicates (the store cannot tell)
      const flagged = (await t.store.outbox.listRound('2026-T1')).filter((e) => e.possibleDuplicate);
      expect(flagged.length).toBeGreaterThan(0);
      expect(flagged.length).toBeLessThanOrEqual(4);
      expect(flagged.every((e) => e.takeovers === 1 && e.state === 'sent')).toBe(true);
    } finally {
      await connector.close();
    }
  });

  it('two dispatcher processes, the sender frozen (SIGSTOP) past its lease and resumed: the other takes the wave over, the frozen one sends nothing more; 0 duplicates, nothing over the limit', async () => {
    const n = 200;
    const leaseMs = 3000;
    const wave = () => connector.delivered.length;
    let freeze: (() => void) | null = null;
    let holding = false;
    const held = new Set<string>();
    const connector = await startMockConnector({
      onMessage: (conversation, count) => {
        if (count === 60) freeze?.();
        if (!holding) return;
        // the frozen sender's requests in flight: never answered (not delivered), so none is ambiguous
        held.add(conversation);
        return 'hold';
      },
    });
    const children: ReturnType<typeof dispatcherProcess>[] = [];
    try {
      await seed(t.store, n);
      const clock = new ShiftedClock(WAVE_DUE);
      const a = dispatcherProcess(connector, clock, leaseMs, { INSTANCE_ID: 'a' });
      children.push(a);
      const frozen = new Promise<void>((resolve) => {
        freeze = () => {
          freeze = null;
          holding = true;
          // answers already given reach 'a' and are marked; then it freezes with its claims and slots waiting
          setTimeout(() => {
            a.child.kill('SIGSTOP');
            holding = false;
            resolve();
          }, 300);
        };
      });
      await frozen;
      const deliveredWhenFrozen = wave();
      const b = dispatcherProcess(connector, clock, leaseMs, { INSTANCE_ID: 'b', FOLLOW: '1', TICK_MS: '1000' });
      children.push(b);
      const bDone = new Promise<number | null>((resolve) => b.child.once('exit', (code) => resolve(code)));
      // 'b' takes the wave over once 'a''s lease has run out; 'a' wakes while 'b' is sending
      await until(() => wave() >= deliveredWhenFrozen + 20, 30_000);
      a.child.kill('SIGCONT');
      expect(await bDone).toBe(0);
      await new Promise((r) => setTimeout(r, 1500)); // whatever 'a' would still send after waking has arrived by now
      expect(b.output.stderr).toBe('');
      expect(held.size).toBeGreaterThan(0);
      expect(connector.stats.overLimit).toBe(0);
      await assertExactlyOnce(t.store, connector, n);
      // flagged as possible duplicates: only entries 'a' held when it froze (its requests in flight and the few claimed ahead)
      const flagged = (await t.store.outbox.listRound('2026-T1')).filter((e) => e.possibleDuplicate);
      expect(flagged.length).toBeLessThanOrEqual(held.size + 4);
    } finally {
      for (const c of children) c.child.kill('SIGKILL');
      await connector.close();
    }
  });

  it('kill -9 of the sending process mid-wave: another instance, ticking only once a minute, sends again within 30 s', async () => {
    const n = 120;
    let killAt: (() => void) | null = null;
    let startOther: (() => void) | null = null;
    let dead = false;
    const connector = await startMockConnector({
      onMessage: (_conversation, count) => {
        if (count === 10) startOther?.();
        if (count === 40) killAt?.();
        // from the 40th on, the sender's requests stay in flight until it is dead
        return dead ? undefined : count >= 40 ? 'hold' : undefined;
      },
    });
    const children: ReturnType<typeof dispatcherProcess>[] = [];
    try {
      await seed(t.store, n);
      const clock = new ShiftedClock(WAVE_DUE);
      // production lease (no LEASE_MS): the instances as the app runs them
      const a = dispatcherProcess(connector, clock, null, { INSTANCE_ID: 'a' });
      children.push(a);
      // 'b' starts once 'a' sends (so 'a' holds the sender lease), and ticks once a minute
      const b = await new Promise<ReturnType<typeof dispatcherProcess>>((resolve) => {
        startOther = () => {
          startOther = null;
          resolve(dispatcherProcess(connector, clock, null, { INSTANCE_ID: 'b', FOLLOW: '1', TICK_MS: '60000', LOG_LEVEL: process.env.CHILD_LOG ?? 'silent' }));
        };
      });
      children.push(b);
      const killed = new Promise<number>((resolve) => {
        killAt = () => {
          killAt = null;
          a.child.kill('SIGKILL');
          a.child.once('exit', () => {
            dead = true;
            resolve(performance.timeOrigin + performance.now());
          });
        };
      });
      const killedAt = await killed;
      const before = connector.delivered.length;
      await until(() => connector.delivered.length > before, 40_000).catch((e) => {
        throw new Error(`${e}: ${b.output.stdout.slice(-4000)}`);
      });
      const resumedAfterMs = connector.delivered[before]!.at - killedAt;
      expect(resumedAfterMs).toBeLessThan(30_000);
      const bDone = await new Promise<number | null>((resolve) => (b.child.exitCode !== null ? resolve(b.child.exitCode) : b.child.once('exit', (code) => resolve(code))));
      expect({ code: bDone, stderr: b.output.stderr }).toEqual({ code: 0, stderr: '' });
      await assertExactlyOnce(t.store, connector, n);
      const entries = await t.store.outbox.listRound('2026-T1');
      // possible duplicates: at most what 'a' had in flight (its concurrency) plus the few it claimed ahead
      expect(entries.filter((e) => e.possibleDuplicate).length).toBeLessThanOrEqual(4 + 4);
    } finally {
      for (const c of children) c.child.kill('SIGKILL');
      await connector.close();
    }
  }, 120_000);

  it('SIGTERM of a dispatcher process mid-wave drains it: sends in flight are marked, the lease is given up, a restart goes on at once without a duplicate', async () => {
    const n = 40;
    let stopAt: (() => void) | null = null;
    const connector = await startMockConnector({
      onMessage: (_conversation, count) => {
        if (count === 15) stopAt?.();
      },
    });
    try {
      await seed(t.store, n);
      const clock = new ShiftedClock(WAVE_DUE);
      const { child, output } = dispatcherProcess(connector, clock, 120_000);
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
      stopAt = () => {
        stopAt = null;
        child.kill('SIGTERM'); // while sends are in flight
      };
      expect(await exited).toEqual([0, null]);
      expect(output).toEqual({ stdout: 'ready\nstopped\n', stderr: '' });
      const entries = await t.store.outbox.listRound('2026-T1');
      expect(entries.length).toBeGreaterThanOrEqual(15);
      expect(entries.length).toBeLessThan(n);
      expect(entries.filter((e) => e.state !== 'sent')).toEqual([]); // nothing left 'sending': every send in flight was marked
      expect(await t.store.outbox.senderLease(clock.now().toISOString())).toBeNull();

      // a restart (no waiting for leases) finishes the wave; nobody got a second copy, nothing is flagged
      const restarted = dispatcherFor(t.store, connector, clock, { concurrency: 4, leaseMs: 120_000 }, undefined, n);
      const [res] = await restarted.tick();
      expect(res).toMatchObject({ complete: true, sent: n - entries.length, alreadyDone: entries.length });
      await assertExactlyOnce(t.store, connector, n);
      expect((await t.store.outbox.listRound('2026-T1')).filter((e) => e.possibleDuplicate)).toEqual([]);
    } finally {
      await connector.close();
    }
  });

  it('Cosmos answering 429 and 503 (and losing answers of applied writes) through a fault proxy', async () => {
    const n = 40;
    const connector = await startMockConnector();
    let seedRandom = 7;
    const random = () => ((seedRandom = (seedRandom * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const proxy = await startFaultyCosmosProxy(t.server.port, { rate429: 0.15, rate503: 0.08, rateLostAnswer: 0.05, random });
    let faulty: Store | null = null;
    try {
      await seed(t.store, n);
      proxy.enabled = false;
      faulty = await openStore({ endpoint: proxy.endpoint, key: t.server.key, database: t.store.connection.database.id });
      proxy.enabled = true;
      const clock = new ShiftedClock(WAVE_DUE);
      const leaseMs = 2000;
      const d = dispatcherFor(faulty, connector, clock, { concurrency: 4, leaseMs, writeAttempts: 10 }, undefined, n);
      let complete = false;
      for (let pass = 0; pass < 30 && !complete; pass++) {
        try {
          const [res] = await d.tick();
          complete = res === undefined || res.complete;
        } catch {
          // a query failed after the SDK's retries: the next tick tries again, as the cron tick would
        }
        clock.advance(leaseMs + 100); // claims left behind by failed writes expire
      }
      expect(complete).toBe(true);
      expect(proxy.stats.injected429 + proxy.stats.injected503 + proxy.stats.lostAnswers).toBeGreaterThan(10);
      await assertExactlyOnce(t.store, connector, n);
    } finally {
      await faulty?.close();
      await proxy.close();
      await connector.close();
    }
  });
});
