import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../services/ports/clock';
import { CliHarness } from '../support/cli-harness';
import { startTestStore, type TestStore } from '../support/embedded-store';

const plan = JSON.parse(readFileSync(join(__dirname, '../../demo/ange-2025/plan.json'), 'utf8'));

const cell = (v: string | null | undefined) => {
  const s = v ?? '';
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** the fixture as plan CSV, the way Excel would save it: BOM, CRLF, quoted cells with ; and line breaks */
function fixtureAsCsv(): string {
  const header = 'year;organisation;body;kf_ref;kf_title;goal_ref;goal_kind;goal_title;activity_ref;activity_title;description;start;end;units';
  const rows: string[] = [header];
  const row = (kf: any, goal: any, a: any) =>
    [plan.year, plan.organisation, plan.body, kf?.ref, kf?.title, goal?.ref, goal?.kind, goal?.title, a?.ref, a?.title, a?.description, a?.start, a?.end, a?.units.join('|')]
      .map((v) => cell(v === undefined ? '' : String(v ?? '')))
      .join(';');
  for (const g of plan.goals) {
    if (g.kind === 'kf') {
      if (g.children.length === 0) rows.push(row(g, undefined, undefined));
      for (const ks of g.children) {
        if (ks.activities.length === 0) rows.push(row(g, ks, undefined));
        for (const a of ks.activities) rows.push(row(g, ks, a));
      }
    } else for (const a of g.activities) rows.push(row(undefined, g, a));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n;;;;;;;;;;;;;\r\n`;
}

describe('plan CSV import (semicolon, UTF-8, as Swedish Excel saves it)', () => {
  let t: TestStore;
  let cli: CliHarness;
  beforeAll(async () => {
    t = await startTestStore();
    cli = new CliHarness(t.store, new FakeClock('2026-01-15T10:00:00Z'));
  });
  afterAll(async () => t.close());

  it('imports the fixture from CSV with the same result as from JSON', async () => {
    const csv = fixtureAsCsv();
    expect(csv).toContain('"'); // some descriptions need quoting (line breaks or ;)
    const r = await cli.run('import', 'plan', cli.file('plan.csv', csv));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/aktiviteter: 35 nya/);
    expect(JSON.parse(await cli.export(2025)).plan).toEqual(plan);
  });

  it('reads units separated by , or |', async () => {
    const csv = [
      'year;organisation;body;goal_ref;goal_title;activity_ref;activity_title;start;end;units',
      '2030;Ånge kommun;Kommunstyrelsen;4.1;Sjukfrånvaron ska minska;4.1.1;Stärka stödet;2030-01-01;2030-06-30;Staben, HR | Socialavdelningen',
    ].join('\n');
    expect((await cli.run('import', 'plan', cli.file('units.csv', csv))).code).toBe(0);
    const stored = await t.store.plans.get(2030);
    expect(stored!.activities[0]!.units).toEqual(['Staben', 'HR', 'Socialavdelningen']);
    expect(stored!.goals[0]!.kind).toBe('economic');
  });

  it('names the CSV row of every problem and changes nothing', async () => {
    const before = await cli.export(2025);
    const csv = [
      'year;organisation;body;kf_ref;kf_title;goal_ref;goal_title;activity_ref;activity_title;start;end;units;färg',
      '2025;Ånge kommun;KS;3.1;KF;3.1.1;KS;3.1.1.1;A;2025-05-01;2025-02-30;',
      '2025;Ånge kommun;KS;3.1;KF;3.1.1;KS;3.1.1.1;B;;2025-12-31;',
    ].join('\n');
    const r = await cli.run('import', 'plan', cli.file('bad.csv', csv));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/rad 1: okänd kolumn "färg"/);
    const fixed = csv.replace(';färg', '');
    const r2 = await cli.run('import', 'plan', cli.file('bad2.csv', fixed));
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/aktivitet 3\.1\.1\.1 \(rad 2, 3\), fält "ref": ref förekommer 2 gånger/);
    expect(r2.err).toMatch(/aktivitet 3\.1\.1\.1 \(rad 2, 3\), fält "end": inget giltigt datum/);
    expect(await cli.export(2025)).toBe(before);
  });
});
