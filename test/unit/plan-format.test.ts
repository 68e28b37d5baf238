import fixture from '../../demo/ange-2025/plan.json';
import { ValidationError } from '../../services/errors';
import { parsePlanDocument, toPlanDocument } from '../../services/plan/plan-format';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
type Doc = ReturnType<typeof clone<typeof fixture>>;

function problemsOf(input: unknown): string[] {
  try {
    parsePlanDocument(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
}

describe('tertial-plan/1', () => {
  it('parses the Ånge 2025 plan and writes it back unchanged', () => {
    const plan = parsePlanDocument(fixture, { importedAt: '2026-01-01T00:00:00.000Z' });
    expect(plan.meta).toEqual({ year: 2025, organisation: 'Ånge kommun', body: 'Kommunstyrelsen', importedAt: '2026-01-01T00:00:00.000Z' });
    expect(plan.goals.filter((g) => g.kind === 'kf')).toHaveLength(6);
    expect(plan.activities).toHaveLength(35);
    expect(plan.goals.find((g) => g.ref === '3.1.1')!.parentRef).toBe('3.1');
    expect(toPlanDocument(plan)).toEqual(fixture);
  });

  it('leaves archived goals and activities out of the document', () => {
    const plan = parsePlanDocument(fixture);
    plan.activities[0]!.archived = true;
    const doc = toPlanDocument(plan);
    expect(JSON.stringify(doc)).not.toContain('"3.1.1.1"');
  });

  it('rejects an unknown format tag', () => {
    expect(() => parsePlanDocument({ ...clone(fixture), format: 'tertial-plan/9' })).toThrow(/Okänt format "tertial-plan\/9"/);
  });

  it('collects every problem with its ref and field', () => {
    const doc: Doc = clone(fixture);
    const ks = doc.goals[0]!.children![0]!;
    ks.activities![1]!.ref = '3.1.1.1'; // duplicate
    (ks.activities![2] as { start: string | null }).start = '2025-12-31';
    ks.activities![2]!.end = '2025-01-31'; // end before start
    doc.goals[1]!.children![0]!.activities![0]!.end = '2025-02-30'; // impossible date
    (doc.goals[1]!.children![1]!.activities![0] as { title?: string }).title = undefined; // missing title
    (doc.goals[2] as { kind: string }).kind = 'kx'; // unknown kind
    const problems = problemsOf(doc);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aktivitet 3\.1\.1\.1, fält "ref": .*duplicate/),
        expect.stringMatching(/^aktivitet 3\.1\.1\.3, fält "end": .*före startdatum/),
        expect.stringMatching(/^aktivitet 3\.2\.1\.1, fält "end": .*giltigt datum/),
        expect.stringMatching(/^aktivitet 3\.2\.2\.1, fält "title": titel saknas/),
        expect.stringMatching(/^mål 3\.3, fält "kind": okänd måltyp/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('enforces the nesting: ks under kf only, activities on ks and economic goals', () => {
    const doc: Doc = clone(fixture);
    const ks = doc.goals[0]!.children![0]!;
    (doc.goals as unknown[]).push({ ...ks, ref: '9.9' }); // ks at top level
    (doc.goals[1] as { activities?: unknown[] }).activities = [{ ref: '3.2.x', title: 't', description: null, start: null, end: '2025-12-31', units: [] }];
    const problems = problemsOf(doc);
    expect(problems.some((p) => p.startsWith('mål 9.9, fält "kind"'))).toBe(true);
    expect(problems.some((p) => p.startsWith('mål 3.2, fält "activities"'))).toBe(true);
  });
});
