import type { MeasureOutcome, Round, Substitution } from '../../services/domain/model';
import { createReminderComposer } from '../../services/dispatch/reminder-composer';
import { AppPacer } from '../../services/dispatch/app-pacer';
import { Dispatcher, oneReminderOutcome, SenderBusyError, type DispatcherOptions } from '../../services/dispatch/dispatcher';
import { DEFAULT_MARGIN_MS, RateLimiter } from '../../services/dispatch/rate-limiter';
import { plainReminderComposer } from '../support/plain-reminder-composer';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import type { Messenger, SendResult } from '../../services/ports/messenger';
import type { Metrics } from '../../services/ports/metrics';
import { FakeTimer } from '../../services/ports/scheduler';
import { explainReachProblem } from '../../services/rounds/reach-problems';
import { waveSchedule } from '../../services/rounds/round-calendar';
import { stockholmDate } from '../../services/rounds/stockholm-time';
import { makeOwners, makePlan, makeRound, ownerId, RecordingMessenger } from '../support/dispatch-fixtures';
import { memoryRepositories } from '../support/memory-repositories';
import { RecordingLimiter } from '../support/recording-limiter';
import { ProcessDeath } from '../support/process-death';
import { maxInWindow } from '../support/sliding-window';

configureLogger({ level: 'silent' });

const sent: SendResult = { outcome: 'sent', activityId: 'a1', conversationId: 'c1' };

async function setup(n: number, round: Round, options: DispatcherOptions = {}, start = '2026-01-05T07:00:00Z', death?: ProcessDeath) {
  const repos = memoryRepositories();
  const clock = new FakeClock(start);
  await repos.plans.save(makePlan(round.year, n));
  await repos.owners.upsertMany(makeOwners(n));
  await repos.rounds.create(round);
  const messenger = new RecordingMessenger(() => clock.now().getTime());
  /** a dispatcher on the shared store; with `dying`, on ports through which that simulated kill -9 strikes */
  const make = (opts: DispatcherOptions = options, dying?: ProcessDeath) => {
    const timer = new FakeTimer(clock);
    const ports = dying ? { outbox: dying.outbox(repos.outbox), messenger: dying.messenger(messenger), timer: dying.timer(timer) } : { outbox: repos.outbox, messenger, timer };
    return new Dispatcher({ ...repos, ...ports, composer: plainReminderComposer, clock, limiter: new RateLimiter() }, { random: () => 0.5, ...opts });
  };
  return { repos, clock, messenger, dispatcher: make(options, death), make };
}

/** runs a tick of `dispatcher` until its process dies (ProcessDeath); what it left in flight stays so */
async function tickUntilDeath(dispatcher: Dispatcher, death: ProcessDeath) {
  const settled = dispatcher.tick().then(() => 'finished' as const);
  expect(await Promise.race([settled, death.died.then(() => 'died' as const)])).toBe('died');
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); // what was already under way settles (or hangs)
}

const report = (repos: ReturnType<typeof memoryRepositories>, roundId: string, i: number, at: string) =>
  repos.reports.append(roundId, `1.1.${i + 1}`, ownerId(i), { status: 'in-progress', comment: null, by: { id: ownerId(i), name: 'x' }, at, source: 'teams' });

