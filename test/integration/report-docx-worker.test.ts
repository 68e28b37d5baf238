/**
 * The report's .docx written in a worker thread (services/report/docx-worker.ts), as the bot writes it:
 * the same document as in this thread, on another thread while this one goes on, one worker at a time,
 * and a worker that dies or hangs refused in Swedish with the next render on a new worker. The worker
 * runs the TypeScript sources here, through scripts/ts-register.js; `npm run bench:report` runs it
 * from dist/.
 */
import { threadId } from 'node:worker_threads';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { combineRoundAssessments } from '../../services/assessment/assessment-service';
import { isTertialError } from '../../services/errors';
import { buildReportModel } from '../../services/report/build-report';
import { DocxWorker, type DocxWorkerOptions } from '../../services/report/docx-worker';
import { renderDocx } from '../../services/report/render-docx';
import type { ReportModel } from '../../services/report/report-model';
import { loadAngeFixture } from '../support/assessment-fixture';
import { withActivities as grown } from '../support/report-model-fixtures';

const FAULTY = path.join(__dirname, '../support/faulty-docx-thread.ts');

const fx = loadAngeFixture();
const written = {
  roundId: fx.roundId,
  current: { text: 'Året har i huvudsak gått enligt plan.\nTvå mål är inte uppfyllda.', by: { id: 'aad-lg', name: 'Ledningsgruppen' }, at: '2026-01-20T10:00:00.000Z', source: 'teams' as const },
  history: [],
};
const ange = buildReportModel(combineRoundAssessments(fx.plan, fx.tertial, fx.reports, fx.published), written as never);

/** Ånge's report with `count` activities */
const withActivities = (count: number) => grown(ange, count);

const withOrganisation = (organisation: string): ReportModel => ({ ...ange, organisation });

/**
 * the package's parts as text, with what differs from one render to the next made alike: the creation
 * and change times (docProps/core.xml) and the TOC's bookmark names and ids, which the docx package
 * numbers per process
 */
function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const names = new Map<string, number>();
    const ids = new Map<string, number>();
    out[name] = strFromU8(data)
      .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1T')
      .replace(/_Toc\d+/g, (n) => `_Toc#${names.get(n) ?? names.set(n, names.size).size - 1}`)
      .replace(/(<w:bookmark(?:Start|End) w:id=")(\d+)/g, (_, head: string, n: string) => `${head}#${ids.get(n) ?? ids.set(n, ids.size).size - 1}`);
  }
  return out;
}

async function refusal(p: Promise<unknown>): Promise<{ id?: string; code: string; message: string }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isTertialError(e)).toBe(true);
  return e as { id?: string; code: string; message: string };
}

