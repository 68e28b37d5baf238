import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../services/ports/clock';
import { openStore, type Store } from '../../services/store';
import { CliHarness } from '../support/cli-harness';
import { startTestStore, type TestStore } from '../support/embedded-store';

const DEMO = join(__dirname, '../../demo');
const planJson = readFileSync(join(DEMO, 'ange-2025/plan.json'), 'utf8');
const resultsJson = readFileSync(join(DEMO, 'ange-2025/t3-results.json'), 'utf8');
const plan = JSON.parse(planJson);
const results = JSON.parse(resultsJson);

const OWNERS = [
  'aadObjectId;name;email;unit;year;activity',
  '00000000-0000-0000-0000-000000000001;Personalchef;personalchef@example.org;;2025;3.1.1.1',
  '00000000-0000-0000-0000-000000000001;Personalchef;personalchef@example.org;;2025;3.1.1.2',
  '00000000-0000-0000-0000-000000000002;Enhetschef Fritid;fritid@example.org;Fritid Kultur Turism;;',
].join('\r\n');

describe('import and export through the CLI (embedded Cosmos DB)', () => {
  let t: TestStore;
  let cli: CliHarness;
  const clock = new FakeClock('2026-01-15T10:00:00Z');

  beforeAll(async () => {
    t = await startTestStore();
    cli = new CliHarness(t.store, clock);
    expect((await cli.run('import', 'plan', cli.file('plan.json', planJson))).code).toBe(0);
    expect((await cli.run('import', 'results', cli.file('results.json', resultsJson))).code).toBe(0);
    const owners = await cli.run('import', 'owners', cli.file('owners.csv', OWNERS));
    expect(owners).toMatchObject({ code: 0, err: '' });
  });
  afterAll(async () => t.close());

  it('exports every goal, activity, report and assessment of the 2025 fixture', async () => {
    const doc = JSON.parse(await cli.export(2025));
    expect(doc.format).toBe('tertial-export/1');
    expect(doc.plan).toEqual(plan);
    expect(doc.rounds).toEqual([expect.objectContaining({ id: '2025-T3', source: 'import', state: 'closed', deadline: '2025-12-31' })]);
    const reports = doc.reports.map((r: any) => ({ activity: r.activityRef, status: r.current.status, comment: r.current.comment }));
    expect(reports).toEqual(expect.arrayContaining(results.reports));
    expect(reports).toHaveLength(results.reports.length);
    const assessments = doc.assessments.map((a: any) => ({ goal: a.goalRef, assessment: a.current.assessment, comment: a.current.comment }));
    expect(assessments).toEqual(expect.arrayContaining(results.assessments));
    expect(assessments).toHaveLength(results.assessments.length);
    expect(doc.reports.every((r: any) => r.ownerId === 'import' && r.current.by.id === 'import' && r.current.source === 'import')).toBe(true);
    expect(doc.owners.map((o: any) => o.name).sort()).toEqual(['Personalchef']);
  });

  it('restores an export into an empty store losslessly, histories included', async () => {
    // give one report a history of three versions first
    await t.store.reports.append('2025-T3', '3.1.1.1', 'import', { status: 'done', comment: 'andra', by: { id: 'x', name: 'X' }, at: '2026-01-16T00:00:00.000Z', source: 'cli' });
    await t.store.reports.append('2025-T3', '3.1.1.1', 'import', { status: 'done', comment: 'tredje', by: { id: 'x', name: 'X' }, at: '2026-01-17T00:00:00.000Z', source: 'cli' });
    const exported = await cli.export(2025);
    const other: Store = await openStore({ endpoint: t.server.endpoint, key: t.server.key, database: `restore-${Date.now()}` });
    try {
      const cli2 = new CliHarness(other, clock);
      const r = await cli2.run('import', cli2.file('export.json', exported));
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(await cli2.export(2025)).toBe(exported);
      const report = await other.reports.get('2025-T3', '3.1.1.1', 'import');
      expect(report!.history.map((v) => v.comment)).toEqual([results.reports[0].comment, 'andra', 'tredje']);
      // restoring again changes nothing
      const again = await cli2.run('import', cli2.file('export.json', exported));
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/0 versioner tillagda/);
      expect(await cli2.export(2025)).toBe(exported);
    } finally {
      await other.close();
    }
  });

  it('refuses to restore over a conflicting history and changes nothing', async () => {
    const exported = JSON.parse(await cli.export(2025));
    exported.reports[0].history[0].comment = 'en annan historia';
    exported.reports[0].current = exported.reports[0].history[exported.reports[0].history.length - 1];
    const before = await cli.export(2025);
    const r = await cli.run('import', cli.file('conflict.json', JSON.stringify(exported)));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/skiljer sig från det som redan finns i databasen på 1 punkt \(rapporter 1\); inget har ändrats/);
    expect(r.err).toMatch(/rapport 2025-T3, aktivitet 3\.1\.1\.1, ägare import, version 1 av \d+: kommentar: databasen "Konceptet är framtaget[^\n]*", exporten "en annan historia"\n/);
    expect(await cli.export(2025)).toBe(before);
  });

  it('does not add versions when the same results are imported again', async () => {
    // 3.1.1.1 has newer versions from the cli (previous test): importing adds the import version back, once
    const first = await cli.run('import', 'results', cli.file('results-again.json', resultsJson));
    expect(first.out).toMatch(/rapporter: +1 nya versioner, 34 oförändrade/);
    expect(first.out).toMatch(/bedömningar: 0 nya beslut, 20 oförändrade/);
    const before = await cli.export(2025);
    const again = await cli.run('import', 'results', cli.file('results-again.json', resultsJson));
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toMatch(/rapporter: +0 nya versioner, 35 oförändrade/);
    expect(await cli.export(2025)).toBe(before);
  });

  it('owners: a person in the file gets exactly its assignments; others are untouched; same file again changes nothing', async () => {
    const again = await cli.run('import', 'owners', cli.file('owners.csv', OWNERS));
    expect(again.out).toMatch(/0 nya, 0 ändrade, 2 oförändrade/);
    const fewer = OWNERS.split('\r\n').filter((l) => !l.endsWith(';3.1.1.2')).slice(0, 2).join('\n');
    const r = await cli.run('import', 'owners', cli.file('owners-fewer.csv', fewer));
    expect(r.out).toMatch(/0 nya, 1 ändrade, 0 oförändrade \(1 i filen\)/);
    expect(await t.store.owners.get('00000000-0000-0000-0000-000000000001')).toEqual({
      aadObjectId: '00000000-0000-0000-0000-000000000001',
      name: 'Personalchef',
      email: 'personalchef@example.org',
      units: [],
      activities: [{ year: 2025, ref: '3.1.1.1' }],
    });
    expect((await t.store.owners.get('00000000-0000-0000-0000-000000000002'))!.units).toEqual(['Fritid Kultur Turism']);
    // restore the original assignments for the tests below
    expect((await cli.run('import', 'owners', cli.file('owners.csv', OWNERS))).code).toBe(0);
  });

  describe('bad input changes nothing', () => {
    let before: string;
    beforeEach(async () => {
      before = await cli.export(2025);
    });
    afterEach(async () => {
      expect(await cli.export(2025)).toBe(before);
    });

    const clone = () => JSON.parse(planJson);
    const expectBad = async (argv: string[], message: RegExp) => {
      const r = await cli.run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      return r;
    };

    it('malformed JSON', async () => {
      await expectBad(['import', 'plan', cli.file('broken.json', planJson.slice(0, 200))], /Ogiltig JSON \(malformed JSON\) på rad \d+, kolumn \d+/);
    });

    it('unknown format tag', async () => {
      await expectBad(['import', cli.file('unknown.json', JSON.stringify({ ...clone(), format: 'tertial-plan/7' }))], /Okänt format "tertial-plan\/7"/);
      await expectBad(['import', 'plan', cli.file('unknown2.json', JSON.stringify({ ...clone(), format: 'tertial-results/1' }))], /Okänt format "tertial-results\/1".*tertial-plan\/1/);
    });

    it('unknown status code', async () => {
      const bad = { ...results, reports: [{ activity: '3.1.1.2', status: 'färdig', comment: null }] };
      await expectBad(['import', 'results', cli.file('status.json', JSON.stringify(bad))], /aktivitet 3\.1\.1\.2, fält "status" "färdig": okänd statuskod/);
    });

    it('duplicate refs', async () => {
      const doc = clone();
      doc.goals[0].children[0].activities[1].ref = '3.1.1.1';
      doc.goals[1].ref = '3.1';
      const r = await expectBad(['import', 'plan', cli.file('dup.json', JSON.stringify(doc))], /aktivitet 3\.1\.1\.1, fält "ref": ref förekommer 2 gånger/);
      expect(r.err).toMatch(/mål 3\.1, fält "ref": ref förekommer 2 gånger/);
    });

    it('end before start', async () => {
      const doc = clone();
      Object.assign(doc.goals[0].children[0].activities[0], { start: '2025-06-01', end: '2025-03-31' });
      await expectBad(['import', 'plan', cli.file('order.json', JSON.stringify(doc))], /aktivitet 3\.1\.1\.1, fält "end": slutdatum 2025-03-31 ligger före startdatum 2025-06-01/);
    });

    it('impossible dates', async () => {
      const doc = clone();
      doc.goals[0].children[0].activities[0].end = '2025-02-30';
      doc.goals[0].children[0].activities[1].start = '2025-13-01';
      const r = await expectBad(['import', 'plan', cli.file('dates.json', JSON.stringify(doc))], /aktivitet 3\.1\.1\.1, fält "end": inget giltigt datum/);
      expect(r.err).toMatch(/aktivitet 3\.1\.1\.2, fält "start": inget giltigt datum/);
    });

    it('missing title', async () => {
      const doc = clone();
      delete doc.goals[0].children[0].activities[2].title;
      doc.goals[1].title = '  ';
      const r = await expectBad(['import', 'plan', cli.file('title.json', JSON.stringify(doc))], /aktivitet 3\.1\.1\.3, fält "title": titel saknas/);
      expect(r.err).toMatch(/mål 3\.2, fält "title": titel saknas/);
    });

    it('every problem at once, one line each', async () => {
      const doc = clone();
      doc.goals[0].children[0].activities[0].end = '2025-02-30';
      delete doc.goals[0].children[0].activities[2].title;
      doc.goals[2].kind = 'okänd';
      const r = await expectBad(['import', 'plan', cli.file('many.json', JSON.stringify(doc))], /Planen innehåller 3 fel/);
      expect(r.err.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(3);
    });

    it('CSV with a comma delimiter', async () => {
      const csv = 'year,organisation,body,goal_ref,goal_title,activity_ref,activity_title,end\n2025,Ånge kommun,KS,4.1,Mål,4.1.1,Akt,2025-12-31\n';
      await expectBad(['import', 'plan', cli.file('comma.csv', csv)], /kommaseparerad/);
      await expectBad(['import', 'owners', cli.file('comma-owners.csv', OWNERS.replace(/;/g, ','))], /kommaseparerad/);
    });

    it('CSV with Latin-1 bytes', async () => {
      const csv = 'year;organisation;body;goal_ref;goal_title;activity_ref;activity_title;end\n2025;Ånge kommun;KS;4.1;Mål;4.1.1;Akt;2025-12-31\n';
      await expectBad(['import', 'plan', cli.file('latin1.csv', Buffer.from(csv, 'latin1'))], /inte UTF-8 \(rad 2 har tecken/);
      await expectBad(['import', 'owners', cli.file('latin1-owners.csv', Buffer.from(OWNERS.replace('Personalchef', 'Förvaltningschef'), 'latin1'))], /inte UTF-8/);
    });

    it('results for an activity not in the plan', async () => {
      const bad = { ...results, reports: [...results.reports, { activity: '9.9.9', status: 'done', comment: null }], assessments: [{ goal: '9.9', assessment: 'met', comment: null }] };
      const r = await expectBad(['import', 'results', cli.file('extra.json', JSON.stringify(bad))], /aktivitet 9\.9\.9: finns inte i planen för 2025/);
      expect(r.err).toMatch(/mål 9\.9: finns inte i planen för 2025/);
    });

    it('results for a year without a plan', async () => {
      await expectBad(['import', 'results', cli.file('noplan.json', JSON.stringify({ ...results, year: 2031 }))], /ingen plan för 2031/);
    });

    it('owners: bad id, bad e-mail, unknown activity ref for the year', async () => {
      const csv = [
        'aadObjectId;name;email;unit;year;activity',
        'inte-ett-id;Någon;x@example.org;Staben;;',
        '00000000-0000-0000-0000-000000000003;Ekonomichef;ekonomi-at-example;;2025;4.1.1',
        '00000000-0000-0000-0000-000000000004;Skolchef;skola@example.org;;2025;3.9.9.9',
      ].join('\n');
      const r = await expectBad(['import', 'owners', cli.file('bad-owners.csv', csv)], /Ägarfilen innehåller 3 fel/);
      expect(r.err).toMatch(/rad 2, fält "aadObjectId": "inte-ett-id" är inget Entra-objekt-id/);
      expect(r.err).toMatch(/rad 3, fält "email": "ekonomi-at-example" är ingen e-postadress/);
      expect(r.err).toMatch(/rad 4, fält "activity": aktiviteten 3\.9\.9\.9 finns inte i planen för 2025/);
    });

    it('a missing file', async () => {
      await expectBad(['import', 'plan', join(cli.dir, 'finns-inte.json')], /filen finns inte/);
    });
  });

  it('re-import updates by ref, archives removed activities and keeps their reports', async () => {
    const doc = JSON.parse(planJson);
    const removed = doc.goals[0].children[0].activities.pop(); // 3.1.1.3
    doc.goals[0].children[0].activities[0].title = 'Ny titel';
    const r = await cli.run('import', 'plan', cli.file('plan-v2.json', JSON.stringify(doc)));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/aktiviteter: 0 nya, 1 ändrade, 1 arkiverade, 33 oförändrade/);
    const exported = JSON.parse(await cli.export(2025));
    expect(exported.plan).toEqual(doc);
    expect(exported.archived.activities).toEqual([expect.objectContaining({ ref: removed.ref, archived: true })]);
    expect(exported.reports.map((x: any) => x.activityRef)).toContain(removed.ref);
    expect(exported.reports).toHaveLength(35);
    // importing the same plan again writes nothing
    const again = await cli.run('import', 'plan', cli.file('plan-v2.json', JSON.stringify(doc)));
    expect(again.out).toMatch(/redan importerad, inget ändrat/);
    // and the export with an archived activity restores exactly
    const other = await openStore({ endpoint: t.server.endpoint, key: t.server.key, database: `restore2-${Date.now()}` });
    try {
      const cli2 = new CliHarness(other, clock);
      const text = JSON.stringify(exported);
      expect((await cli2.run('import', cli2.file('e.json', text))).code).toBe(0);
      expect(JSON.parse(await cli2.export(2025))).toEqual(exported);
    } finally {
      await other.close();
    }
  });
});
