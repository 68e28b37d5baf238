import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Output } from '../../cli/command';
import { assessCommand } from '../../cli/commands/assess';
import { ledningsgruppCommand } from '../../cli/commands/ledningsgrupp';
import { reportCommand } from '../../cli/commands/report';
import { runCli } from '../../cli/run-cli';
import { FakeClock } from '../../services/ports/clock';
import { startTestStore, type TestStore } from '../support/embedded-store';
import { seedAnge } from '../support/seed-ange';

const commands = { assess: assessCommand, report: reportCommand, ledningsgrupp: ledningsgruppCommand };

function capture(): Output & { text: string } {
  const o = { text: '', write: (t: string) => ((o.text += t), true) };
  return o;
}

describe('tertial assess / tertial report (embedded Cosmos)', () => {
  let t: TestStore;
  const clock = new FakeClock('2026-01-20T10:00:00.000Z');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tertial-report-'));
  const run = async (...argv: string[]) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(argv, { store: t.store, clock, stdout, stderr, commands });
    return { code, out: stdout.text, err: stderr.text };
  };

  beforeAll(async () => {
    t = await startTestStore();
    await seedAnge(t.store);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints one object per goal: goal, proposed, explanation, final', async () => {
    const { code, out } = await run('assess', '--year', '2025', '--tertial', '3', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(rows).toHaveLength(20);
    expect(Object.keys(rows[0]!).sort()).toEqual(['explanation', 'final', 'goal', 'proposed']);
    expect(rows.find((r) => r.goal === '3.4.5')).toMatchObject({ proposed: 'not-met', final: null });
  });

  it('--set decides a goal with a comment; the JSON then shows it as final', async () => {
    const set = await run('assess', '--year', '2025', '--tertial', '3', '--set', '3.1.1=partly-met', '--comment', 'Konceptet är framtaget men inte infört.');
    expect(set.code).toBe(0);
    expect(set.out).toContain('Beslut sparat: 3.1.1 Delvis uppfyllt');
    const { out } = await run('assess', '--year', '2025', '--tertial', '3', '--json');
    expect((JSON.parse(out) as { goal: string; final: string | null }[]).find((r) => r.goal === '3.1.1')!.final).toBe('partly-met');
    const stored = await t.store.assessments.get('2025-T3', '3.1.1');
    expect(stored!.current).toMatchObject({ assessment: 'partly-met', comment: 'Konceptet är framtaget men inte infört.', source: 'cli', at: '2026-01-20T10:00:00.000Z' });
  });

  it('a T1 round proposes Saknas for every goal (not assessed at T1); Saknas can be confirmed there and decided anywhere', async () => {
    const t1 = await run('assess', '--year', '2025', '--tertial', '1', '--json');
    const rows = JSON.parse(t1.out) as { goal: string; proposed: string; explanation: string }[];
    expect(rows).toHaveLength(20);
    for (const r of rows) {
      expect(r.proposed).toBe('missing');
      expect(r.explanation).toContain('ingen målbedömning i tertial 1');
    }
    const confirm = await run('assess', '--year', '2025', '--tertial', '1', '--confirm', '3.1.2');
    expect(confirm.code).toBe(0);
    expect((await t.store.assessments.get('2025-T1', '3.1.2'))!.current).toMatchObject({ assessment: 'missing', source: 'cli' });
    // at T3 a Saknas differs from the proposal: it needs a comment, then it is stored
    expect((await run('assess', '--year', '2025', '--tertial', '3', '--set', '3.6.2=missing')).code).toBe(2);
    const set = await run('assess', '--year', '2025', '--tertial', '3', '--set', '3.6.2=missing', '--comment', 'Underlag saknas för bedömning.');
    expect(set.code).toBe(0);
    expect(set.out).toContain('Beslut sparat: 3.6.2 Saknas');
    expect((await t.store.assessments.get('2025-T3', '3.6.2'))!.current).toMatchObject({ assessment: 'missing', comment: 'Underlag saknas för bedömning.' });
    const md = path.join(dir, 't1.md');
    expect((await run('report', '--year', '2025', '--tertial', '1', '--format', 'md', '-o', md)).code).toBe(0);
    const text = fs.readFileSync(md, 'utf8');
    expect(text).toContain('Enligt styrmodellen görs ingen målbedömning i tertial 1');
    expect(text).not.toContain('Förslag:');
  });

  it('rejects bad input with exit 2 and changes nothing', async () => {
    const before = await t.store.assessments.listByRound('2025-T3');
    for (const argv of [
      ['assess', '--year', '2025', '--tertial', '7', '--json'],
      ['assess', '--year', '2025', '--tertial', '3', '--set', '3.1.2=fine'],
      ['assess', '--year', '2025', '--tertial', '3', '--set', '3.1.2'],
      ['assess', '--year', '2025', '--tertial', '3', '--set', '3.1.2=not-met'], // a change without a comment
      ['assess', '--year', '2025', '--tertial', '3', '--set', '9.9=met', '--comment', 'x'],
      ['report', '--year', '2025', '--tertial', '3', '--format', 'pdf', '-o', path.join(dir, 'x.pdf')],
      ['report', '--year', '2025', '--tertial', '3', '--format', 'docx'],
    ]) {
      const r = await run(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err.length).toBeGreaterThan(0);
    }
    expect(await t.store.assessments.listByRound('2025-T3')).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });

  it('writes the report as docx, md and json', async () => {
    const docx = path.join(dir, 'r.docx');
    expect((await run('report', '--year', '2025', '--tertial', '3', '--format', 'docx', '-o', docx)).code).toBe(0);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(docx)))['word/document.xml']!);
    expect(xml).toContain('Målavstämning, tertial 3 2025');
    const md = await run('report', '--year', '2025', '--tertial', '3', '--format', 'md');
    expect(md.out).toMatch(/^# Målavstämning, tertial 3 2025 — Kommunstyrelsen/);
    expect(md.out).toContain('**Bedömning:** ◕ Delvis uppfyllt'); // 3.1.1, decided above
    expect(md.out).toContain('**Bedömning:** ● *Förslag: Uppfyllt*'); // undecided goals show the proposal, in italics as in Word
    const json = path.join(dir, 'r.json');
    expect((await run('report', '--year', '2025', '--tertial', '3', '--format', 'json', '-o', json)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toMatchObject({ format: 'tertial-report/1', year: 2025, tertial: 3 });
  });

  it('ledningsgrupp links the channel and shows it', async () => {
    expect((await run('ledningsgrupp')).out).toContain('Ingen kanal är kopplad');
    expect((await run('ledningsgrupp', '--channel', ' ', '--name', 'x')).code).toBe(2);
    const linked = await run('ledningsgrupp', '--channel', '19:lg@thread.tacv2', '--name', 'Ledningsgrupp', '--by', 'Kanslichef');
    expect(linked).toEqual({ code: 0, out: 'Ledningsgruppens kanal kopplad: Ledningsgrupp\n', err: '' });
    expect(await t.store.publications.getLink()).toMatchObject({ channelKey: '19:lg@thread.tacv2', name: 'Ledningsgrupp', linkedBy: { name: 'Kanslichef' } });
    expect((await run('ledningsgrupp')).out).toBe(`Ledningsgrupp  19:lg@thread.tacv2  kopplad av Kanslichef ${clock.now().toISOString()}\n`);
  });

  it('refuses bad flags with exit 2 before connecting to any store', async () => {
    for (const argv of [
      ['report', '--year', '2025', '--tertial', '3', '--format', 'pdf', '-o', 'x.pdf'],
      ['report', '--year', '2025', '--tertial', '3', '--format', 'docx'],
      ['assess', '--year', '2025', '--tertial', '4'],
      ['assess', '--year', '2025', '--tertial', '3', '--set', '3.1.1=fine'],
      ['assess', '--year', '2025', '--tertial', '3', '--comment', 'utan beslut'],
    ]) {
      const stderr = capture();
      // no store injected and a port nothing listens on: connecting would exit 1, not 2
      const code = await runCli(argv, { stdout: capture(), stderr, commands, env: { EMBEDDED_COSMOS_PORT: '1' } });
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(stderr.text).not.toContain('svarar');
    }
  });
});
