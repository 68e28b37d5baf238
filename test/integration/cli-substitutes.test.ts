/**
 * `tertial substitute set|list|end` against the embedded store: what is printed, what is stored,
 * and that bad input changes nothing.
 */
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { CliHarness } from '../support/cli-harness';
import { makeOwners, makePlan, makeRound, ownerId } from '../support/dispatch-fixtures';
import { startTestStore, type TestStore } from '../support/embedded-store';

configureLogger({ level: 'silent' });

describe('tertial substitute … (embedded Cosmos)', () => {
  let t: TestStore;
  let cli: CliHarness;
  // round 2026-T1 (deadline 2026-04-30) is open; owner i owns activity 1.1.(i+1) through unit "Enhet i"
  const clock = new FakeClock('2026-04-10T08:00:00Z');

  beforeAll(async () => {
    t = await startTestStore();
    cli = new CliHarness(t.store, clock);
    await t.store.plans.save(makePlan(2026, 3));
    await t.store.owners.upsertMany(makeOwners(3));
    await t.store.rounds.create(makeRound());
  });
  afterAll(async () => {
    await t.close();
  });

  it('hands over all of an owner’s activities, or one, and lists them', async () => {
    const all = await cli.run('substitute', 'set', '--round', '2026-T1', '--owner', ownerId(0), '--substitute', ownerId(1), '--by', 'Admin');
    expect(all).toEqual({ code: 0, out: `Ersättare sparad: Ägare 1 (${ownerId(1)}) för Ägare 0 (${ownerId(0)}): alla aktiviteter; av Admin 2026-04-10\n`, err: '' });

    const one = await cli.run('substitute', 'set', '--round', '2026-T1', '--owner', ownerId(2), '--substitute', 'aad-kim', '--name', 'Kim Ersättare', '--activity', '1.1.3', '--by', 'Admin');
    expect(one.code).toBe(0);
    expect(one.out).toBe(`Ersättare sparad: Kim Ersättare (aad-kim) för Ägare 2 (${ownerId(2)}): aktivitet 1.1.3; av Admin 2026-04-10\n`);

    const listed = await cli.run('substitute', 'list', '--round', '2026-T1');
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')).toEqual([
      'Ersättare 2026-T1: 2 gällande, 2 totalt',
      `  * Ägare 1 (${ownerId(1)}) för Ägare 0 (${ownerId(0)}): alla aktiviteter; av Admin 2026-04-10`,
      `  * Kim Ersättare (aad-kim) för Ägare 2 (${ownerId(2)}): aktivitet 1.1.3; av Admin 2026-04-10`,
      '',
    ]);
    expect((await t.store.rounds.get('2026-T1'))!.substitutions).toHaveLength(2);
  });

  it('refuses a substitute nobody knows, an activity the owner does not own, and an unknown round, changing nothing', async () => {
    const before = await t.store.rounds.get('2026-T1');
    const unknown = await cli.run('substitute', 'set', '--round', '2026-T1', '--owner', ownerId(0), '--substitute', 'aad-nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Ersättaren är okänd för Tertial');
    const notOwned = await cli.run('substitute', 'set', '--round', '2026-T1', '--owner', ownerId(0), '--substitute', ownerId(1), '--activity', '1.1.2');
    expect(notOwned.code).toBe(2);
    expect(notOwned.err).toContain('Ägare 0 äger inte aktivitet 1.1.2 i planen för 2026');
    const noRound = await cli.run('substitute', 'list', '--round', '2031-T1');
    expect(noRound.code).toBe(2);
    expect(noRound.err).toContain('Omgången 2031-T1 finns inte');
    expect(await t.store.rounds.get('2026-T1')).toEqual(before);
  });

  it('takes a handover back: it stays in the history, no longer in force', async () => {
    clock.set('2026-04-12T08:00:00Z');
    const ended = await cli.run('substitute', 'end', '--round', '2026-T1', '--owner', ownerId(0), '--by', 'Admin');
    expect(ended).toEqual({
      code: 0,
      out: `Tillbakatagen: Ägare 1 (${ownerId(1)}) för Ägare 0 (${ownerId(0)}): alla aktiviteter; av Admin 2026-04-10, tillbakatagen 2026-04-12 av Admin\n`,
      err: '',
    });
    const listed = JSON.parse((await cli.run('substitute', 'list', '--round', '2026-T1', '--json')).out) as { round: string; active: { ownerId: string }[]; all: unknown[] };
    expect(listed.round).toBe('2026-T1');
    expect(listed.active.map((s) => s.ownerId)).toEqual([ownerId(2)]);
    expect(listed.all).toHaveLength(2);

    const again = await cli.run('substitute', 'end', '--round', '2026-T1', '--owner', ownerId(0));
    expect(again.code).toBe(2);
    expect(again.err).toContain('Ägare 0 har ingen ersättare');
  });
});
