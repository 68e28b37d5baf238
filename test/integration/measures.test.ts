import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Output } from '../../cli/command';
import { COMMANDS } from '../../cli/commands';
import { runCli } from '../../cli/run-cli';
import { FakeClock } from '../../services/ports/clock';
import { FIXTURE_DIR } from '../support/assessment-fixture';
import { startTestStore, type TestStore } from '../support/embedded-store';

function capture(): Output & { text: string } {
  const o = { text: '', write: (t: string) => ((o.text += t), true) };
  return o;
}

/** the Ånge 2025 plan with measures on the economic goal 4.1, the KF goal 3.1 and its KS goal 3.1.2 */
function planWithMeasures(): Record<string, unknown> {
  const plan = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'plan.json'), 'utf8')) as { goals: Record<string, unknown>[] };
  const goal = (ref: string) => {
    for (const g of plan.goals) {
      if (g.ref === ref) return g;
      for (const c of (g.children as Record<string, unknown>[] | undefined) ?? []) if (c.ref === ref) return c;
    }
    throw new Error(ref);
  };
  goal('4.1').measures = [
    { ref: '4.1.M1', name: 'Sjukfrånvaro', unit: '%', kind: 'number', direction: 'lower', baseline: { period: '2023', value: 9.9 }, target: { value: 9.5 } },
  ];
  goal('3.1').measures = [
    { ref: '3.1.M1', name: 'Placering i Svenskt Näringslivs ranking', unit: '', kind: 'number', direction: 'lower', baseline: { period: '2023', value: 160 }, target: { value: 150 } },
    { ref: '3.1.M2', name: 'Handlingsplan antagen', unit: '', kind: 'text', baseline: null, target: { value: 'Ja' } },
  ];
  goal('3.1.2').measures = [
    { ref: '3.1.2.M1', name: 'Andel medarbetare som svarat på enkäten', unit: '%', kind: 'number', direction: 'higher', baseline: null, target: { value: 60 } },
  ];
  return plan;
}

const results = {
  ...(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 't3-results.json'), 'utf8')) as Record<string, unknown>),
  assessments: [],
  measures: [
    { ref: '4.1.M1', period: '2025', value: 9.32, comment: 'Lägsta nivån sedan 2019.' },
    { ref: '3.1.M1', period: '2025', value: 171, comment: null },
    { ref: '3.1.M2', period: '2025-T3', value: 'Ja', comment: null },
    { ref: '3.1.2.M1', period: '2025-T2', value: 48.5, comment: null },
  ],
};

