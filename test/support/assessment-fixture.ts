/**
 * The Ånge T3 2025 fixture (the project's copy in demo/) as the assessment engine and the report
 * read it: the plan, the reports as imported status reports, and the published assessments.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GoalAssessment, Plan, StatusReport } from '../../services/domain/model';
import { roundId } from '../../services/domain/model';
import type { Tertial } from '../../services/domain/vocabulary';
import { parseResultsDocument, type ResultsDocument } from '../../services/import/results-format';
import { parsePlanDocument } from '../../services/plan/plan-format';

export const FIXTURE_DIR = path.join(__dirname, '..', '..', 'demo', 'ange-2025');
const IMPORTED_AT = '2026-01-15T08:00:00.000Z';
const IMPORT_ACTOR = { id: 'import', name: 'Import' };

export interface AngeFixture {
  plan: Plan;
  results: ResultsDocument;
  tertial: Tertial;
  roundId: string;
  reports: StatusReport[];
  published: GoalAssessment[];
}

export function loadAngeFixture(): AngeFixture {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) as unknown;
  const plan = parsePlanDocument(read('plan.json'), { importedAt: IMPORTED_AT });
  const results = parseResultsDocument(read('t3-results.json'));
  const id = roundId(results.year, results.tertial);
  const reports: StatusReport[] = results.reports.map((r) => {
    const version = { status: r.status, comment: r.comment, by: IMPORT_ACTOR, at: IMPORTED_AT, source: 'import' as const };
    return { roundId: id, activityRef: r.activity, ownerId: 'import', current: version, history: [version] };
  });
  const published: GoalAssessment[] = results.assessments.map((a) => {
    const decision = { assessment: a.assessment, comment: a.comment, by: IMPORT_ACTOR, at: IMPORTED_AT, source: 'import' as const };
    return { roundId: id, goalRef: a.goal, current: decision, history: [decision] };
  });
  return { plan, results, tertial: results.tertial, roundId: id, reports, published };
}