describe('dispatcher with a fake clock', () => {
  it('runs a whole round: the first wave to all, later waves only to owners who have not reported', async () => {
    const round = makeRound({ deadline: '2026-04-10' }); // Easter 2026 in the middle
    const { repos, clock, messenger, dispatcher } = await setup(10, round, {}, '2026-03-09T00:00:00Z');
    const schedule = waveSchedule(round);
    // 2026-04-03 långfredag → 04-02 (before the deadline: the working day before); -2 = 04-12 Sunday → 04-13
    // (after the deadline: the working day after, so it stays a reminder of its own)
    expect(schedule.map((w) => w.date)).toEqual(['2026-03-13', '2026-03-27', '2026-04-02', '2026-04-08', '2026-04-10', '2026-04-13']);
    // tick every hour for six weeks; owners 0..4 report one by one after the first wave
    const reportAfterWave = new Map([[1, [0, 1]], [2, [2]], [3, [3, 4]]]);
    let wavesSeen = 0;
    for (let h = 0; h < 24 * 42; h++) {
      const results = await dispatcher.tick();
      for (const res of results) {
        if (!res.complete) continue;
        wavesSeen++;
        for (const i of reportAfterWave.get(wavesSeen) ?? []) await report(repos, round.id, i, clock.now().toISOString());
      }
      clock.advance(3600_000);
    }
    const byDate = new Map<string, string[]>();
    for (const d of messenger.delivered) {
      const day = stockholmDate(new Date(d.at));
      byDate.set(day, [...(byDate.get(day) ?? []), d.ownerId]);
    }
    expect([...byDate.keys()]).toEqual(schedule.map((w) => w.date));
    const counts = [...byDate.values()].map((ids) => ids.length);
    expect(counts).toEqual([10, 8, 7, 5, 5, 5]);
    expect(byDate.get('2026-04-10')).not.toContain(ownerId(0));
    // each wave's sends at 09:00 Stockholm on a working day
    for (const d of messenger.delivered) expect(new Date(d.at).toISOString().slice(11, 13)).toMatch(/0[78]/);
  });

  it('moves waves off midsummer and Christmas and still sends each once', async () => {
    const round = makeRound({ id: '2026-T2', tertial: 2, deadline: '2026-06-22', waves: [3, 0] }); // 06-19 midsommarafton
    const { clock, messenger, dispatcher } = await setup(3, round, {}, '2026-06-01T00:00:00Z');
    for (let h = 0; h < 24 * 30; h++) {
      await dispatcher.tick();
      clock.advance(3600_000);
    }
    expect([...new Set(messenger.delivered.map((d) => stockholmDate(new Date(d.at))))]).toEqual(['2026-06-18', '2026-06-22']);
    expect(messenger.delivered).toHaveLength(6);

    const xmas = makeRound({ id: '2026-T3', tertial: 3, deadline: '2026-12-28', waves: [4, 0] });
    const s2 = await setup(2, xmas, {}, '2026-12-01T00:00:00Z');
    for (let h = 0; h < 24 * 30; h++) {
      await s2.dispatcher.tick();
      s2.clock.advance(3600_000);
    }
    expect([...new Set(s2.messenger.delivered.map((d) => stockholmDate(new Date(d.at))))]).toEqual(['2026-12-23', '2026-12-28']);
  });

  it('stops reminding an owner who reports while the wave is going out', async () => {
    const round = makeRound();
    const { repos, clock, messenger, dispatcher } = await setup(6, round, { concurrency: 1, recheckEvery: 1 }, '2026-04-16T08:00:00Z'); // wave 14 due
    await repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 6 });
    messenger.respond = async (id) => {
      if (id === ownerId(0)) await report(repos, round.id, 4, clock.now().toISOString()); // owner 4 answers while owner 0 is reminded
      return sent;
    };
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ wave: 'w14', recipients: 6, sent: 5, skipped: 1, complete: true });
    expect(messenger.delivered.map((d) => d.ownerId)).not.toContain(ownerId(4));
    expect((await repos.outbox.get(round.id, `w14:${ownerId(4)}`))!.entry).toMatchObject({ state: 'skipped' });
  });

  it('waits for Retry-After on 429, retries 503 with backoff, marks 403 unreachable and gives up after the last attempt', async () => {
    const round = makeRound();
    const { repos, clock, messenger, dispatcher } = await setup(4, round, {}, '2026-04-02T08:00:00Z');
    const times = new Map<string, number[]>();
    messenger.respond = (id, call) => {
      times.set(id, [...(times.get(id) ?? []), clock.now().getTime()]);
      if (id === ownerId(0) && call === 1) return { outcome: 'retry', status: 429, reason: 'Too Many Requests', retryAfterMs: 7000 };
      if (id === ownerId(1) && call <= 2) return { outcome: 'retry', status: 503, reason: 'Service Unavailable', retryAfterMs: null };
      if (id === ownerId(2)) return { outcome: 'unreachable', status: 403, reason: 'MessageWritesBlocked' };
      if (id === ownerId(3)) return { outcome: 'retry', status: 502, reason: 'Bad Gateway', retryAfterMs: null };
      return sent;
    };
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ sent: 2, unreachable: 1, failed: 1, complete: true });
    const t0 = times.get(ownerId(0))!;
    expect(t0[1]! - t0[0]!).toBeGreaterThanOrEqual(7000);
    const entries = new Map((await repos.outbox.listRound(round.id)).map((e) => [e.ownerId, e]));
    expect(entries.get(ownerId(1))!.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(entries.get(ownerId(2))).toMatchObject({ state: 'unreachable', reason: '403: MessageWritesBlocked', sentAt: null });
    expect(entries.get(ownerId(3))).toMatchObject({ state: 'failed' });
    // the reason as an admin reads it (round show): Swedish, with Teams' last answer kept as it came
    expect(entries.get(ownerId(3))!.reason).toBe('gav upp efter 6 försök; senast: 502 Bad Gateway');
    expect(explainReachProblem('failed', entries.get(ownerId(3))!.reason)).toMatchObject({ reason: 'kunde inte nås just då (Teams svarade inte)', nextStep: 'Påminn igen om en stund.' });
    // entries recorded by earlier versions, in English, are explained the same way
    expect(explainReachProblem('failed', 'gave up after 6 attempts; last: network socket hang up').reason).toBe('kunde inte nås just då (Teams svarade inte)');
    expect(messenger.calls.get(ownerId(3))).toBe(6);
    expect(messenger.duplicates()).toBe(0);
  });

  it('records in Swedish why a send failed when the messenger threw instead of answering', async () => {
    const round = makeRound();
    const { repos, messenger, dispatcher } = await setup(1, round, {}, '2026-04-02T08:00:00Z');
    messenger.respond = () => {
      throw new Error('socket exploded');
    };
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ failed: 1, complete: true });
    const [entry] = await repos.outbox.listRound(round.id);
    expect(entry!.attempts.map((a) => a.reason)).toEqual(Array(6).fill('oväntat fel i utskicket: socket exploded'));
    expect(entry!.reason).toBe('gav upp efter 6 försök; senast: oväntat fel i utskicket: socket exploded');
  });

  it('reports every attempt to the metrics port by wave: sent, throttled (429), failed, unreachable', async () => {
    const round = makeRound();
    const { repos, clock, messenger } = await setup(3, round, {}, '2026-04-02T08:00:00Z');
    messenger.respond = (id, call) => {
      if (id === ownerId(0) && call === 1) return { outcome: 'retry', status: 429, reason: 'Too Many Requests', retryAfterMs: 1000 };
      if (id === ownerId(1) && call === 1) return { outcome: 'retry', status: 503, reason: 'Service Unavailable', retryAfterMs: null };
      if (id === ownerId(2)) return { outcome: 'unreachable', status: 403, reason: 'appen är inte installerad', notInstalled: true };
      return sent;
    };
    const seen: string[] = [];
    const metrics: Metrics = { reminder: (outcome, wave) => seen.push(`${wave.roundId}/${wave.wave}:${outcome}`), submit: () => undefined, publish: () => undefined };
    const dispatcher = new Dispatcher({ ...repos, messenger, composer: plainReminderComposer, clock, timer: new FakeTimer(clock), limiter: new RateLimiter(), metrics }, { random: () => 0.5 });
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ sent: 2, unreachable: 1, complete: true });
    const wave = res!.wave;
    expect(seen.sort()).toEqual(
      [`${round.id}/${wave}:sent`, `${round.id}/${wave}:sent`, `${round.id}/${wave}:throttled`, `${round.id}/${wave}:failed`, `${round.id}/${wave}:unreachable`].sort(),
    );
    // a reminder to one person counts under 'again', whatever its press key (not a metric series per press)
    seen.length = 0;
    await dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001');
    await dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0002');
    expect(seen).toEqual([`${round.id}/again:sent`, `${round.id}/again:sent`]);
  });

  it('grants no other slot while a request waits for its new connection, and counts it when it leaves', async () => {
    const round = makeRound();
    const { repos, clock, dispatcher } = await setup(150, round, {}, '2026-04-02T08:00:00Z');
    /** each request's departure: its grant, or for a held one the moment it was released */
    const departures = new Map<string, number>();
    let holding = false;
    let grantedWhileHolding = 0;
    const limiter = new RecordingLimiter();
    limiter.onGrant = (key, now) => {
      if (holding) grantedWhileHolding++;
      departures.set(key, now);
    };
    const pacing: Messenger = {
      pacesRequests: true,
      async sendToUser(id, _message, options) {
        const slot = await options?.beforeRequest?.(id);
        if (slot && /-0*(3|50|90)$/.test(id)) {
          // this request's connection takes 60 ms to open: it leaves then
          const release = slot.holdUntilDeparture();
          holding = true;
          await new Promise((r) => setTimeout(r, 5));
          clock.advance(60);
          holding = false;
          departures.set(id, clock.now().getTime());
          release();
        }
        return sent;
      },
      postToChannel: async () => sent,
      updateInChannel: async () => sent,
    };
    const d = new Dispatcher({ ...repos, messenger: pacing, composer: plainReminderComposer, clock, timer: new FakeTimer(clock), limiter }, { random: () => 0.5 });
    void dispatcher;
    const [res] = await d.tick();
    expect(res).toMatchObject({ sent: 150, complete: true });
    expect(grantedWhileHolding).toBe(0);
    expect(departures.size).toBe(150);
    expect(maxInWindow([...departures.values()].sort((a, b) => a - b), 1000 + DEFAULT_MARGIN_MS)).toBeLessThanOrEqual(50);
  });

  it("shares the app's pacer with the bot's other requests: a wave plus replies stay within 50 in any 1 s + margin together", async () => {
    const round = makeRound();
    const { repos, clock } = await setup(120, round, {}, '2026-04-02T08:00:00Z');
    const limiter = new RecordingLimiter();
    const pacer = new AppPacer(limiter, clock, new FakeTimer(clock));
    const pacing: Messenger = {
      pacesRequests: true,
      async sendToUser(id, _message, options) {
        await options?.beforeRequest?.(`a:conv-${id}`);
        return sent;
      },
      postToChannel: async () => sent,
      updateInChannel: async () => sent,
    };
    const d = new Dispatcher({ ...repos, messenger: pacing, composer: plainReminderComposer, clock, timer: new FakeTimer(clock), pacer }, { random: () => 0.5 });
    // replies in chat turns, asking for slots while the wave goes out
    const replies = Promise.all(Array.from({ length: 30 }, (_, i) => pacer.slot(`a:conv-${i % 3}`)));
    const [[res]] = await Promise.all([d.tick(), replies]);
    expect(res).toMatchObject({ sent: 120, complete: true });
    expect(limiter.granted).toHaveLength(150);
    expect(maxInWindow([...limiter.granted].sort((a, b) => a - b), 1000 + DEFAULT_MARGIN_MS)).toBeLessThanOrEqual(50);
  });

  it.each(['after-claim', 'after-backoff', 'after-mark'] as const)('finishes a wave after a crash %s: no duplicate, none lost', async (point) => {
    const round = makeRound();
    let hits = 0;
    const n = 20;
    const crashAt = point === 'after-backoff' ? 1 : 7;
    const death = new ProcessDeath((p) => p === point && ++hits === crashAt);
    const s = await setup(n, round, { concurrency: 1, leaseMs: 60_000 }, '2026-04-02T08:00:00Z', death);
    s.messenger.respond = (id, call) => (point === 'after-backoff' && call === 1 && id.endsWith('7') ? { outcome: 'retry', status: 503, reason: 'x', retryAfterMs: null } : sent);
    await tickUntilDeath(s.dispatcher, death);
    expect(s.messenger.delivered.length).toBeLessThan(n);
    // a restarted instance: the dead one's claims are held until their lease expires, then taken over
    const restarted = s.make({ concurrency: 4, leaseMs: 60_000 });
    await restarted.tick();
    expect(s.messenger.duplicates()).toBe(0);
    s.clock.advance(61_000);
    await restarted.tick();
    expect(await s.repos.outbox.getWaveMarker(round.id, 'w28')).toMatchObject({ recipients: n });
    expect(s.messenger.countsByOwner().size).toBe(n);
    expect(s.messenger.duplicates()).toBe(0);
  });

  it('a crash with several sends in flight: none lost; a second copy only where a send was answered but not yet marked, and flagged', async () => {
    const round = makeRound();
    let hits = 0;
    const n = 40;
    const death = new ProcessDeath((p) => p === 'after-mark' && ++hits === 10);
    const s = await setup(n, round, { concurrency: 6 }, '2026-04-02T08:00:00Z', death);
    await tickUntilDeath(s.dispatcher, death);
    s.clock.advance(200_000);
    await s.make({ concurrency: 6 }).tick();
    expect(s.messenger.countsByOwner().size).toBe(n);
    const flagged = new Set((await s.repos.outbox.listRound(round.id)).filter((e) => e.possibleDuplicate).map((e) => e.ownerId));
    expect(flagged.size).toBeLessThanOrEqual(6);
    for (const [owner, count] of s.messenger.countsByOwner()) if (count > 1) expect(flagged.has(owner) && count === 2).toBe(true);
  });

  it('a crash between the send and its mark resends once and flags the entry (the documented window)', async () => {
    const round = makeRound();
    let hits = 0;
    const death = new ProcessDeath((p) => p === 'after-send' && ++hits === 3);
    const s = await setup(5, round, { concurrency: 1 }, '2026-04-02T08:00:00Z', death);
    await tickUntilDeath(s.dispatcher, death);
    s.clock.advance(200_000);
    await s.make({}).tick();
    expect(s.messenger.countsByOwner().size).toBe(5);
    expect(s.messenger.duplicates()).toBe(1);
    const flagged = (await s.repos.outbox.listRound(round.id)).filter((e) => e.possibleDuplicate);
    expect(flagged.map((e) => [e.ownerId, e.state, e.takeovers])).toEqual([[ownerId(2), 'sent', 1]]);
  });

  it('a claim whose store call fails is tried again in the same pass: an applied create whose answer was lost is known as its own by its claimId, not deferred or flagged', async () => {
    const round = makeRound();
    const s = await setup(6, round, { concurrency: 1, recheckEvery: 1 }, '2026-04-02T08:00:00Z');
    const outbox = s.repos.outbox;
    let onClaim: (id: string) => Promise<void> = async () => undefined;
    const failures = new Map<string, 'answer-lost' | 'not-applied'>([
      [`w28:${ownerId(1)}`, 'answer-lost'],
      [`w28:${ownerId(4)}`, 'not-applied'],
    ]);
    const claimNew = outbox.claimNew.bind(outbox);
    outbox.claimNew = async (entry) => {
      await onClaim(entry.id);
      const failure = failures.get(entry.id);
      failures.delete(entry.id);
      if (failure === 'not-applied') throw new Error('socket hang up');
      const created = await claimNew(entry);
      if (failure === 'answer-lost') throw new Error('socket hang up');
      return created;
    };
    const [res] = await s.dispatcher.tick();
    expect(failures.size).toBe(0);
    expect(res).toMatchObject({ sent: 6, deferred: 0, complete: true });
    expect(s.messenger.countsByOwner().size).toBe(6);
    expect(s.messenger.duplicates()).toBe(0);
    const entries = await outbox.listRound(round.id);
    expect(entries.filter((e) => e.possibleDuplicate || e.takeovers > 0)).toEqual([]);
    // each claim has an id of its own
    expect(new Set(entries.map((e) => e.claimId)).size).toBe(6);
    // a later wave: the entry that skips someone who reported meanwhile, its answer lost, is this pass's own too
    s.clock.set('2026-04-16T08:00:00Z');
    onClaim = async (id) => {
      if (id === `w14:${ownerId(0)}`) await report(s.repos, round.id, 2, s.clock.now().toISOString());
    };
    failures.set(`w14:${ownerId(2)}`, 'answer-lost');
    const [later] = await s.dispatcher.tick();
    expect(failures.size).toBe(0);
    expect(later).toMatchObject({ wave: 'w14', sent: 5, skipped: 1, deferred: 0, complete: true });
    expect((await outbox.get(round.id, `w14:${ownerId(2)}`))?.entry).toMatchObject({ state: 'skipped', possibleDuplicate: false });
  });

  it('two dispatchers on one store send each key once', async () => {
    const round = makeRound();
    const s = await setup(30, round, { concurrency: 3 }, '2026-04-02T08:00:00Z');
    const other = s.make({ concurrency: 3, instanceId: 'second' });
    const [a, b] = await Promise.all([s.dispatcher.tick(), other.tick()]);
    expect(a[0]!.sent + b[0]!.sent).toBe(30);
    expect(s.messenger.duplicates()).toBe(0);
    expect(s.messenger.countsByOwner().size).toBe(30);
  });

  it('stops sending when another instance took the sender lease mid-wave (this one stalled past it); a later tick finishes', async () => {
    const round = makeRound();
    const n = 40;
    const s = await setup(n, round, { concurrency: 1 }, '2026-04-02T08:00:00Z');
    s.messenger.respond = (_id, _call) => {
      if (s.messenger.delivered.length === 9) {
        // a stall of 3 minutes: the lease ran out and another instance has it now
        s.clock.advance(180_000);
        s.repos.outbox.lease = { holder: 'other', leaseUntil: new Date(s.clock.now().getTime() + 120_000).toISOString() };
      }
      return sent;
    };
    const [first] = await s.dispatcher.tick();
    expect(first).toMatchObject({ sent: 10, complete: false, senderBusy: true });
    expect(await s.dispatcher.tick()).toEqual([expect.objectContaining({ sent: 0, senderBusy: true })]);
    // the other instance dies; its lease expires and this one finishes the wave
    s.clock.advance(121_000);
    const [rest] = await s.dispatcher.tick();
    expect(rest).toMatchObject({ sent: n - 10, alreadyDone: 10, complete: true, senderBusy: false });
    expect(s.messenger.countsByOwner().size).toBe(n);
    expect(s.messenger.duplicates()).toBe(0);
  });

  it('fences every send: a holder that stalled past its lease sends nothing more, gives its claims back, and another instance finishes without a duplicate', async () => {
    const round = makeRound();
    const n = 30;
    const s = await setup(n, round, { concurrency: 4, claimAhead: 4 }, '2026-04-02T08:00:00Z');
    let stalledAt = -1;
    s.messenger.respond = () => {
      if (s.messenger.delivered.length === 9 && stalledAt < 0) {
        // a 20 s stall (a GC pause, a frozen VM): the 15 s lease ran out; another instance holds it now
        s.clock.advance(20_000);
        stalledAt = s.messenger.delivered.length + 1;
        s.repos.outbox.lease = { holder: 'other', leaseUntil: new Date(s.clock.now().getTime() + 15_000).toISOString(), generation: s.clock.now().getTime() };
      }
      return sent;
    };
    const calls = () => [...s.messenger.calls.values()].reduce((a, b) => a + b, 0);
    const [first] = await s.dispatcher.tick();
    // the request in flight during the stall completes; nothing else leaves this instance after it
    expect(calls()).toBe(stalledAt);
    expect(first).toMatchObject({ sent: stalledAt, complete: false });
    const entries = await s.repos.outbox.listRound(round.id);
    expect(entries.filter((e) => e.state === 'sending')).toEqual([]); // claims given back, not left 'sending'
    // the new holder takes the rest at once (no waiting for claims to expire) and flags nothing
    const other = s.make({ concurrency: 4, instanceId: 'other' });
    const [rest] = await other.tick();
    expect(rest).toMatchObject({ complete: true, sent: n - stalledAt });
    expect(s.messenger.duplicates()).toBe(0);
    expect((await s.repos.outbox.listRound(round.id)).filter((e) => e.possibleDuplicate)).toEqual([]);
  });

  it('a new holder takes over the claims of a holder that lost the lease at once, and flags only what that one had claimed', async () => {
    const round = makeRound();
    const n = 20;
    let hits = 0;
    const death = new ProcessDeath((p) => p === 'after-claim' && ++hits === 8);
    const s = await setup(n, round, { concurrency: 4, claimAhead: 2 }, '2026-04-02T08:00:00Z', death);
    await tickUntilDeath(s.dispatcher, death);
    const claimed = (await s.repos.outbox.listRound(round.id)).filter((e) => e.state === 'sending');
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.length).toBeLessThanOrEqual(2 + 4); // claimed ahead + requests in flight, never the whole queue
    // the dead holder's sender lease runs out (its last renewal was a lease ago); its claims, still within
    // their own lease, are taken at once by the next holder, under a new generation
    s.clock.advance(1000);
    s.repos.outbox.lease = { ...s.repos.outbox.lease!, leaseUntil: s.clock.now().toISOString() };
    expect(claimed.every((e) => new Date(e.leaseUntil!).getTime() > s.clock.now().getTime())).toBe(true);
    const [res] = await s.make({ concurrency: 4, instanceId: 'next' }).tick();
    expect(res).toMatchObject({ complete: true });
    expect(s.messenger.countsByOwner().size).toBe(n);
    const flagged = (await s.repos.outbox.listRound(round.id)).filter((e) => e.possibleDuplicate).map((e) => e.ownerId).sort();
    expect(flagged).toEqual(claimed.map((e) => e.ownerId).sort());
  });

  it('a graceful stop mid-wave: in-flight sends are marked, a retry waiting stays in backoff, the lease is given up; another instance finishes without a duplicate', async () => {
    const round = makeRound();
    const n = 30;
    const s = await setup(n, round, { concurrency: 3 }, '2026-04-02T08:00:00Z');
    let stopped: Promise<void> | null = null;
    s.messenger.respond = () => {
      if (s.messenger.delivered.length === 9 && !stopped) {
        stopped = s.dispatcher.stop();
        return { outcome: 'retry', status: 503, reason: 'Service Unavailable', retryAfterMs: 20_000 };
      }
      return sent;
    };
    const [first] = await s.dispatcher.tick();
    await stopped;
    expect(first!.complete).toBe(false);
    const entries = await s.repos.outbox.listRound(round.id);
    expect(entries.filter((e) => e.state === 'sending')).toEqual([]);
    expect(entries.filter((e) => e.state === 'backoff')).toHaveLength(1);
    expect(entries.filter((e) => e.state === 'sent').length).toBe(s.messenger.delivered.length);
    expect(await s.repos.outbox.senderLease(s.clock.now().toISOString())).toBeNull();
    // a stopped dispatcher starts nothing new
    expect(await s.dispatcher.tick()).toEqual([expect.objectContaining({ sent: 0, recipients: 0 })]);

    const other = s.make({ concurrency: 3, instanceId: 'other' });
    const [next] = await other.tick(); // goes on at once; the backoff entry waits for its lease
    expect(next).toMatchObject({ complete: false, deferred: 1 });
    s.clock.advance(20_000 + 120_000);
    const [last] = await other.tick();
    expect(last).toMatchObject({ complete: true, sent: 1 });
    expect(s.messenger.countsByOwner().size).toBe(n);
    expect(s.messenger.duplicates()).toBe(0);
    expect((await s.repos.outbox.listRound(round.id)).filter((e) => e.possibleDuplicate)).toEqual([]);
  });

  it('a retry wait that outlasts the sender lease: the entry stays in backoff and this instance stops sending', async () => {
    const round = makeRound();
    const s = await setup(12, round, { concurrency: 1 }, '2026-04-02T08:00:00Z');
    s.messenger.respond = (id, call) => {
      if (id === ownerId(5) && call === 1) {
        // Teams asks for a long pause; meanwhile this instance's lease runs out and another takes it
        s.repos.outbox.lease = { holder: 'other', leaseUntil: new Date(s.clock.now().getTime() + 600_000).toISOString() };
        return { outcome: 'retry', status: 429, reason: 'Too Many Requests', retryAfterMs: 200_000 };
      }
      return sent;
    };
    const [res] = await s.dispatcher.tick();
    expect(res).toMatchObject({ sent: 5, complete: false, senderBusy: true });
    expect(s.messenger.calls.get(ownerId(5))).toBe(1);
    const entries = new Map((await s.repos.outbox.listRound(round.id)).map((e) => [e.ownerId, e]));
    expect(entries.get(ownerId(5))).toMatchObject({ state: 'backoff', possibleDuplicate: false });
    expect(entries.size).toBe(6); // nobody after it was claimed
  });

  it('påminn nu while another instance is sending: refused with the reason, nothing sent', async () => {
    const round = makeRound();
    const s = await setup(4, round, {}, '2026-04-21T12:00:00Z');
    s.repos.outbox.lease = { holder: 'bot-2', leaseUntil: '2026-04-21T12:01:00.000Z' };
    await expect(s.dispatcher.remindNow(round.year, round.tertial)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('bot-2') });
    expect(s.messenger.delivered).toHaveLength(0);
    expect(await s.repos.outbox.listRound(round.id)).toHaveLength(0);
  });

  it('påminn nu reminds only owners with missing reports, once a day however often it is asked', async () => {
    const round = makeRound();
    const s = await setup(4, round, {}, '2026-04-21T12:00:00Z');
    await report(s.repos, round.id, 1, '2026-04-21T10:00:00Z');
    const first = await s.dispatcher.remindNow(2026, 1);
    expect(first).toMatchObject({ wave: 'now-2026-04-21', recipients: 3, sent: 3 });
    const again = await s.dispatcher.remindNow(2026, 1);
    expect(again).toMatchObject({ sent: 0, alreadyDone: 3 });
    expect(s.messenger.delivered.map((d) => d.ownerId).sort()).toEqual([ownerId(0), ownerId(2), ownerId(3)]);
    await expect(s.dispatcher.remindNow(2026, 2)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('påminn nu twice: the second run counts as "already reminded" only those really sent, and names who failed and why', async () => {
    const round = makeRound();
    const s = await setup(3, round, {}, '2026-04-21T12:00:00Z');
    s.messenger.respond = (id) => (id === ownerId(1) ? { outcome: 'unreachable', status: 403, reason: 'MessageWritesBlocked' } : sent);
    const first = await s.dispatcher.remindNow(2026, 1);
    expect(first).toMatchObject({ sent: 2, unreachable: 1, alreadySent: 0 });
    expect(first.problems).toEqual([{ ownerId: ownerId(1), name: 'Ägare 1', state: 'unreachable', reason: '403: MessageWritesBlocked', earlier: false }]);
    const again = await s.dispatcher.remindNow(2026, 1);
    expect(again).toMatchObject({ sent: 0, alreadyDone: 3, alreadySent: 2 });
    expect(again.problems).toEqual([expect.objectContaining({ ownerId: ownerId(1), state: 'unreachable', earlier: true })]);
  });

  it('at most one reminder per person and day: whom the bot greeted with the round\'s reminder today, the wave leaves out (and reminds on a later wave)', async () => {
    const round = makeRound();
    const s = await setup(3, round, {}, '2026-04-02T07:30:00Z'); // w28 is due (09:30 Stockholm)
    // owner 0 wrote to the bot for the first time at 09:10 and got the reminder card with the greeting
    const posted = new Map([[ownerId(0), '2026-04-02T07:10:00.000Z']]);
    const d = new Dispatcher(
      { ...s.repos, messenger: s.messenger, composer: plainReminderComposer, clock: s.clock, timer: new FakeTimer(s.clock), limiter: new RateLimiter(), reminderPostedAt: async (id) => posted.get(id) ?? null },
      { random: () => 0.5 },
    );
    const [res] = await d.tick();
    expect(res).toMatchObject({ wave: 'w28', recipients: 2, sent: 2, remindedToday: 1, complete: true });
    expect(s.messenger.calls.get(ownerId(0))).toBeUndefined();
    expect((await s.repos.outbox.get(round.id, `w28:${ownerId(0)}`))!.entry).toMatchObject({ state: 'skipped', reason: 'fick påminnelsen tidigare i dag' });
    // the next wave reminds them as anyone else
    s.clock.set('2026-04-16T07:30:00Z');
    const [next] = await d.tick();
    expect(next).toMatchObject({ wave: 'w14', sent: 3, remindedToday: 0 });
  });

  it('a scheduled wave leaves out whom "påminn nu" reached earlier the same day', async () => {
    const round = makeRound();
    const s = await setup(3, round, {}, '2026-04-16T05:00:00Z'); // 07:00 on w14's day
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 3 });
    await s.dispatcher.remindNow(2026, 1);
    s.clock.set('2026-04-16T07:30:00Z');
    const [res] = await s.dispatcher.tick();
    expect(res).toMatchObject({ wave: 'w14', recipients: 0, remindedToday: 3, complete: true });
    expect(s.messenger.duplicates()).toBe(0);
  });

  it('påminn nu leaves out owners a scheduled wave reached the same day', async () => {
    const round = makeRound();
    const s = await setup(3, round, {}, '2026-04-16T07:30:00Z'); // wave 14 is due (09:00 Stockholm)
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 3 });
    s.messenger.respond = (id) => (id === ownerId(1) ? { outcome: 'unreachable', status: 403, reason: 'x' } : sent);
    await s.dispatcher.tick();
    s.messenger.respond = () => sent;
    s.clock.advance(3 * 3600_000);
    const now = await s.dispatcher.remindNow(2026, 1);
    expect(now).toMatchObject({ recipients: 1, sent: 1, remindedToday: 2 });
    expect(s.messenger.countsByOwner()).toEqual(new Map([[ownerId(0), 1], [ownerId(2), 1], [ownerId(1), 1]]));
  });
});

