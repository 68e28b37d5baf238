/**
 * A complete backup: tertial-export/1 carries the conversations, the channel publications and the
 * reminder deliveries, so a restore into an empty store repeats nothing in Teams: the next tick sends
 * no reminder again and publishing updates the posted cards. A restore into a store that holds other
 * data lists, per item, what differs, and writes nothing.
 */
import { ledningsgruppCards } from '../../cards/ledningsgrupp-cards';
import { personPrincipal, type Principal } from '../../services/access/access-policy';
import { AssessmentService } from '../../services/assessment/assessment-service';
import { demoOwners, loadDemoData } from '../../services/demo/demo-loader';
import { AppPacer } from '../../services/dispatch/app-pacer';
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { RateLimiter } from '../../services/dispatch/rate-limiter';
import { parseExportDocument } from '../../services/export/export-format';
import { restoreExport } from '../../services/export/export-restore';
import { exportYear } from '../../services/export/year-export';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { FakeTimer } from '../../services/ports/scheduler';
import { PublishService } from '../../services/publish/publish-service';
import type { Store } from '../../services/store';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { plainReminderComposer } from '../support/plain-reminder-composer';
import { RecordingMessenger } from '../support/recording-messenger';
import { seedAnge } from '../support/seed-ange';

configureLogger({ level: 'silent' });

const ADMIN: Principal = personPrincipal({ id: 'aad-admin', name: 'Controller' }, { admins: ['aad-admin'], ledningsgrupp: [] });
const CHANNEL = '19:ledningsgrupp@thread.tacv2';