describe('the .docx in a worker thread', () => {
  const workers: DocxWorker[] = [];
  const rendered: number[] = [];
  const worker = (options: DocxWorkerOptions = {}) => {
    const w = new DocxWorker({ onRendered: (info) => rendered.push(info.threadId), ...options });
    workers.push(w);
    return w;
  };
  beforeEach(() => {
    rendered.length = 0;
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
  });

  it('the report model crosses to the worker unchanged (plain data, structured clone)', () => {
    expect(ange.summary.source).toBe('written');
    expect(structuredClone(ange)).toStrictEqual(ange);
  });

  it('writes the same document as this thread does, on another thread', async () => {
    const docx = worker();
    const [inWorker, here] = await Promise.all([docx.render(ange), renderDocx(ange)]);
    expect(strFromU8(inWorker.subarray(0, 2))).toBe('PK');
    const a = parts(inWorker);
    const b = parts(new Uint8Array(here));
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a['word/document.xml']).toContain('Året har i huvudsak gått enligt plan.');
    for (const name of Object.keys(b)) expect({ name, xml: a[name] }).toEqual({ name, xml: b[name] });
    expect(rendered).toHaveLength(1);
    expect(rendered[0]).not.toBe(threadId);
  });

  it('this thread answers its timers while a large report is written', async () => {
    const docx = worker();
    await docx.render(ange); // the worker is up
    const order: string[] = [];
    const big = docx.render(withActivities(500)).then((bytes) => {
      order.push('report');
      return bytes;
    });
    for (let i = 1; i <= 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push(`timer ${i}`);
    }
    const bytes = await big;
    expect(order).toEqual(['timer 1', 'timer 2', 'timer 3', 'report']);
    // the 500 activities are in the file
    expect(parts(bytes)['word/document.xml']!.match(/<w:tr>/g)!.length).toBeGreaterThan(1000);
  });

  it('runs renders one at a time on one worker, kept while renders follow', async () => {
    const docx = worker();
    const files = await Promise.all([docx.render(ange), docx.render(withOrganisation('Torsby kommun')), docx.render(ange)]);
    expect(files.map((f) => parts(f)['docProps/core.xml']!.includes('Torsby kommun'))).toEqual([false, true, false]);
    expect(new Set(rendered).size).toBe(1);
  });

  it('ends an idle worker; the next render starts a new one', async () => {
    const docx = worker({ idleMs: 20 });
    await docx.render(ange);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await docx.render(ange);
    expect(rendered).toHaveLength(2);
    expect(rendered[1]).not.toBe(rendered[0]);
  });

  it.each([
    ['throws outside the render', 'kraschar'],
    ['exits', 'avslutas'],
  ])('a worker that %s refuses its render in Swedish; the next render gets a new worker', async (_how, fault) => {
    const docx = worker({ entry: FAULTY });
    await docx.render(ange);
    const e = await refusal(docx.render(withOrganisation(fault)));
    expect(e).toMatchObject({ id: 'report.docx-failed', code: 'unavailable' });
    expect(e.message).toMatch(/^Word-rapporten kunde inte skapas: .*Försök igen/);
    await expect(docx.render(ange)).resolves.toBeInstanceOf(Uint8Array);
    expect(rendered).toHaveLength(2);
    expect(rendered[1]).not.toBe(rendered[0]);
  });

  it('a render that fails is refused in Swedish and its worker goes on', async () => {
    const docx = worker({ entry: FAULTY });
    await docx.render(ange);
    expect(await refusal(docx.render(withOrganisation('fel')))).toMatchObject({ id: 'report.docx-failed', code: 'unavailable' });
    await docx.render(ange);
    expect(rendered).toHaveLength(2);
    expect(rendered[1]).toBe(rendered[0]);
  });

  it('a render that runs too long ends its worker and is refused in Swedish; the renders queued behind it go on', async () => {
    // long enough for a worker to start here (loading TypeScript) and write Ånge's report on a busy machine
    const docx = worker({ entry: FAULTY, timeoutMs: 10_000 });
    await docx.render(ange);
    const hung = refusal(docx.render(withOrganisation('hänger')));
    const next = docx.render(ange);
    const e = await hung;
    expect(e).toMatchObject({ id: 'report.docx-timeout', code: 'unavailable' });
    expect(e.message).toBe('Word-rapporten blev inte klar inom 10 sekunder och avbröts. Försök igen om en stund.');
    await expect(next).resolves.toBeInstanceOf(Uint8Array);
    expect(rendered).toHaveLength(2);
    expect(rendered[1]).not.toBe(rendered[0]);
  }, 60_000);

  it('a model that is not plain data is refused in Swedish, and the worker goes on', async () => {
    const docx = worker();
    await docx.render(ange);
    const notPlain = { ...ange, title: () => 'Målavstämning' } as unknown as ReportModel;
    expect(await refusal(docx.render(notPlain))).toMatchObject({ id: 'report.docx-failed', code: 'unavailable' });
    await docx.render(ange);
    expect(rendered).toHaveLength(2);
    expect(rendered[1]).toBe(rendered[0]);
  });

  it('a worker that cannot start refuses its render in Swedish', async () => {
    const docx = worker({ entry: path.join(__dirname, 'no-such-thread.js') });
    expect(await refusal(docx.render(ange))).toMatchObject({ id: 'report.docx-failed', code: 'unavailable' });
  });

  it('close refuses the render in flight and those queued behind it, and every later one', async () => {
    const docx = worker();
    await docx.render(ange);
    const inFlight = refusal(docx.render(ange));
    const queued = refusal(docx.render(ange));
    await docx.close();
    for (const e of [await inFlight, await queued, await refusal(docx.render(ange))]) expect(e).toMatchObject({ id: 'report.docx-failed' });
    expect(rendered).toHaveLength(1);
  });
});