describe('a reminder to one person ("Påminn igen" in chat, "Påminn" in the tab): Dispatcher.remindOwner', () => {
  it('is refused while another instance holds the sender lease: nothing sent, nothing recorded', async () => {
    const round = makeRound();
    const s = await setup(2, round, {}, '2026-04-21T12:00:00Z');
    s.repos.outbox.lease = { holder: 'bot-2', leaseUntil: '2026-04-21T12:01:00.000Z' };
    const refused = s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001');
    await expect(refused).rejects.toBeInstanceOf(SenderBusyError);
    await expect(refused).rejects.toMatchObject({ code: 'conflict', id: 'reminders.sender-busy', message: expect.stringMatching(/^En annan instans \(bot-2\) skickar påminnelser just nu.*Ingen påminnelse skickades/) });
    expect(s.messenger.calls.size).toBe(0);
    expect(await s.repos.outbox.listRound(round.id)).toEqual([]);
  });

  it('goes through the outbox under the sender lease: claimed under its generation, sent once, recorded once with the press as its wave', async () => {
    const round = makeRound();
    const s = await setup(2, round, {}, '2026-04-21T12:00:00Z');
    const result = await s.dispatcher.remindOwner(2026, 1, ownerId(1), 'press-0001');
    expect(result).toMatchObject({ wave: 'again-press-0001', kind: 'manual', recipients: 1, sent: 1 });
    expect(oneReminderOutcome(result)).toEqual({ outcome: 'sent' });
    const entries = await s.repos.outbox.listRound(round.id);
    expect(entries).toEqual([expect.objectContaining({ id: `again-press-0001:${ownerId(1)}`, wave: 'again-press-0001', state: 'sent', leaseOwner: null, possibleDuplicate: false })]);
    // claimed under the sender lease this instance took for the pass (the fence's generation), then given up
    expect(entries[0]!.leaseGeneration).toBe(s.repos.outbox.lease!.generation);
    expect(s.repos.outbox.lease).toMatchObject({ holder: s.dispatcher.instanceId, leaseUntil: new Date(0).toISOString() });
    expect(s.messenger.countsByOwner()).toEqual(new Map([[ownerId(1), 1]]));
  });

  it('the same press twice (a double click, Teams retrying the invoke) sends once, at once or later; a new press sends again the same day', async () => {
    const round = makeRound();
    const s = await setup(2, round, {}, '2026-04-21T12:00:00Z');
    const [a, b] = await Promise.all([s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001'), s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001')]);
    expect([a, b].map((r) => oneReminderOutcome(r).outcome).sort()).toEqual(['pending', 'sent']);
    const retried = await s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001');
    expect(retried).toMatchObject({ sent: 0, alreadySent: 1 });
    expect(oneReminderOutcome(retried)).toEqual({ outcome: 'already' });
    expect(s.messenger.calls.get(ownerId(0))).toBe(1);
    // a deliberate second press, from the view drawn after the first: sent again, though reminded today
    s.clock.advance(10 * 60_000);
    expect(await s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0002')).toMatchObject({ sent: 1, remindedToday: 0 });
    expect(s.messenger.calls.get(ownerId(0))).toBe(2);
    expect((await s.repos.outbox.listRound(round.id)).map((e) => [e.wave, e.state])).toEqual([
      ['again-press-0001', 'sent'],
      ['again-press-0002', 'sent'],
    ]);
  });

  it('one reminder a day still holds for waves: påminn nu and a scheduled wave leave out whom an admin reminded that day, and the admin can still remind after påminn nu', async () => {
    const round = makeRound();
    const s = await setup(3, round, {}, '2026-04-16T05:00:00Z'); // 07:00 on w14's day
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 3 });
    await s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001');
    expect(await s.dispatcher.remindNow(2026, 1)).toMatchObject({ recipients: 2, sent: 2, remindedToday: 1 });
    // on purpose, after påminn nu reached them: sent
    expect(await s.dispatcher.remindOwner(2026, 1, ownerId(1), 'press-0002')).toMatchObject({ sent: 1 });
    s.clock.set('2026-04-16T07:30:00Z');
    const [wave] = await s.dispatcher.tick();
    expect(wave).toMatchObject({ wave: 'w14', recipients: 0, remindedToday: 3, complete: true });
    expect(s.messenger.countsByOwner()).toEqual(new Map([[ownerId(0), 1], [ownerId(1), 2], [ownerId(2), 1]]));
  });

  it('is fenced like any wave: the sender lease lost before the request leaves sends nothing and gives the claim back; the same press goes later', async () => {
    const round = makeRound();
    const s = await setup(1, round, {}, '2026-04-21T12:00:00Z');
    let stall = true;
    const stalling = {
      compose: (ctx: Parameters<typeof plainReminderComposer.compose>[0]) => {
        if (stall) {
          // a 20 s stall after the claim: the 15 s lease ran out and another instance took it
          stall = false;
          s.clock.advance(20_000);
          s.repos.outbox.lease = { holder: 'other', leaseUntil: new Date(s.clock.now().getTime() + 15_000).toISOString(), generation: s.clock.now().getTime() };
        }
        return plainReminderComposer.compose(ctx);
      },
    };
    const d = new Dispatcher({ ...s.repos, messenger: s.messenger, composer: stalling, clock: s.clock, timer: new FakeTimer(s.clock), limiter: new RateLimiter() }, { random: () => 0.5 });
    const held = await d.remindOwner(2026, 1, ownerId(0), 'press-0001');
    expect(held).toMatchObject({ sent: 0, deferred: 1 });
    expect(oneReminderOutcome(held)).toEqual({ outcome: 'pending' });
    expect(s.messenger.calls.size).toBe(0);
    expect((await s.repos.outbox.get(round.id, `again-press-0001:${ownerId(0)}`))!.entry).toMatchObject({ state: 'backoff', possibleDuplicate: false });
    // the other instance's lease ends: the same press (a retry) is sent, once, without a duplicate flag
    s.clock.advance(20_000);
    expect(await d.remindOwner(2026, 1, ownerId(0), 'press-0001')).toMatchObject({ sent: 1 });
    expect(s.messenger.calls.get(ownerId(0))).toBe(1);
    expect((await s.repos.outbox.get(round.id, `again-press-0001:${ownerId(0)}`))!.entry).toMatchObject({ state: 'sent', possibleDuplicate: false });
  });

  it('records who it did not reach and why; nobody with nothing left to report is reminded; a bad press key is refused in Swedish', async () => {
    const round = makeRound();
    const s = await setup(2, round, {}, '2026-04-21T12:00:00Z');
    s.messenger.respond = () => ({ outcome: 'unreachable', status: 403, reason: 'MessageWritesBlocked' });
    const blocked = await s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001');
    expect(oneReminderOutcome(blocked)).toEqual({ outcome: 'not-reached', state: 'unreachable', reason: '403: MessageWritesBlocked' });
    // the same press again: the earlier outcome, nothing sent
    expect(oneReminderOutcome(await s.dispatcher.remindOwner(2026, 1, ownerId(0), 'press-0001'))).toEqual({ outcome: 'not-reached', state: 'unreachable', reason: '403: MessageWritesBlocked' });
    expect(s.messenger.calls.get(ownerId(0))).toBe(1);
    await report(s.repos, round.id, 1, '2026-04-21T11:00:00Z');
    const done = await s.dispatcher.remindOwner(2026, 1, ownerId(1), 'press-0002');
    expect(oneReminderOutcome(done)).toEqual({ outcome: 'nothing-left' });
    expect(s.messenger.calls.get(ownerId(1))).toBeUndefined();
    await expect(s.dispatcher.remindOwner(2026, 1, ownerId(1), 'x"y')).rejects.toMatchObject({ code: 'invalid-input', id: 'reminders.press-key-invalid', message: expect.stringContaining('Ingen påminnelse skickades') });
  });
});

