/**
 * The Word report's table of contents: written with an entry per heading and, for a report up to the
 * size of a kommun's plan, each entry's page number (so viewers that never update fields show them);
 * above that size with the entries only, for Word to fill in when it opens the file. Reports of a given
 * size are Ånge's 2025 report with its real activities repeated over its goals.
 */
import { strFromU8, unzipSync } from 'fflate';
import { combineRoundAssessments } from '../../services/assessment/assessment-service';
import { buildReportModel } from '../../services/report/build-report';
import { PAGE_NUMBERS_UP_TO, reportSize, writesPageNumbers } from '../../services/report/docx-page-numbers';
import { renderDocx } from '../../services/report/render-docx';
import { reportGoals, type ReportModel } from '../../services/report/report-model';
import { loadAngeFixture } from '../support/assessment-fixture';
import { withActivities as grown } from '../support/report-model-fixtures';

const fx = loadAngeFixture();
const ange = buildReportModel(combineRoundAssessments(fx.plan, fx.tertial, fx.reports, fx.published));
/** Ånge's report with `count` activities */
const withActivities = (count: number) => grown(ange, count);

interface Docx {
  document: string;
  settings: string;
}

async function render(m: ReportModel): Promise<Docx> {
  const files = unzipSync(new Uint8Array(await renderDocx(m)));
  return { document: strFromU8(files['word/document.xml']!), settings: strFromU8(files['word/settings.xml']!) };
}

/** the TOC field's entries (TOC1–TOC3 paragraphs): each entry's text and the result of its PAGEREF field ('' when not written) */
function tocEntries(xml: string): { text: string; page: string }[] {
  const start = xml.indexOf('<w:docPartGallery w:val="Table of Contents"/>');
  expect(start).toBeGreaterThan(-1);
  const toc = xml.slice(start, xml.indexOf('</w:sdtContent>', start));
  return [...toc.matchAll(/<w:p><w:pPr><w:pStyle w:val="TOC\d"\/>(.*?)<\/w:p>/gs)].map((p) => {
    const entry = p[1]!;
    const text = /<w:t xml:space="preserve">([^<]*)<\/w:t>/.exec(entry)?.[1] ?? '';
    const result = /PAGEREF [^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/>(?:<w:t xml:space="preserve">([^<]*)<\/w:t>)?/.exec(entry);
    expect(result).not.toBeNull();
    return { text, page: result![1] ?? '' };
  });
}

/** the texts of the headings the TOC lists (Rubrik 1–3), in document order */
function headings(xml: string): string[] {
  return [...xml.matchAll(/<w:pStyle w:val="Heading[123]"\/>.*?<\/w:p>/gs)].map((m) => m[0].replace(/<[^>]+>/g, ''));
}

/** the TOC field's begin: whether it asks to be updated (dirty) */
function tocFieldBegin(xml: string): string {
  return /<w:fldChar w:fldCharType="begin"[^>]*\/><w:instrText xml:space="preserve">TOC /.exec(xml)![0];
}

describe('report size', () => {
  it('counts the activities and the characters of the text the report lays out', () => {
    const size = reportSize(ange);
    expect(size.activities).toBe(35);
    const longer = structuredClone(ange);
    reportGoals(longer)[0]!.activities[0]!.comment += 'x'.repeat(1000);
    reportGoals(longer)[1]!.comment += 'y'.repeat(500);
    expect(reportSize(longer)).toEqual({ activities: 35, characters: size.characters + 1500 });
  });

  it('writes page numbers up to the limit, in activities and in characters, and not past either', () => {
    expect(writesPageNumbers(PAGE_NUMBERS_UP_TO)).toBe(true);
    expect(writesPageNumbers({ ...PAGE_NUMBERS_UP_TO, activities: PAGE_NUMBERS_UP_TO.activities + 1 })).toBe(false);
    expect(writesPageNumbers({ ...PAGE_NUMBERS_UP_TO, characters: PAGE_NUMBERS_UP_TO.characters + 1 })).toBe(false);
  });

  it("covers a kommun's plan: 400 activities with Ånge's texts are within the limit", () => {
    const size = reportSize(withActivities(400));
    expect(size.activities).toBe(400);
    expect(writesPageNumbers(size)).toBe(true);
  });
});

describe('table of contents of a report within the limit', () => {
  it("Ånge's 2025 report: every heading has its entry, each with a page number, in document order", async () => {
    const { document } = await render(ange);
    const entries = tocEntries(document);
    expect(entries.map((e) => e.text)).toEqual(headings(document));
    expect(entries.length).toBeGreaterThan(25);
    const pages = entries.map((e) => Number(e.page));
    expect(entries.every((e) => /^\d+$/.test(e.page))).toBe(true);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages[0]).toBeGreaterThanOrEqual(2); // 1 Inledning starts on a page of its own after the title page
    expect(pages.at(-1)!).toBeGreaterThan(10);
  });

  it('400 activities (the upper end of a kommun plan): a page number on every entry, the last past page 60', async () => {
    const { document } = await render(withActivities(400));
    const entries = tocEntries(document);
    expect(entries.map((e) => e.text)).toEqual(headings(document));
    expect(entries.filter((e) => !/^\d+$/.test(e.page))).toEqual([]);
    const pages = entries.map((e) => Number(e.page));
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages.at(-1)!).toBeGreaterThan(60);
  });
});

describe('table of contents of a report above the limit', () => {
  it('keeps its field with an entry per heading, left for Word to fill in on opening (dirty field, updateFields)', async () => {
    const big = withActivities(PAGE_NUMBERS_UP_TO.activities + 1);
    expect(writesPageNumbers(reportSize(big))).toBe(false);
    const { document, settings } = await render(big);
    const entries = tocEntries(document);
    expect(entries.map((e) => e.text)).toEqual(headings(document));
    expect(entries.length).toBeGreaterThan(25);
    expect(entries.every((e) => e.page === '')).toBe(true);
    expect(tocFieldBegin(document)).toContain('w:dirty="true"');
    expect(settings).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
  });
});
