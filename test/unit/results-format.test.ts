import fixture from '../../demo/ange-2025/t3-results.json';
import { ValidationError } from '../../services/errors';
import { parseResultsDocument } from '../../services/import/results-format';

describe('tertial-results/1', () => {
  it('parses the T3 2025 results', () => {
    const doc = parseResultsDocument(fixture);
    expect(doc.year).toBe(2025);
    expect(doc.tertial).toBe(3);
    expect(doc.reports).toHaveLength(35);
    expect(doc.assessments).toHaveLength(20);
  });

  it('accepts a null status (an empty cell)', () => {
    const doc = parseResultsDocument({ ...fixture, reports: [{ activity: '3.1.1.1', status: null, comment: null }] });
    expect(doc.reports[0]!.status).toBeNull();
  });

  it('names the activity of an unknown status code', () => {
    const bad = { ...fixture, reports: [{ activity: '3.1.1.1', status: 'klar', comment: null }] };
    expect(() => parseResultsDocument(bad)).toThrow(ValidationError);
    try {
      parseResultsDocument(bad);
    } catch (e) {
      expect((e as ValidationError).details).toEqual([expect.stringMatching(/^aktivitet 3\.1\.1\.1, fält "status" "klar": okänd statuskod/)]);
    }
  });

  it('rejects an unknown format tag', () => {
    expect(() => parseResultsDocument({ ...fixture, format: 'tertial-plan/1' })).toThrow(/Okänt format/);
  });
});