describe('send window: a wave missed while the app was down', () => {
  /** ticks every 15 minutes from `from` to `to`, as the scheduled tick would */
  async function tickThrough(s: Awaited<ReturnType<typeof setup>>, to: string) {
    while (s.clock.now().getTime() < new Date(to).getTime()) {
      await s.dispatcher.tick();
      s.clock.advance(15 * 60_000);
    }
  }
  const localDeliveries = (s: Awaited<ReturnType<typeof setup>>) =>
    s.messenger.delivered.map((d) => new Date(d.at).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16));

  it('goes at the next working day\'s send time, not at the hour the app comes back (a Sunday morning)', async () => {
    const round = makeRound(); // w14 is Thursday 2026-04-16 09:00
    const s = await setup(3, round, {}, '2026-04-19T04:45:00Z'); // back on Sunday 06:45
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 3 });
    await tickThrough(s, '2026-04-20T06:59:00Z');
    expect(s.messenger.delivered).toEqual([]); // nothing on Sunday, nor on Monday before 09:00
    await tickThrough(s, '2026-04-20T12:00:00Z');
    expect(localDeliveries(s)).toEqual(['2026-04-20 09:00', '2026-04-20 09:00', '2026-04-20 09:00']);
    expect((await s.repos.outbox.listRound(round.id)).map((e) => e.wave)).toEqual(['w14', 'w14', 'w14']);
  });

  it('skips Easter: down from Skärtorsdag evening, the wave goes on the Tuesday after Easter Monday', async () => {
    const round = makeRound({ deadline: '2026-04-30', waves: [28, 0] }); // w28: Thursday 2026-04-02 (Skärtorsdag)
    const [w28] = waveSchedule(round);
    expect(w28!.date).toBe('2026-04-02');
    const s = await setup(2, round, {}, '2026-04-02T18:00:00Z'); // the app comes back Thursday 20:00, after the window
    await tickThrough(s, '2026-04-07T12:00:00Z');
    expect(localDeliveries(s)).toEqual(['2026-04-07 09:00', '2026-04-07 09:00']);
  });

  it('if a later wave is due by the next send time, only that one goes', async () => {
    const round = makeRound(); // w14 Thursday 04-16, w7 Thursday 04-23
    const s = await setup(2, round, {}, '2026-04-24T18:00:00Z'); // down from before w14 until Friday 20:00 after w7
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 2 });
    await tickThrough(s, '2026-04-27T12:00:00Z');
    expect(localDeliveries(s)).toEqual(['2026-04-27 09:00', '2026-04-27 09:00']);
    expect(new Set((await s.repos.outbox.listRound(round.id)).map((e) => e.wave))).toEqual(new Set(['w7']));
  });

  it('a wave the app is back for on its own working day still goes that day', async () => {
    const round = makeRound();
    const s = await setup(2, round, {}, '2026-04-16T09:30:00Z'); // w14's day, 11:30
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 2 });
    await tickThrough(s, '2026-04-16T10:00:00Z');
    expect(localDeliveries(s)).toEqual(['2026-04-16 11:30', '2026-04-16 11:30']);
  });

  it('a wave cut off at the end of the window goes on at the next working day\'s send time, once per person', async () => {
    const round = makeRound(); // w14 Thursday 04-16
    const s = await setup(3, round, {}, '2026-04-16T14:59:00Z'); // w14's day, 16:59: a minute of window left
    await s.repos.outbox.markWaveComplete({ roundId: round.id, wave: 'w28', completedAt: 'x', recipients: 3 });
    let requests = 0;
    s.messenger.respond = () => {
      if (++requests !== 2) return { outcome: 'sent', activityId: 'a', conversationId: 'c' };
      // the second request stalls 70 s and fails: meanwhile the lease ran out and another instance took it, past 17:00
      s.clock.advance(70_000);
      s.repos.outbox.lease = { holder: 'other', leaseUntil: new Date(s.clock.now().getTime() + 15_000).toISOString(), generation: s.clock.now().getTime() };
      return { outcome: 'retry', status: 503, reason: 'Service Unavailable', retryAfterMs: null };
    };
    await tickThrough(s, '2026-04-17T12:00:00Z');
    const at = new Map(s.messenger.delivered.map((x) => [x.ownerId, new Date(x.at).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16)]));
    expect(s.messenger.countsByOwner()).toEqual(new Map([[ownerId(0), 1], [ownerId(1), 1], [ownerId(2), 1]]));
    // one went before the stall; the ones left go neither in the evening nor at night: Friday at the send time
    const [first, ...rest] = [...at.values()].sort();
    expect(first!.slice(0, 10)).toBe('2026-04-16');
    expect(rest).toEqual(['2026-04-17 09:00', '2026-04-17 09:00']);
    expect((await s.repos.outbox.listRound(round.id)).map((e) => [e.wave, e.state, e.possibleDuplicate])).toEqual([
      ['w14', 'sent', false],
      ['w14', 'sent', false],
      ['w14', 'sent', false],
    ]);
  });

  it('påminn nu is not limited to the send window', async () => {
    const round = makeRound();
    const s = await setup(2, round, {}, '2026-04-19T18:00:00Z'); // Sunday 20:00
    expect(await s.dispatcher.remindNow(2026, 1)).toMatchObject({ sent: 2 });
  });
});