describe('export → empty store → restore (embedded Cosmos)', () => {
  let a: TestStore;
  let b: TestStore;
  // Teams: one and the same on both sides of the restore (the posted cards stay where they are)
  const teams = new RecordingMessenger();
  // the w7 wave of a round with deadline 2026-01-09: Friday 2 January 09:00 Stockholm
  const clock = new FakeClock('2026-01-02T08:30:00Z');
  const owners = demoOwners();
  const dispatcher = (store: Store) => new Dispatcher({ ...store, messenger: teams, composer: plainReminderComposer, clock, timer: new FakeTimer(clock) });
  const publisher = (store: Store) =>
    new PublishService({
      assessments: new AssessmentService({ ...store, clock }),
      publications: store.publications,
      messenger: teams,
      cards: ledningsgruppCards,
      clock,
      timer: new FakeTimer(clock),
      pacer: new AppPacer(new RateLimiter(), clock, new FakeTimer(clock)),
    });
  let exported: string;

  beforeAll(async () => {
    [a, b] = [await startTestStore(), await startTestStore()];
    await seedAnge(a.store);
    await a.store.rounds.create({
      id: '2025-T3', year: 2025, tertial: 3, deadline: '2026-01-09', waves: [7, 0], sendTime: '09:00', graceDays: 2,
      state: 'scheduled', closedAt: null, createdAt: '2025-12-01T00:00:00.000Z', source: 'scheduled',
    });
    await a.store.owners.upsertMany(owners);
    for (const o of owners) {
      await a.store.conversations.upsertUser(o.aadObjectId, () => ({
        aadObjectId: o.aadObjectId, name: o.name, tenantId: 't1', conversationId: `a:${o.aadObjectId}`, serviceUrl: 'https://smba.example/',
        reference: { conversation: { id: `a:${o.aadObjectId}` }, user: { aadObjectId: o.aadObjectId } }, state: 'installed', unreachable: null, updatedAt: '2025-12-01T00:00:00.000Z',
      }));
    }
    await a.store.conversations.upsertChannel(CHANNEL, () => ({
      key: CHANNEL, teamId: 'team1', teamName: 'Förvaltningen', channelName: 'Ledningsgrupp', tenantId: 't1', serviceUrl: 'https://smba.example/',
      reference: { conversation: { id: CHANNEL } }, state: 'installed', updatedAt: '2025-12-01T00:00:00.000Z',
    }));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('before the backup: wave w7 reaches every owner and the round is published to the channel', async () => {
    const [w7] = await dispatcher(a.store).tick();
    expect(w7).toMatchObject({ wave: 'w7', complete: true, sent: owners.length });
    const publish = publisher(a.store);
    await publish.link(ADMIN, CHANNEL, 'Ledningsgrupp');
    const r = await publish.publish(ADMIN, 2025, 3);
    expect(r.posted).toHaveLength(8);
    exported = JSON.stringify(await exportYear(a.store, 2025));
  });

  it('the export carries conversations, publications and deliveries', () => {
    const doc = parseExportDocument(JSON.parse(exported));
    expect(doc.conversations!.users.map((u) => u.aadObjectId).sort()).toEqual(owners.map((o) => o.aadObjectId).sort());
    expect(doc.conversations!.channels.map((c) => c.key)).toEqual([CHANNEL]);
    expect(doc.publications!.link).toMatchObject({ channelKey: CHANNEL });
    expect(Object.keys(doc.publications!.rounds[0]!.posts)).toHaveLength(8);
    expect(doc.publications!.rounds[0]!.lease).toBeNull();
    expect(doc.dispatch!.entries.filter((e) => e.state === 'sent')).toHaveLength(owners.length);
    expect(doc.dispatch!.waves).toEqual([expect.objectContaining({ roundId: '2025-T3', wave: 'w7', recipients: owners.length })]);
  });

  it('restored into an empty store: the next tick sends nothing, publishing updates the posted cards', async () => {
    const result = await restoreExport(b.store, parseExportDocument(JSON.parse(exported)));
    expect(result.sideEffects).toEqual({
      conversations: { added: owners.length + 1, unchanged: 0 },
      publications: { added: 2, unchanged: 0 },
      dispatch: { added: owners.length + 1, unchanged: 0 },
    });
    expect(await b.store.conversations.getUser(owners[0]!.aadObjectId)).toMatchObject({ state: 'installed' });
    // the export of the restored store is the export it came from
    expect(JSON.stringify(await exportYear(b.store, 2025))).toBe(exported);

    const sentBefore = teams.userMessages.length;
    expect(await dispatcher(b.store).tick()).toEqual([]);
    expect(teams.userMessages.length).toBe(sentBefore);

    const postsBefore = teams.posts.length;
    const again = await publisher(b.store).publish(ADMIN, 2025, 3);
    expect(again.posted).toEqual([]);
    expect(again.updated).toHaveLength(8);
    expect(teams.posts.length).toBe(postsBefore);
  });

  it('the restored store goes on: the next wave reaches the owners when it is due', async () => {
    clock.set('2026-01-09T08:30:00Z');
    const [w0] = await dispatcher(b.store).tick();
    expect(w0).toMatchObject({ wave: 'w0', sent: owners.length });
  });

  it('restoring the same export again changes nothing', async () => {
    const before = JSON.stringify(await exportYear(b.store, 2025));
    const result = await restoreExport(b.store, parseExportDocument(JSON.parse(exported)));
    expect(result.sideEffects.dispatch.added).toBe(0);
    expect(result.sideEffects.publications.added).toBe(0);
    expect(JSON.stringify(await exportYear(b.store, 2025))).toBe(before);
  });
});

describe('restoring into a store that holds other data (embedded Cosmos)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t?.close());

  it('lists in Swedish, per item, what differs, and writes nothing', async () => {
    const source = await startTestStore();
    try {
      await seedAnge(source.store);
      const owner = demoOwners()[0]!;
      await source.store.owners.upsertMany([owner]);
      await source.store.rounds.create({
        id: '2025-T3', year: 2025, tertial: 3, deadline: '2026-01-09', waves: [7, 0], sendTime: '09:00', graceDays: 2,
        state: 'scheduled', closedAt: null, createdAt: '2025-12-01T00:00:00.000Z', source: 'scheduled',
      });
      await source.store.assessments.append('2025-T3', '3.1.1', { assessment: 'met', comment: null, by: { id: 'lg', name: 'Avdelningschef' }, at: '2026-01-10T09:00:00.000Z', source: 'teams' });
      const doc = parseExportDocument(JSON.parse(JSON.stringify(await exportYear(source.store, 2025))));

      // the target already has the plan, the same owner with another unit, the round with another deadline
      await seedAnge(t.store);
      await t.store.owners.upsertMany([{ ...owner, units: ['Staben'] }]);
      await t.store.rounds.create({ ...doc.rounds[0]!, deadline: '2026-01-16' });
      await t.store.reports.append('2025-T3', '3.1.1.1', 'import', { status: 'on-hold', comment: 'Pausad', by: { id: 'x', name: 'Någon' }, at: '2026-01-03T10:00:00.000Z', source: 'teams' });
      // a decision the export does not have, where the export has another one: its fields are named
      await t.store.assessments.append('2025-T3', '3.1.1', { assessment: 'partly-met', comment: null, by: { id: 'lg', name: 'Avdelningschef' }, at: '2026-01-10T09:00:00.000Z', source: 'teams' });
      const before = JSON.stringify(await exportYear(t.store, 2025));

      const refused = await restoreExport(t.store, doc).then(
        () => null,
        (e: unknown) => e as { code: string; message: string; details: string[] },
      );
      expect(refused).toMatchObject({ code: 'conflict', message: expect.stringContaining('på 3 punkter (ägare 1, omgångar 1, bedömningar 1); inget har ändrats') });
      expect(refused!.details).toEqual([
        `ägare ${owner.aadObjectId} (${owner.name}): enheter: databasen ["Staben"], exporten ${JSON.stringify(owner.units)}`,
        'omgång 2025-T3: deadline: databasen "2026-01-16", exporten "2026-01-09"',
        'bedömning 2025-T3, mål 3.1.1, version 1 av 1: bedömning: databasen Delvis uppfyllt, exporten Uppfyllt',
      ]);
      // the report's history only grew in the target (the export is a prefix): not a difference
      expect(JSON.stringify(await exportYear(t.store, 2025))).toBe(before);
    } finally {
      await source.close();
    }
  });
});

describe('restoring into a store with the demo data (embedded Cosmos)', () => {
  it('results imported by another run (only the import time differs) are the same results: the restore goes through', async () => {
    const [a, b] = [await startTestStore(), await startTestStore()];
    try {
      await loadDemoData({ repos: a.store, clock: new FakeClock('2026-11-20T10:00:00Z') });
      await loadDemoData({ repos: b.store, clock: new FakeClock('2026-11-29T10:00:00Z') });
      const doc = parseExportDocument(JSON.parse(JSON.stringify(await exportYear(a.store, 2025))));
      const result = await restoreExport(b.store, doc);
      expect(result).toMatchObject({ rounds: { added: 0, unchanged: 1 }, reports: { versionsAdded: 0, unchanged: 35 }, assessments: { decisionsAdded: 0, unchanged: 20 } });
      // the store keeps its own import time
      expect((await b.store.reports.get('2025-T3', '3.1.1.1', 'import'))!.current.at).toBe('2026-11-29T10:00:00.000Z');

      // a result that really differs is still a difference, named by its fields
      doc.reports[0]!.history[0]!.comment = 'Något annat';
      doc.reports[0]!.current = doc.reports[0]!.history[0]!;
      const refused = await restoreExport(b.store, doc).then(
        () => null,
        (e: unknown) => e as { details: string[] },
      );
      expect(refused!.details).toEqual([expect.stringMatching(/^rapport 2025-T3, aktivitet 3\.1\.1\.1, ägare import, version 1 av 1: tid: databasen "2026-11-29T10:00:00\.000Z", exporten "2026-11-20T10:00:00\.000Z"; kommentar: databasen "[^"]+", exporten "Något annat"$/)]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("the ledningsgrupp's Sammanfattning in a backup (embedded Cosmos)", () => {
  it('is exported with every version, restored into an empty store, and a differing version is refused', async () => {
    const source = await startTestStore();
    const target = await startTestStore();
    const other = await startTestStore();
    try {
      await seedAnge(source.store);
      const round = {
        id: '2025-T3', year: 2025, tertial: 3 as const, deadline: '2026-01-09', waves: [7, 0], sendTime: '09:00', graceDays: 2,
        state: 'scheduled' as const, closedAt: null, createdAt: '2025-12-01T00:00:00.000Z', source: 'scheduled' as const,
      };
      await source.store.rounds.create(round);
      const lg = { id: 'lg', name: 'Avdelningschef' };
      await source.store.summaries.append('2025-T3', { text: 'Utkast.', by: lg, at: '2026-01-10T09:00:00.000Z', source: 'teams' }, 0);
      await source.store.summaries.append('2025-T3', { text: 'Året i korthet.\n\nTryggheten först.', by: lg, at: '2026-01-11T09:00:00.000Z', source: 'teams' }, 1);
      const doc = parseExportDocument(JSON.parse(JSON.stringify(await exportYear(source.store, 2025))));
      expect(doc.summaries).toEqual([await source.store.summaries.get('2025-T3')]);
      expect(doc.summaries![0]!.history.map((v) => v.text)).toEqual(['Utkast.', 'Året i korthet.\n\nTryggheten först.']);

      const restored = await restoreExport(target.store, doc);
      expect(restored.summaries).toEqual({ versionsAdded: 2, unchanged: 0 });
      expect(await target.store.summaries.get('2025-T3')).toEqual(doc.summaries![0]);
      expect((await restoreExport(target.store, doc)).summaries).toEqual({ versionsAdded: 0, unchanged: 1 });

      // a store whose summary went another way: named, nothing written
      await seedAnge(other.store);
      await other.store.rounds.create(round);
      await other.store.summaries.append('2025-T3', { text: 'En annan text.', by: lg, at: '2026-01-10T09:00:00.000Z', source: 'teams' });
      const refused = await restoreExport(other.store, doc).then(
        () => null,
        (e: unknown) => e as { code: string; details: string[] },
      );
      expect(refused).toMatchObject({ code: 'conflict' });
      expect(refused!.details.join('\n')).toContain('sammanfattning 2025-T3');
      expect((await other.store.summaries.get('2025-T3'))!.history).toHaveLength(1);
    } finally {
      await Promise.all([source.close(), target.close(), other.close()]);
    }
  });
});
