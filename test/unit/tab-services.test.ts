/**
 * The services behind the tab: progress rows and their CSV for Excel, the round calendar, the
 * progress snapshots (fresh, stale while refreshing, forgotten), and owners by unit with removal.
 */
import type { Owner, Plan, Round } from '../../services/domain/model';
import { FakeClock } from '../../services/ports/clock';
import { OwnerAdmin, ownersOverview } from '../../services/owners/owner-admin';
import { PlanService } from '../../services/plan/plan-service';
import { progressCsv, progressRows, type ProgressRow } from '../../services/rounds/progress-export';
import { explainReachProblem } from '../../services/rounds/reach-problems';
import { ProgressSnapshots } from '../../services/rounds/progress-snapshots';
import { roundCalendar } from '../../services/rounds/round-calendar-view';
import { buildProgress } from '../../services/rounds/round-progress';
import { memoryRepositories } from '../support/memory-repositories';

const round: Round = {
  id: '2026-T3', year: 2026, tertial: 3, deadline: '2026-12-28', waves: [4, 0], sendTime: '09:00', graceDays: 7,
  state: 'scheduled', closedAt: null, createdAt: '2026-08-01T00:00:00.000Z', source: 'scheduled',
};
const plan: Plan = {
  meta: { year: 2026, organisation: 'Ånge kommun', body: 'Kommunstyrelsen', importedAt: '2026-01-01T00:00:00.000Z' },
  goals: [{ year: 2026, ref: '1.1', kind: 'ks', title: 'Mål', parentRef: null, order: 0, archived: false }],
  activities: [
    { year: 2026, ref: '1.1.1', goalRef: '1.1', title: 'A', description: null, start: null, end: '2026-12-31', units: ['Staben'], order: 1, archived: false },
    { year: 2026, ref: '1.1.2', goalRef: '1.1', title: 'B', description: null, start: null, end: '2026-12-31', units: ['Näringsliv'], order: 2, archived: false },
  ],
};
const anna: Owner = { aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: '=Anna; "chef"', email: null, units: ['Staben'], activities: [] };
const bo: Owner = { aadObjectId: '00000000-0000-0000-0000-0000000000b2', name: 'Bo', email: null, units: ['Staben', 'Näringsliv'], activities: [] };