describe("the dispatcher's audience: substitutes and measures", () => {
  /** a composer over the real one: each message names its items, for whom, and how many measures */
  const namingComposer = (repos: ReturnType<typeof memoryRepositories>) =>
    createReminderComposer(repos, (items, _round, extras) => ({
      summary: `${items.map((i) => i.activity.ref).join(',') || '-'}|${extras?.forOwner?.name ?? ''}|${extras?.measures ?? 0}`,
      card: {},
    }));
  const handover = (ownerIdx: number, subIdx: number, activityRef: string | null): Substitution => ({
    ownerId: ownerId(ownerIdx),
    ownerName: `Ägare ${ownerIdx}`,
    substituteId: ownerId(subIdx),
    substituteName: `Ägare ${subIdx}`,
    activityRef,
    by: { id: ownerId(ownerIdx), name: `Ägare ${ownerIdx}` },
    at: '2026-03-30T08:00:00.000Z',
    endedAt: null,
    endedBy: null,
  });

  it('one activity handed over: its reminder goes to the substitute "för" the owner, the owner keeps the rest', async () => {
    const round = makeRound({ substitutions: [handover(0, 1, '1.1.3')] });
    const repos = memoryRepositories();
    const clock = new FakeClock('2026-04-02T08:00:00Z'); // the first wave (w28)
    await repos.plans.save(makePlan(2026, 3));
    // owner 0 answers for activities 1.1.1 and 1.1.3; owner 1 for 1.1.2
    await repos.owners.upsertMany(makeOwners(2).map((o, i) => (i === 0 ? { ...o, units: ['Enhet 0', 'Enhet 2'] } : o)));
    await repos.rounds.create(round);
    const messenger = new RecordingMessenger(() => clock.now().getTime());
    const make = () => new Dispatcher({ ...repos, messenger, composer: namingComposer(repos), clock, timer: new FakeTimer(clock), limiter: new RateLimiter() }, { random: () => 0.5 });
    const [first] = await make().tick();
    expect(first).toMatchObject({ wave: 'w28', recipients: 3, sent: 3, complete: true });
    const got = (id: string) => messenger.delivered.filter((d) => d.ownerId === id).map((d) => d.summary).sort();
    expect(got(ownerId(0))).toEqual(['1.1.1||0']);
    expect(got(ownerId(1))).toEqual(['1.1.2||0', '1.1.3|Ägare 0|0']);
    // the handed-over part has an entry of its own, kept apart from the owner's
    expect((await repos.outbox.get(round.id, `w28:${ownerId(0)}+${ownerId(1)}`))!.entry).toMatchObject({ state: 'sent' });
    expect((await repos.outbox.get(round.id, `w28:${ownerId(0)}`))!.entry).toMatchObject({ state: 'sent' });

    // the substitute reports 1.1.3 for the owner: the next wave reminds the owner of 1.1.1 only, and not the substitute
    await repos.reports.append(round.id, '1.1.3', ownerId(0), { status: 'done', comment: null, by: { id: ownerId(1), name: 'Ägare 1' }, onBehalfOf: { id: ownerId(0), name: 'Ägare 0' }, at: clock.now().toISOString(), source: 'teams' });
    await repos.reports.append(round.id, '1.1.2', ownerId(1), { status: 'done', comment: null, by: { id: ownerId(1), name: 'Ägare 1' }, at: clock.now().toISOString(), source: 'teams' });
    clock.set('2026-04-16T08:00:00Z'); // w14
    messenger.delivered.length = 0;
    const [second] = await make().tick();
    expect(second).toMatchObject({ wave: 'w14', recipients: 1, sent: 1 });
    expect(messenger.delivered.map((d) => [d.ownerId, d.summary])).toEqual([[ownerId(0), '1.1.1||0']]);

    // taken back: the owner's reminder lists both again, nothing goes to the substitute
    await repos.rounds.update(round.id, (r) => ({ ...r, substitutions: [{ ...handover(0, 1, '1.1.3'), endedAt: '2026-04-20T08:00:00.000Z', endedBy: { id: ownerId(0), name: 'Ägare 0' } }] }));
    await repos.reports.append(round.id, '1.1.3', ownerId(0), { status: null, comment: null, by: { id: ownerId(0), name: 'Ägare 0' }, at: clock.now().toISOString(), source: 'teams' });
    clock.set('2026-04-23T08:00:00Z'); // w7
    messenger.delivered.length = 0;
    await make().tick();
    expect(messenger.delivered.map((d) => [d.ownerId, d.summary])).toEqual([[ownerId(0), '1.1.1,1.1.3||0']]);
  });

  it('an owner of a measure without an outcome for the round gets the wave, activities or not, until it is reported', async () => {
    const round = makeRound();
    const repos = memoryRepositories();
    const clock = new FakeClock('2026-04-02T08:00:00Z');
    const plan = makePlan(2026, 1);
    const measure = (ref: string, owner: string) => ({ year: 2026, ref, goalRef: '1.1', name: `Mått ${ref}`, unit: '%', kind: 'number' as const, direction: 'higher' as const, baseline: null, target: null, ownerId: owner, order: 0, archived: false });
    await repos.plans.save({ ...plan, measures: [measure('1.1.M1', 'measurer'), measure('1.1.M2', 'done-measurer')] });
    const noActivities = (id: string) => ({ aadObjectId: id, name: id, email: null, units: [], activities: [] });
    await repos.owners.upsertMany([...makeOwners(1), noActivities('measurer'), noActivities('done-measurer'), noActivities('nobody')]);
    await repos.rounds.create(round);
    const outcomes: MeasureOutcome[] = [{ year: 2026, measureRef: '1.1.M2', period: '2026-T1', current: { value: 3, comment: null, by: { id: 'x', name: 'x' }, at: 'x', source: 'cli' }, history: [] }];
    const messenger = new RecordingMessenger(() => clock.now().getTime());
    const make = () =>
      new Dispatcher({ ...repos, outcomes: { listByYear: async () => outcomes }, messenger, composer: namingComposer(repos), clock, timer: new FakeTimer(clock), limiter: new RateLimiter() }, { random: () => 0.5 });
    const [first] = await make().tick();
    expect(first).toMatchObject({ recipients: 2, sent: 2, complete: true });
    expect(messenger.delivered.map((d) => [d.ownerId, d.summary]).sort()).toEqual([['measurer', '-||1'], [ownerId(0), '1.1.1||0']]);
    // a later wave: still open, so due; the activity owner who reported is not
    await report(repos, round.id, 0, clock.now().toISOString());
    clock.set('2026-04-16T08:00:00Z');
    messenger.delivered.length = 0;
    await make().tick();
    expect(messenger.delivered.map((d) => d.ownerId)).toEqual(['measurer']);
    // reported: no more reminders
    outcomes.push({ ...outcomes[0]!, measureRef: '1.1.M1' });
    clock.set('2026-04-23T08:00:00Z');
    messenger.delivered.length = 0;
    const [third] = await make().tick();
    expect(third).toMatchObject({ recipients: 0 });
    expect(messenger.delivered).toEqual([]);
  });
});

