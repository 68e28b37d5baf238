/**
 * Which Word reports get the page numbers of their table of contents written in: docx/layout lays the
 * pages out as Word does, so a viewer or converter that never updates fields (LibreOffice-based
 * previews) shows them. Laying out the pages costs far more than writing the file (about 10 ms per
 * activity against 0.4 ms, docs/benchmarks.md), so it is done for reports up to the size of a
 * kommun's plan; a larger one is written with the entries only, and Word fills in their page numbers
 * when it opens the file (the document asks it to update its fields).
 */
import type { PageNumberEstimator } from 'docx';
import { reportGoals, type ReportModel } from './report-model';

// docx/layout is a subpath export, which this project's module resolution does not read types for
// eslint-disable-next-line @typescript-eslint/no-require-imports
const layout = require('docx/layout') as typeof import('docx/dist/layout');

/** What laying out a report's pages costs grows with: its activities, and the characters of its text. */
export interface ReportSize {
  activities: number;
  characters: number;
}

/**
 * The largest report whose table of contents gets page numbers: a kommun's plan has 50–400 activities,
 * with comments of 150–200 characters (Ånge's 2025 report has 35 activities and 26,000 characters).
 * At this size writing the .docx takes about 6 s on the 2-core VM, nearly all of it the estimate
 * (docs/benchmarks.md).
 */
export const PAGE_NUMBERS_UP_TO: ReportSize = { activities: 500, characters: 300_000 };

export function reportSize(m: ReportModel): ReportSize {
  const goals = reportGoals(m);
  const activities = goals.flatMap((g) => g.activities);
  const texts = [
    ...[m.introduction, m.styrmodell, m.goalWork, m.economic, m.summary].flatMap((s) => [s.heading, ...s.paragraphs]),
    ...m.goalWork.chapters.flatMap((c) => [c.title, c.intro]),
    ...goals.flatMap((g) => [g.title, g.assessmentLabel, g.comment, ...g.measures.flatMap((x) => [x.name, x.period, x.outcome, x.target])]),
    ...activities.flatMap((a) => [a.title, a.statusLabel, a.end, a.description ?? '', a.comment ?? '']),
  ];
  return { activities: activities.length, characters: texts.reduce((n, t) => n + t.length, 0) };
}

export function writesPageNumbers(size: ReportSize): boolean {
  return size.activities <= PAGE_NUMBERS_UP_TO.activities && size.characters <= PAGE_NUMBERS_UP_TO.characters;
}

/**
 * docx/layout's page-number estimate without its `listNumbers` step: that step reads the whole body a
 * second time to find list-numbered headings, and the report's headings carry their refs ("3.1.2") as
 * text, not as list numbers, so it finds none.
 */
const estimatePageNumbers: PageNumberEstimator = (body, context) => layout.estimatePageNumbers(body, context);

/** The document's `pageNumbers`: the estimate for a report up to the limit, none above it */
export function pageNumbersFor(m: ReportModel): PageNumberEstimator | undefined {
  return writesPageNumbers(reportSize(m)) ? estimatePageNumbers : undefined;
}
