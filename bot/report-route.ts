/**
 * GET /api/report?year&tertial&format[&expires&sig]: the round's Målavstämning report as a file, for
 * the link in the ledningsgrupp's summary card. Links are signed by the bot; unsigned requests are
 * served only when the bot runs anonymously on loopback (local use).
 */
import type { AssessmentService } from '../services/assessment/assessment-service';
import type { Logger } from '../services/logging/logger';
import type { Clock } from '../services/ports/clock';
import { checkReportQuery, REPORT_PATH } from '../services/publish/report-link';
import { roundReport } from '../services/report/report-service';
import { isTertialError } from '../services/errors';
import { sendJson, type Routes } from './http-server';

export function reportRoutes(deps: { assessments: AssessmentService; clock: Clock; secret: string; requireSignature: boolean; logger: Logger }): Routes {
  return {
    [`GET ${REPORT_PATH}`]: async (req, res) => {
      const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const check = checkReportQuery(params, deps.secret, deps.clock.now(), deps.requireSignature);
      if (!check.ok) {
        sendJson(res, check.status, { error: check.reason });
        return;
      }
      const { year, tertial, format } = check.query;
      try {
        const report = await roundReport(deps.assessments, year, tertial, format);
        res.writeHead(200, {
          'content-type': report.contentType,
          'content-length': report.bytes.byteLength,
          'content-disposition': `attachment; filename="${report.fileName}"`,
          'cache-control': 'no-store',
        });
        res.end(Buffer.from(report.bytes));
      } catch (e) {
        if (isTertialError(e) && e.code === 'not-found') {
          sendJson(res, 404, { error: e.message });
          return;
        }
        throw e;
      }
    },
  };
}
