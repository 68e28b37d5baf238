import { checkReportQuery, reportLink, REPORT_LINK_TTL_MS } from '../../services/publish/report-link';

const now = new Date('2026-01-20T10:00:00.000Z');
const params = (url: string) => new URL(url).searchParams;

describe('signed report links', () => {
  const link = reportLink('https://tertial.example.org/', 'secret', 2025, 3, 'docx', now);

  it('accepts its own link until it expires', () => {
    expect(link.startsWith('https://tertial.example.org/api/report?year=2025&tertial=3&format=docx&expires=')).toBe(true);
    expect(checkReportQuery(params(link), 'secret', now, true)).toEqual({ ok: true, query: { year: 2025, tertial: 3, format: 'docx' } });
    expect(checkReportQuery(params(link), 'secret', new Date(now.getTime() + REPORT_LINK_TTL_MS + 1000), true)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a link signed to live longer than the cap, even with a valid signature', () => {
    const later = reportLink('https://tertial.example.org/', 'secret', 2025, 3, 'docx', new Date(now.getTime() + 50 * 365 * 24 * 3600 * 1000));
    expect(checkReportQuery(params(later), 'secret', now, true)).toEqual({ ok: false, status: 403, reason: 'länken gäller längre än tillåtet' });
    const justInside = reportLink('https://tertial.example.org/', 'secret', 2025, 3, 'docx', new Date(now.getTime() + 60 * 1000));
    expect(checkReportQuery(params(justInside), 'secret', now, true)).toMatchObject({ ok: true });
  });

  it('refuses another secret, a changed query, and an unsigned query when signatures are required', () => {
    expect(checkReportQuery(params(link), 'other', now, true)).toMatchObject({ ok: false, status: 403 });
    expect(checkReportQuery(params(link.replace('tertial=3', 'tertial=2')), 'secret', now, true)).toMatchObject({ ok: false, status: 403 });
    const unsigned = new URLSearchParams({ year: '2025', tertial: '3', format: 'md' });
    expect(checkReportQuery(unsigned, 'secret', now, true)).toMatchObject({ ok: false, status: 403 });
    expect(checkReportQuery(unsigned, 'secret', now, false)).toMatchObject({ ok: true });
  });
});