describe('progress rows and CSV', () => {
  const progress = buildProgress(
    round,
    plan,
    [anna, bo],
    [{ roundId: round.id, activityRef: '1.1.1', ownerId: bo.aadObjectId, current: { status: 'done', comment: null, by: { id: bo.aadObjectId, name: 'Bo' }, at: '2026-12-20T10:00:00.000Z', source: 'teams' }, history: [] }],
    [
      { id: `w4:${anna.aadObjectId}`, roundId: round.id, wave: 'w4', ownerId: anna.aadObjectId, state: 'unreachable', leaseOwner: null, leaseUntil: null, attempts: [], takeovers: 0, possibleDuplicate: false, claimedAt: '2026-12-22T08:00:00.000Z', updatedAt: '2026-12-22T08:00:01.000Z', sentAt: null, activityId: null, reason: 'HTTP 403 MessageWritesBlocked' },
    ],
    new Date('2026-12-23T12:00:00Z'),
  );
  const rows = progressRows(progress);

  it('names what is missing, the last delivery, and what to do about an unreachable owner', () => {
    const a = rows.find((r) => r.ownerId === anna.aadObjectId)!;
    expect(a).toMatchObject({ reported: 0, missing: 1, missingRefs: ['1.1.1'], lastDelivery: { wave: 'w4', state: 'unreachable' } });
    // the advice is the reach-problem catalogue's next step, as `läge` and `tertial round show` give it
    expect(a.unreachable!.advice).toBe(explainReachProblem('unreachable', 'HTTP 403 MessageWritesBlocked').nextStep);
    expect(a.unreachable!.advice).toMatch(/häva blockeringen .*Avblockera/);
    // shown in words; the recorded reason (Teams' answer) is kept beside it
    expect(a.unreachable).toMatchObject({ reason: 'Har blockerat Tertial i Teams', recorded: 'HTTP 403 MessageWritesBlocked' });
    expect(rows.find((r) => r.ownerId === bo.aadObjectId)).toMatchObject({ reported: 1, missing: 1, lastDelivery: null, unreachable: null });
    const advice = (reason: string) => explainReachProblem('unreachable', reason).nextStep;
    expect(advice('HTTP 404 ConversationNotFound')).toMatch(/lägga till Tertial i Teams igen.*ta bort personen/);
    // a person without the app: an app setup policy; without a tenant, open Tertial once
    expect(advice('403: appen är inte installerad: HTTP 403 Forbidden')).toMatch(/konfigurationsprincip för appar/);
    expect(advice('403: appen är inte installerad: ingen chatt med personen finns, och utan TEAMS_TENANT_ID kan Tertial inte öppna en själv')).toMatch(/Be personen öppna Tertial i Teams en gång/);
  });

  it("counts a substitute's reminder under its owner: påmind via ersättare, and the owner's own reach told apart", () => {
    const cecilia = '00000000-0000-0000-0000-0000000000c3';
    const handed: Round = {
      ...round,
      substitutions: [{ ownerId: bo.aadObjectId, ownerName: 'Bo', substituteId: cecilia, substituteName: 'Cecilia', activityRef: '1.1.2', by: { id: bo.aadObjectId, name: 'Bo' }, at: '2026-12-01T08:00:00.000Z', endedAt: null, endedBy: null }],
    };
    const entry = (ownerKey: string, state: 'sent' | 'unreachable', at: string) => ({
      id: `w4:${ownerKey}`, roundId: round.id, wave: 'w4', ownerId: ownerKey, state, leaseOwner: null, leaseUntil: null, attempts: [], takeovers: 0, possibleDuplicate: false,
      claimedAt: at, updatedAt: at, sentAt: state === 'sent' ? at : null, activityId: null, reason: state === 'sent' ? null : '403: HTTP 403 MessageWritesBlocked',
    });
    const now = new Date('2026-12-23T12:00:00Z');
    // Bo's own reminder arrived; the part for Cecilia, sent after it, did not: Bo is reached
    const p = buildProgress(handed, plan, [anna, bo], [], [entry(bo.aadObjectId, 'sent', '2026-12-22T08:00:00.000Z'), entry(`${bo.aadObjectId}+${cecilia}`, 'unreachable', '2026-12-22T08:00:05.000Z')], now);
    expect(p.owners).toHaveLength(2);
    const b = p.owners.find((o) => o.ownerId === bo.aadObjectId)!;
    expect(b.deliveries.map((d) => d.via?.name ?? null)).toEqual([null, 'Cecilia']);
    expect(b.unreachable).toBeNull();
    expect(b.notReached).toBeNull();
    expect(progressRows(p).find((r) => r.ownerId === bo.aadObjectId)!.lastDelivery).toMatchObject({ state: 'unreachable', via: 'Cecilia' });

    // only the substitute's reminder went out (Bo had nothing else open): the tab and the CSV show Bo påmind via Cecilia
    const only = buildProgress(handed, plan, [anna, bo], [], [entry(`${bo.aadObjectId}+${cecilia}`, 'sent', '2026-12-22T08:00:05.000Z')], now);
    const row = progressRows(only).find((r) => r.ownerId === bo.aadObjectId)!;
    expect(row.lastDelivery).toMatchObject({ state: 'sent', via: 'Cecilia' });
    expect(progressCsv([row])).toContain(';skickad via ersättare Cecilia;');
    expect(only.totals.sent).toBe(1);
  });

  it('writes CSV that Excel opens as it is: BOM, semicolons, CRLF, quoting, formulas kept as text', () => {
    const csv = progressCsv(rows);
    expect(csv.startsWith('\uFEFFÄgare;Entra-objekt-id;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(rows.length + 2); // header, rows, and the final line break
    expect(lines.find((l) => l.includes(anna.aadObjectId))).toMatch(/^"'=Anna; ""chef"""/);
    const row = (r: ProgressRow) => lines.find((l) => l.includes(r.ownerId))!;
    expect(row(rows.find((r) => r.ownerId === bo.aadObjectId)!)).toContain(';1;1;1.1.2;;inget utskick;;');
  });
});

describe('round calendar', () => {
  it('marks weekends, Swedish holidays, waves moved off them, the deadline and the last day', () => {
    const cal = roundCalendar(round);
    const days = new Map(cal.months.flatMap((m) => m.days).map((d) => [d.date, d]));
    expect(cal.months.map((m) => m.month)).toEqual(['2026-12', '2027-01']);
    expect(days.get('2026-12-24')).toMatchObject({ holiday: 'julafton', movedWaves: [4], waves: [] });
    expect(days.get('2026-12-23')).toMatchObject({ waves: [4], holiday: null, weekend: false });
    expect(days.get('2026-12-26')).toMatchObject({ weekend: true, holiday: 'annandag jul', isoWeekday: 6 });
    expect(days.get('2026-12-28')).toMatchObject({ deadline: true, waves: [0] });
    expect(days.get('2027-01-04')).toMatchObject({ lastDay: true });
    expect(days.get('2027-01-01')!.holiday).toBe('nyårsdagen');
    expect(cal.months[0]!.days[0]!.date).toBe('2026-12-01');
  });
});

describe('progress snapshots', () => {
  it('serves a fresh snapshot, serves a stale one while refreshing, reads anew after invalidate', async () => {
    const repos = memoryRepositories();
    const clock = new FakeClock('2026-12-23T12:00:00Z');
    await repos.rounds.create(round);
    await repos.plans.save(plan);
    await repos.owners.upsertMany([anna]);
    let reads = 0;
    const list = repos.owners.list.bind(repos.owners);
    repos.owners.list = async () => (reads++, list());
    const snapshots = new ProgressSnapshots({ ...repos, clock }, { freshMs: 5_000, maxStaleMs: 60_000 });

    const first = await snapshots.get(2026, 3);
    expect(first.progress.totals.owners).toBe(1);
    await repos.owners.upsertMany([bo]);
    clock.advance(1_000);
    expect(await snapshots.get(2026, 3)).toBe(first); // fresh: no read
    expect(reads).toBe(1);

    clock.advance(10_000);
    const stale = await snapshots.get(2026, 3); // stale: answered at once, refreshed behind
    expect(stale).toBe(first);
    await new Promise((r) => setImmediate(r));
    const refreshed = await snapshots.get(2026, 3);
    expect(refreshed.progress.totals.owners).toBe(2);
    expect(reads).toBe(2);

    snapshots.invalidate(2026, 3);
    await snapshots.get(2026, 3);
    expect(reads).toBe(3);

    clock.advance(120_000); // too old to serve: waits for a new read
    await repos.owners.upsertMany([{ ...bo, units: [] }]);
    expect((await snapshots.get(2026, 3)).progress.totals.owners).toBe(1);
  });
});

describe('the plan a view shows', () => {
  const planOf = (year: number): Plan => ({ ...plan, meta: { ...plan.meta, year } });

  it('is the asked year, else this year, else the latest, else none', async () => {
    const repos = memoryRepositories();
    const plans = new PlanService({ plans: repos.plans, clock: new FakeClock('2026-05-01T12:00:00Z') });
    expect(await plans.shown(null)).toBeNull();
    for (const year of [2024, 2025]) await repos.plans.save(planOf(year));
    expect((await plans.shown(null))?.meta.year).toBe(2025);
    expect((await plans.shown(2031))?.meta.year).toBe(2025);
    await repos.plans.save(planOf(2027));
    await repos.plans.save(planOf(2026));
    expect(await plans.years()).toEqual([2024, 2025, 2026, 2027]);
    expect((await plans.shown(null))?.meta.year).toBe(2026);
    expect((await plans.shown(2024))?.meta.year).toBe(2024);
  });
});

describe('owners by unit', () => {
  it('lists units with their owners and activities, and activities nobody owns', () => {
    const view = ownersOverview(plan, [anna]);
    expect(view.units.map((u) => [u.unit, u.owners.map((o) => o.name), u.activities.map((a) => a.ref)])).toEqual([
      ['Näringsliv', [], ['1.1.2']],
      ['Staben', [anna.name], ['1.1.1']],
    ]);
    expect(view.unowned.map((a) => a.ref)).toEqual(['1.1.2']);
  });

  it('tells a person with assignments from one without (the tab shows the first Mina aktiviteter)', async () => {
    const repos = memoryRepositories();
    await repos.owners.upsertMany([anna, { ...bo, units: [] }]);
    const admin = new OwnerAdmin(repos.owners, new FakeClock('2026-03-02T10:00:00.000Z'));
    expect(await admin.hasAssignments(anna.aadObjectId)).toBe(true);
    expect(await admin.hasAssignments(bo.aadObjectId)).toBe(false);
    expect(await admin.hasAssignments('00000000-0000-0000-0000-0000000000ff')).toBe(false);
    expect((await admin.overview(plan)).unowned.map((a) => a.ref)).toEqual(['1.1.2']);
  });

  it('assigns a unit, refuses bad input, and removes a person listing what they leave behind', async () => {
    const repos = memoryRepositories();
    await repos.owners.upsertMany([anna, bo]);
    const admin = new OwnerAdmin(repos.owners, new FakeClock('2026-03-02T10:00:00.000Z'));
    await expect(admin.assignUnit({ aadObjectId: 'nej', name: '', unit: 'Staben' })).rejects.toMatchObject({ code: 'invalid-input', details: [expect.stringMatching(/GUID/), expect.stringMatching(/namn/)] });
    expect(repos.owners.items.size).toBe(2);
    const cecilia = await admin.assignUnit({ aadObjectId: '00000000-0000-0000-0000-0000000000C3', name: 'Cecilia', unit: 'Näringsliv' });
    expect(cecilia).toMatchObject({ aadObjectId: '00000000-0000-0000-0000-0000000000c3', units: ['Näringsliv'] });

    const preview = await admin.removalPreview(bo.aadObjectId, plan);
    expect(preview.activities.map((a) => [a.ref, a.otherOwners.map((o) => o.name)])).toEqual([
      ['1.1.1', [anna.name]],
      ['1.1.2', ['Cecilia']],
    ]);
    await admin.remove(bo.aadObjectId, { id: 'aad-admin', name: 'Controller' });
    expect(await repos.owners.get(bo.aadObjectId)).toMatchObject({
      name: 'Bo',
      units: [],
      activities: [],
      removed: { at: '2026-03-02T10:00:00.000Z', by: { name: 'Controller' }, units: bo.units, activities: bo.activities },
    });
  });
});