describe('recipients', () => {
  it('indexes ownership exactly as ownership.ts defines it', async () => {
    const { indexedOwnersWithActivities } = await import('../../services/dispatch/recipients');
    const { activitiesOfOwner } = await import('../../services/owners/ownership');
    // the plain definition, owner by owner, with ownership.ts' rule
    const ownersWithActivities = (p: typeof plan, os: typeof owners) =>
      os.map((owner) => ({ owner, activities: activitiesOfOwner(owner, p) })).filter((x) => x.activities.length > 0);
    const plan = makePlan(2026, 30);
    plan.activities[3]!.archived = true;
    plan.activities[5]!.units = ['Enhet 1', 'Enhet 2'];
    const owners = makeOwners(12);
    owners[0]!.activities = [{ year: 2026, ref: '1.1.20' }, { year: 2025, ref: '1.1.21' }, { year: 2026, ref: '1.1.4' }];
    owners[1]!.units.push('Enhet 9');
    owners[11]!.units = ['Ingen'];
    const simplify = (xs: { owner: { aadObjectId: string }; activities: { ref: string }[] }[]) => xs.map((x) => [x.owner.aadObjectId, x.activities.map((a) => a.ref)]);
    expect(simplify(indexedOwnersWithActivities(plan, owners))).toEqual(simplify(ownersWithActivities(plan, owners)));
  });
});
