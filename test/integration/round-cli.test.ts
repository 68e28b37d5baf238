import { runCli } from '../../cli/run-cli';
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { plainReminderComposer } from '../support/plain-reminder-composer';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { makeOwners, makePlan, ownerId, RecordingMessenger } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => {
  await t.close();
});

const clock = new FakeClock('2026-03-02T10:00:00Z');
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { store: t.store, clock, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('tertial round …', () => {
  it.each([
    [['--tertial', '7', '--deadline', '2026-04-30'], /tertial: 7 är ingen tertial/],
    [['--tertial', '1', '--deadline', '2026-02-30'], /2026-02-30 är inget riktigt datum/],
    [['--tertial', '1', '--deadline', '2025-12-20'], /stängt år/],
    [['--tertial', '1', '--deadline', '2026-04-30', '--waves', '14,-9'], /-9 infaller efter att omgången stängt/],
    [['--tertial', '1', '--deadline', '2026-04-30', '--waves', '14,x'], /hela dagar före sista svarsdag, t.ex. 28,14,7,2,0,-2 \(fick ”x”\)/],
    [['--tertial', '1', '--deadline', '2026-04-30', '--time', '9'], /ingen tid TT:MM/],
  ])('rejects impossible input %j with exit 2 and changes nothing', async (args, message) => {
    const r = await cli('round', 'create', '--year', '2026', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(await t.store.rounds.list()).toEqual([]);
  });

  it('creates, lists, shows progress with deliveries and unreachable owners, and closes', async () => {
    const created = await cli('round', 'create', '--year', '2026', '--tertial', '1', '--deadline', '2026-04-10', '--waves', '28,7,0');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/våg +7: 2026-04-02 09:00 \(flyttad från 2026-04-03\)/);
    // no plan for 2026 yet: the admin is told nobody will be reminded
    expect(created.err).toBe('Observera: Det finns ingen plan för 2026: ingen får en påminnelse förrän planen är importerad (tertial import plan FIL).\n');
    expect((await cli('round', 'create', '--year', '2026', '--tertial', '1', '--deadline', '2026-04-20')).code).toBe(1);

    await t.store.plans.save(makePlan(2026, 3));
    await t.store.owners.upsertMany(makeOwners(3));
    await t.store.reports.append('2026-T1', '1.1.2', ownerId(1), { status: 'done', comment: null, by: { id: ownerId(1), name: 'x' }, at: '2026-03-14T10:00:00Z', source: 'teams' });
    const messenger = new RecordingMessenger();
    messenger.respond = (id) => (id === ownerId(2) ? { outcome: 'unreachable', status: 403, reason: 'MessageWritesBlocked' } : { outcome: 'sent', activityId: 'a', conversationId: 'c' });
    clock.set('2026-03-13T08:30:00Z');
    const dispatcher = new Dispatcher({ ...t.store, messenger, composer: plainReminderComposer, clock, timer: new FakeTimer(clock) });
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ wave: 'w28', sent: 2, unreachable: 1, complete: true });

    const listed = await cli('round', 'list');
    expect(listed.out).toMatch(/T1 2026 +2026-T1 +öppen +sista svarsdag 2026-04-10/);
    const shown = await cli('round', 'show', '--year', '2026', '--tertial', '1');
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/1\/3 ägare klara · 1 rapporterade, 2 saknas · 2 utskick · 1 onåbara/);
    expect(shown.out).toMatch(/Ägare 0 \(owner-00000\): 0 rapporterade, 1 saknas\n    ✗ 1.1.1 Aktivitet 1\n    → våg 28 2026-03-13 09:30 skickad\n/);
    // the recorded reason (Teams' English answer) is told in Swedish, with the next step
    expect(shown.out).toMatch(/Ägare 2 \(owner-00002\): 0 rapporterade, 1 saknas  ONÅBAR: har blockerat Tertial i Teams\n/);
    expect(shown.out).toMatch(/→ våg 28 2026-03-13 09:30 ONÅBAR \(har blockerat Tertial i Teams\)\n/);
    expect(shown.out).toMatch(/Onåbara ägare .*\n  Ägare 2 \(owner-00002\): har blockerat Tertial i Teams, 2026-03-13 09:30\n    Nästa steg: Be personen häva blockeringen/);
    expect(shown.out).not.toMatch(/MessageWritesBlocked/);
    expect(shown.out).toMatch(/✓ 1.1.2 Aktivitet 2: Avslutad enligt plan/);
    expect(shown.out).not.toMatch(/skickas just nu/); // the wave is done: the lease was given up
    expect(JSON.parse((await cli('round', 'show', '--year', '2026', '--tertial', '1', '--json')).out).owners[2].deliveries[0]).toMatchObject({ reason: '403: MessageWritesBlocked', problem: { reason: 'har blockerat Tertial i Teams' } });

    // a Påminn igen is named in words, not by its press key, and every wave stands in one column
    clock.set('2026-03-13T09:15:00Z');
    messenger.respond = (id) => (id === ownerId(0) ? { outcome: 'unreachable', status: 403, reason: 'HTTP 403 MessageWritesBlocked' } : { outcome: 'sent', activityId: 'a', conversationId: 'c' });
    expect(await dispatcher.remindOwner(2026, 1, ownerId(0), 'press-key-0123456789abcdef')).toMatchObject({ unreachable: 1 });
    const again = await cli('round', 'show', '--year', '2026', '--tertial', '1');
    expect(again.out).not.toMatch(/press-key|again-/);
    const lines = again.out.split('\n');
    const scheduled = lines.find((l) => l.startsWith('  våg 28 '))!;
    const owner0 = lines.slice(lines.findIndex((l) => l.startsWith('  Ägare 0 ')));
    const first = owner0.find((l) => l.startsWith('    → våg 28 '))!;
    const pressed = owner0.find((l) => l.startsWith('    → Påminn igen '))!;
    expect(pressed).toBe('    → Påminn igen 2026-03-13 10:15 ONÅBAR (har blockerat Tertial i Teams)');
    expect(first).toBe('    → våg 28      2026-03-13 09:30 skickad');
    expect(scheduled.indexOf('2026-03-13')).toBe('  Påminn igen '.length);

    // while an instance is sending, show says which one
    expect(await t.store.outbox.takeSenderLease('bot-7', clock.now().toISOString(), new Date(clock.now().getTime() + 120_000).toISOString())).not.toBeNull();
    const sending = await cli('round', 'show', '--year', '2026', '--tertial', '1');
    expect(sending.out).toMatch(/Påminnelser skickas just nu av instansen bot-7 \(utskicksrätten gäller till 2026-03-13 10:17\)/);
    await t.store.outbox.releaseSenderLease('bot-7');

    expect((await cli('round', 'update', '--year', '2026', '--tertial', '1', '--time', '25:00')).code).toBe(2);
    const closed = await cli('round', 'close', '--year', '2026', '--tertial', '1');
    expect(closed.code).toBe(0);
    expect((await cli('round', 'list')).out).toMatch(/2026-T1 +stängd/);
    expect((await dispatcher.tick())).toEqual([]);
    expect((await cli('round', 'show', '--year', '2026', '--tertial', '3')).code).toBe(1);
  });
});
