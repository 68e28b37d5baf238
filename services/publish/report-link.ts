/**
 * Links to a round's report that the ledningsgrupp can open from the channel card: signed (HMAC-SHA256
 * over year, tertial, format and expiry) so the report route serves only links the bot handed out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TERTIALS, type Tertial } from '../domain/vocabulary';
import { REPORT_FORMATS, type ReportFormat } from '../report/report-service';

export const REPORT_PATH = '/api/report';
/** a link stays valid this long; publishing again hands out a fresh one */
export const REPORT_LINK_TTL_MS = 30 * 24 * 3600 * 1000;
/** clocks of instances may differ this much; a link expiring later than TTL + skew from now is refused */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

function sign(secret: string, year: number, tertial: number, format: string, expires: number): string {
  return createHmac('sha256', secret).update(`${year}|${tertial}|${format}|${expires}`).digest('base64url');
}

export function reportLink(baseUrl: string, secret: string, year: number, tertial: Tertial, format: ReportFormat, now: Date): string {
  const expires = Math.floor((now.getTime() + REPORT_LINK_TTL_MS) / 1000);
  const q = new URLSearchParams({ year: String(year), tertial: String(tertial), format, expires: String(expires), sig: sign(secret, year, tertial, format, expires) });
  return `${baseUrl.replace(/\/+$/, '')}${REPORT_PATH}?${q.toString()}`;
}

const querySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  tertial: z.coerce.number().pipe(z.union(TERTIALS.map((t) => z.literal(t)))),
  format: z.enum(REPORT_FORMATS),
  expires: z.coerce.number().int().optional(),
  sig: z.string().optional(),
});

export type ReportQuery = { year: number; tertial: Tertial; format: ReportFormat };

/**
 * Checks a report request's query. `requireSignature: false` (local, loopback-only use) accepts an
 * unsigned query. Returns the request, or a reason for refusing it.
 */
export function checkReportQuery(
  params: URLSearchParams,
  secret: string,
  now: Date,
  requireSignature: boolean,
): { ok: true; query: ReportQuery } | { ok: false; status: 400 | 403; reason: string } {
  const parsed = querySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return { ok: false, status: 400, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const { year, tertial, format, expires, sig } = parsed.data;
  const query = { year, tertial: tertial as Tertial, format };
  if (!sig || expires === undefined) return requireSignature ? { ok: false, status: 403, reason: 'länken saknar signatur' } : { ok: true, query };
  if (expires * 1000 < now.getTime()) return { ok: false, status: 403, reason: 'länken har gått ut; publicera igen för en ny' };
  if (expires * 1000 > now.getTime() + REPORT_LINK_TTL_MS + CLOCK_SKEW_MS) return { ok: false, status: 403, reason: 'länken gäller längre än tillåtet' };
  const expected = Buffer.from(sign(secret, year, tertial, format, expires));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 403, reason: 'ogiltig signatur' };
  return { ok: true, query };
}
