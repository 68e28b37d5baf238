/**
 * Walks the one error catalogue: every entry has a stable dotted id, a known category, and renders
 * Swedish text from its example parameters (no English phrases, every parameter used).
 */
import { catalogued, ERROR_CATALOGUE, isTertialError, type ErrorId } from '../../services/errors';

const CATEGORIES = ['invalid-input', 'not-found', 'forbidden', 'conflict', 'round-closed', 'store-unavailable', 'unavailable', 'config'];
const ENGLISH = /\b(invalid|is not|not found|has already|cannot|must|expected|received|round|deadline|waves?|error|failed|unknown)\b/i;

describe('the error catalogue', () => {
  const entries = Object.entries(ERROR_CATALOGUE) as [ErrorId, (typeof ERROR_CATALOGUE)[ErrorId]][];

  it('has entries', () => {
    expect(entries.length).toBeGreaterThan(20);
  });

  it.each(entries)('%s renders Swedish text from its example', (id, entry) => {
    expect(id).toMatch(/^[a-z]+\.[a-z-]+$/);
    expect(CATEGORIES).toContain(entry.code);
    const text = (entry.text as (p: object) => string)(entry.example);
    expect(text.trim().length).toBeGreaterThan(10);
    expect(text).toMatch(/([.:!)]|ÅÅÅÅ-MM-DD)$/);
    // every example value shows up: the text names what is wrong
    for (const value of Object.values(entry.example)) {
      const shown = [String(value), typeof value === 'number' ? value.toLocaleString('sv-SE') : String(value)];
      expect(shown.some((v) => text.includes(v))).toBe(true);
    }
    // identifiers in an operator's command line are allowed; the prose is Swedish
    expect(text.replace(/tertial round create[^.]*/, '').replace(/DISPATCH_CRON/, '')).not.toMatch(ENGLISH);
    expect(text).not.toMatch(/"/); // curly quotes only
  });

  it('builds typed errors with the id, the category and the text', () => {
    const e = catalogued('report.comment-too-long', { length: 2360, max: 2000 });
    expect(isTertialError(e)).toBe(true);
    expect(e).toMatchObject({ id: 'report.comment-too-long', code: 'invalid-input', name: 'ValidationError' });
    expect(e.message).toBe('Kommentaren är 2\u00a0360 tecken lång; högst 2\u00a0000 tecken får plats. Det du skrev finns kvar i formuläret: korta det och skicka igen.');
    expect(catalogued('round.not-found', { year: 2031, tertial: 1 })).toMatchObject({ code: 'not-found', message: expect.stringMatching(/^Omgången T1 2031 finns inte\./) });
  });
});

describe('echoing what a person typed', () => {
  it('keeps it short and free of markdown and markup', () => {
    const { plainEcho } = require('../../services/errors') as typeof import('../../services/errors');
    const echoed = plainEcho('[klicka här](https://evil.example) **fet** <at>x</at> och mycket mer text');
    expect(echoed.length).toBeLessThanOrEqual(40);
    expect(echoed).not.toMatch(/[[\]()*<>]/);
    expect(echoed.startsWith('klicka här')).toBe(true);
    expect(plainEcho('förra')).toBe('förra');
  });
});