describe('measures: import, assessment, report, export (embedded Cosmos, CLI)', () => {
  let a: TestStore;
  let b: TestStore;
  const clock = new FakeClock('2026-01-20T10:00:00.000Z');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tertial-measures-'));
  const file = (name: string, content: string | Record<string, unknown>) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
  const run = async (t: TestStore, ...argv: string[]) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(argv, { store: t.store, clock, stdout, stderr, commands: COMMANDS });
    return { code, out: stdout.text, err: stderr.text };
  };

  beforeAll(async () => {
    a = await startTestStore();
    b = await startTestStore();
    expect((await run(a, 'import', file('plan.json', planWithMeasures()))).code).toBe(0);
    const imported = await run(a, 'import', file('results.json', results));
    expect(imported.err).toBe('');
    expect(imported.out).toContain('utfall:     4 nya versioner');
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps old files valid and stores the measures of the plan', async () => {
    const plan = await a.store.plans.get(2025);
    expect(plan!.measures!.map((m) => `${m.goalRef}:${m.ref}`)).toEqual(['3.1:3.1.M1', '3.1:3.1.M2', '3.1.2:3.1.2.M1', '4.1:4.1.M1']);
    expect(plan!.measures!.find((m) => m.ref === '3.1.M2')).toMatchObject({ kind: 'text', direction: null, target: { value: 'Ja' } });
    // a plan file without measures, re-imported, keeps the measures (the file says nothing about them)
    const old = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'plan.json'), 'utf8')) as Record<string, unknown>;
    expect((await run(a, 'import', file('old.json', old))).code).toBe(0);
    expect((await a.store.plans.get(2025))!.measures!.filter((m) => !m.archived)).toHaveLength(4);
  });

  it('proposes goals from their measures: KF goals too, and a goal with measures and activities combines them', async () => {
    const { out } = await run(a, 'assess', '--year', '2025', '--tertial', '3', '--json');
    const rows = JSON.parse(out) as { goal: string; proposed: string; explanation: string }[];
    expect(rows).toHaveLength(21); // the 20 goals and KF goal 3.1
    const by = (ref: string) => rows.find((r) => r.goal === ref)!;
    // 3.1: one of two measures reached (the ranking 171 misses 150; the plan is adopted)
    expect(by('3.1')).toMatchObject({ proposed: 'partly-met' });
    expect(by('3.1').explanation).toContain('Placering i Svenskt Näringslivs ranking 171 mot målet 150: ej uppnått');
    expect(by('3.1').explanation).toContain('Handlingsplan antagen Ja mot målet Ja: uppnått');
    // 4.1: the measure is reached, the activities give Knappt: the lower of the two
    expect(by('4.1').explanation).toContain('Sjukfrånvaro 9,32 % mot målet 9,5 %: uppnått');
    expect(by('4.1').proposed).toBe('barely-met');
    // 3.1.2's outcome is for T2; at T3 only the year's or T3's outcome counts: the activities decide
    expect(by('3.1.2').explanation).toContain('Andel medarbetare som svarat på enkäten: utfall saknas');
    expect(by('3.1.2').proposed).toBe('met');
  });

  it('writes "Mått | Period | Utfall | Mål" under each goal that has measures, in Swedish notation', async () => {
    const md = path.join(dir, 'r.md');
    expect((await run(a, 'report', '--year', '2025', '--tertial', '3', '--format', 'md', '-o', md)).code).toBe(0);
    const text = fs.readFileSync(md, 'utf8');
    const section = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from) + 1));
    expect(section('### 3.1 ', '#### 3.1.1')).toMatchSnapshot('KF goal 3.1 with its measures');
    expect(section('### 4.1 ', '## 5')).toMatchSnapshot('economic goal 4.1 with a measure and activities');
    expect(text.match(/\| Mått \| Period \| Utfall \| Mål \|/g)).toHaveLength(3);
    const docx = path.join(dir, 'r.docx');
    expect((await run(a, 'report', '--year', '2025', '--tertial', '3', '--format', 'docx', '-o', docx)).code).toBe(0);
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(fs.readFileSync(docx))['word/document.xml']!);
    for (const t of ['Mått', 'Utfall', '9,32 %', '9,5 %', 'Sjukfrånvaro']) expect(xml).toContain(t);
  });

  it('import → export round trip: the export restores into an empty store and exports byte-identical', async () => {
    const set = await run(a, 'measure', 'set', '--year', '2025', '--ref', '4.1.M1', '--period', '2025', '--value', '9,30', '--comment', 'Rättat utfall.', '--by', 'Controller');
    expect(set).toEqual({ code: 0, out: 'Utfall sparat: 4.1.M1 2025 9,3 % (av Controller)\n', err: '' });
    const first = await run(a, 'export', '--year', '2025');
    const doc = JSON.parse(first.out) as { plan: { goals: { ref: string; measures?: unknown[] }[] }; outcomes: { measureRef: string; history: unknown[] }[] };
    const source = (planWithMeasures().goals as { ref: string; measures?: unknown[] }[]).find((g) => g.ref === '4.1')!;
    expect(doc.plan.goals.find((g) => g.ref === '4.1')!.measures).toEqual(source.measures);
    expect(doc.outcomes.find((o) => o.measureRef === '4.1.M1')!.history).toHaveLength(2);
    const restored = await run(b, 'import', file('export.json', first.out));
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('utfall:      5 versioner tillagda');
    expect((await run(b, 'export', '--year', '2025')).out).toBe(first.out);
  });

  it('the measures CSV, as Swedish Excel saves it, round-trips; a bad one changes nothing', async () => {
    const exported = await run(a, 'export', 'measures', '--year', '2025');
    expect(exported.out.startsWith('\uFEFFyear;goal_ref;measure_ref;')).toBe(true);
    expect(exported.out).toContain('2025;4.1;4.1.M1;Sjukfrånvaro;%;number;lower;2023;9,9;9,5;;2025;9,3;Rättat utfall.\r\n');
    const fresh = await startTestStore();
    try {
      const runFresh = (...argv: string[]) => run(fresh, ...argv);
      const old = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'plan.json'), 'utf8')) as Record<string, unknown>;
      expect((await runFresh('import', file('old2.json', old))).code).toBe(0);
      // the file's own problems, then the problems against the plan: each names its row, and nothing is written
      const badKind = await runFresh('import', 'measures', file('bad1.csv', exported.out.replace(';text;;', ';texten;;')));
      expect(badKind.code).toBe(2);
      expect(badKind.err).toContain('rad 3, mått 3.1.M2, fält "kind": "texten" ska vara number (tal) eller text');
      const badValue = await runFresh('import', 'measures', file('bad2.csv', exported.out.replace('9,3;Rättat', '9.3.1;Rättat').replace(';4.1;', ';9.9;')));
      expect(badValue.code).toBe(2);
      expect(badValue.err).toContain('"9.3.1" är inget tal');
      expect(badValue.err).toContain('målet 9.9 finns inte i planen för 2025');
      expect((await fresh.store.plans.get(2025))!.measures ?? []).toEqual([]);
      expect(await fresh.store.outcomes.listByYear(2025)).toEqual([]);
      const ok = await runFresh('import', 'measures', file('m.csv', exported.out));
      expect(ok.err).toBe('');
      expect(ok.out).toContain('mått:   4 nya');
      expect((await runFresh('export', 'measures', '--year', '2025')).out).toBe(exported.out);
      // the same file again adds nothing
      expect((await runFresh('import', 'measures', file('m.csv', exported.out))).out).toContain('utfall: 0 nya versioner, 4 oförändrade');
    } finally {
      await fresh.close();
    }
  });

  it('measure set refuses a text for a number measure, an unknown measure and a period of another year', async () => {
    const before = await a.store.outcomes.listByYear(2025);
    for (const argv of [
      ['measure', 'set', '--year', '2025', '--ref', '4.1.M1', '--period', '2025', '--value', 'många'],
      ['measure', 'set', '--year', '2025', '--ref', '9.9.M9', '--period', '2025', '--value', '1'],
      ['measure', 'set', '--year', '2025', '--ref', '4.1.M1', '--period', '2024-T3', '--value', '1'],
    ]) {
      const r = await run(a, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
    }
    expect(await a.store.outcomes.listByYear(2025)).toEqual(before);
  });
});
