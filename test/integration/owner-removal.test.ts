/**
 * People leaving: `tertial owners remove` and the owners CSV's remove column end a person's
 * assignments at once; the next wave does not remind them, progress lists their activities as
 * without owner, their earlier reports stay.
 */
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { plainReminderComposer } from '../support/plain-reminder-composer';
import type { Owner } from '../../services/domain/model';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { loadRoundProgress } from '../../services/rounds/round-progress';
import { CliHarness } from '../support/cli-harness';
import { makePlan, makeRound, RecordingMessenger } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

const guid = (i: number) => `0000000${i}-aaaa-4bbb-8ccc-00000000000${i}`;
const owner = (i: number): Owner => ({ aadObjectId: guid(i), name: `Chef ${i}`, email: null, units: [`Enhet ${i}`], activities: [] });

describe('removing owners who have left (embedded Cosmos)', () => {
  let t: TestStore;
  let cli: CliHarness;
  // deadline 2026-04-30, waves 28 and 14 days before: 2026-04-02 and 2026-04-16 at 09:00
  const round = makeRound({ waves: [28, 14] });
  const clock = new FakeClock('2026-04-02T07:30:00Z');
  const messenger = new RecordingMessenger();
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    t = await startTestStore();
    cli = new CliHarness(t.store, clock);
    await t.store.plans.save(makePlan(2026, 4));
    await t.store.owners.upsertMany([0, 1, 2, 3].map(owner));
    await t.store.rounds.create(round);
    dispatcher = new Dispatcher({ ...t.store, messenger, composer: plainReminderComposer, clock, timer: new FakeTimer(clock) });
  });
  afterAll(async () => t.close());

  it('the first wave reminds all four', async () => {
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ wave: 'w28', sent: 4, complete: true });
    // owner 1 reports before leaving: the report stays
    await t.store.reports.append(round.id, '1.1.2', guid(1), { status: 'in-progress', comment: null, by: { id: guid(1), name: 'Chef 1' }, at: '2026-04-03T10:00:00.000Z', source: 'teams' });
  });

  it('refuses an id that is no GUID (exit 2) or no owner (exit 2), and changes nothing', async () => {
    const before = await t.store.owners.list();
    const bad = await cli.run('owners', 'remove', 'chef-1');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"chef-1" är inget Entra-objekt-id/);
    const unknown = await cli.run('owners', 'remove', guid(9));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/finns inte bland ägarna/);
    expect(await t.store.owners.list()).toEqual(before);
  });

  it('owners remove ends the assignments at once and keeps what they were', async () => {
    clock.set('2026-04-10T08:00:00Z');
    const r = await cli.run('owners', 'remove', guid(1), '--by', 'Controller');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Borttagen: Chef 1 (${guid(1)}); uppdrag som upphörde: Enhet 1`);
    const stored = await t.store.owners.get(guid(1));
    expect(stored).toMatchObject({ units: [], activities: [], removed: { at: '2026-04-10T08:00:00.000Z', by: { name: 'Controller' }, units: ['Enhet 1'] } });
    expect((await cli.run('owners', 'remove', guid(1))).out).toContain(`Redan borttagen: ${guid(1)}`);
  });

  it('a remove row in the owners CSV does the same; a row mixing remove and assignments is refused', async () => {
    const mixed = cli.file('mixed.csv', `aadObjectId;name;unit;remove\n${guid(2)};Chef 2;Enhet 2;ja\n`);
    const refused = await cli.run('import', 'owners', mixed);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/rad 2: en rad med remove tar bort personen/);
    const odd = cli.file('odd.csv', `aadObjectId;name;unit;remove\n${guid(2)};;;kanske\n`);
    expect((await cli.run('import', 'owners', odd)).err).toMatch(/fält "remove": "kanske" ska vara "ja"/);
    expect((await t.store.owners.get(guid(2)))!.units).toEqual(['Enhet 2']);

    const file = cli.file('owners.csv', `aadObjectId;name;unit;remove\n${guid(2)};;;ja\n${guid(3)};Chef 3;Enhet 3;\n`);
    const r = await cli.run('import', 'owners', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 nya, 0 ändrade, 1 oförändrade, 1 borttagna/);
    expect(await t.store.owners.get(guid(2))).toMatchObject({ units: [], removed: { units: ['Enhet 2'] } });
  });

  it('the next wave reminds neither removed person; the others still get it', async () => {
    clock.set('2026-04-16T07:30:00Z');
    const before = messenger.delivered.length;
    const [res] = await dispatcher.tick();
    expect(res).toMatchObject({ wave: 'w14', complete: true });
    const reminded = messenger.delivered.slice(before).map((d) => d.ownerId).sort();
    expect(reminded).toEqual([guid(0), guid(3)]);
  });

  it('progress lists their activities as without owner, with what was reported', async () => {
    const p = await loadRoundProgress({ ...t.store, clock }, 2026, 1);
    expect(p.owners.map((o) => o.ownerId).sort()).toEqual([guid(0), guid(3)]);
    expect(p.unowned).toEqual([
      { ref: '1.1.2', title: 'Aktivitet 2', status: 'in-progress', reportedAt: '2026-04-03T10:00:00.000Z' },
      { ref: '1.1.3', title: 'Aktivitet 3', status: null, reportedAt: null },
    ]);
    const shown = await cli.run('round', 'show', '--year', '2026', '--tertial', '1');
    expect(shown.out).toMatch(/Utan ägare[^\n]*\n  1\.1\.2 Aktivitet 2: Pågående enligt plan\n  1\.1\.3 Aktivitet 3: ingen rapport/);
    // the report of the person who left is kept
    expect(await t.store.reports.get(round.id, '1.1.2', guid(1))).not.toBeNull();
  });

  it('importing the person again with an assignment makes them an owner again', async () => {
    const file = cli.file('back.csv', `aadObjectId;name;unit\n${guid(2)};Chef 2;Enhet 2\n`);
    expect((await cli.run('import', 'owners', file)).code).toBe(0);
    const back = await t.store.owners.get(guid(2));
    expect(back).toMatchObject({ units: ['Enhet 2'] });
    expect(back!.removed ?? null).toBeNull();
  });
});
