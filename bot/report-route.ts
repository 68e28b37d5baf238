/**
 * GET /api/report?year&tertial&format[&expires&sig]: the round's Målavstämning report as a file, for
 * the link in the ledningsgrupp's summary card. Links are signed by the bot; unsigned requests are
 * served only when the bot runs anonymously on loopback (local use).
 */
import type { Logger } from '../services/logging/logger';
import type { Clock } from '../services/ports/clock';
import { checkReportQuery, REPORT_PATH } from '../services/publish/report-link';
import type { ReportService } from '../services/report/report-service';
import { isTertialError } from '../services/errors';
import express, { type Router } from 'express';

/** a Router with the report route at its full path (mounted at '/') */
export function reportRouter(deps: { reports: ReportService; clock: Clock; secret: string; requireSignature: boolean; logger: Logger }): Router {
  const router = express.Router();
  router.get(REPORT_PATH, async (req, res) => {
    const params = new URL(req.originalUrl, 'http://localhost').searchParams;
    const check = checkReportQuery(params, deps.secret, deps.clock.now(), deps.requireSignature);
    if (!check.ok) {
      res.status(check.status).json({ error: check.reason });
      return;
    }
    const { year, tertial, format } = check.query;
    try {
      const report = await deps.reports.render(year, tertial, format);
      res
        .status(200)
        .set({
          'content-type': report.contentType,
          'content-disposition': `attachment; filename="${report.fileName}"`,
          'cache-control': 'no-store',
        })
        .end(Buffer.from(report.bytes));
    } catch (e) {
      if (isTertialError(e) && (e.code === 'not-found' || e.code === 'unavailable')) {
        // an unknown round, or a .docx that could not be written this time (its worker died or ran too long)
        res.status(e.code === 'not-found' ? 404 : 503).json({ error: e.message });
        return;
      }
      throw e;
    }
  });
  return router;
}
