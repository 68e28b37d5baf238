/**
 * The report as a Word document (docx package): real heading styles (Rubrik 1–3, navigable in
 * Word's navigation pane), a table of contents field (updated when Word opens the file; its page
 * numbers written in up to a kommun's size of report, docx-page-numbers.ts), one table
 * per goal with each activity's row followed by a full-width row with its description and comment,
 * and a footer with the title and page numbers.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ASSESSMENT_STYLE } from '../domain/vocabulary';
import { pageNumbersFor } from './docx-page-numbers';
import type { ReportActivity, ReportGoal, ReportModel } from './report-model';
import { HEADINGS } from './report-text';

const FONT = 'Calibri';
const HEADER_FILL = 'D9E2F3';
const DETAIL_FILL = 'F7F7F7';
/**
 * Activity · Status · Slutdatum over an A4 text width (9,026 twips): the last column holds "Slutdatum"
 * and a date like 2026-03-31 on one line, also in the wider fonts converters substitute for Calibri
 */
const COLUMN_TWIPS = [4926, 2300, 1800];
/**
 * Tables keep the column widths they are given (fixed layout): Word, converters and the page-number
 * estimate then need not size the columns to their text, which is also about a quarter of the estimate's
 * time.
 */
const TABLE_LAYOUT = TableLayoutType.FIXED;

/** paragraph styles, so thousands of activity paragraphs carry a style id instead of run properties */
const STYLE_BODY = 'TertialBody';
const STYLE_DETAIL = 'TertialDetail';
const STYLE_DETAIL_LABEL = 'TertialDetailLabel';
const STYLE_CELL = 'TertialCell';
const STYLE_CELL_BOLD = 'TertialCellBold';

function lines(text: string, style: string = STYLE_BODY): Paragraph[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => new Paragraph({ text: l, style }));
}

function label(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })], spacing: { before: 120, after: 60 } });
}

function cell(children: Paragraph[], options: { fill?: string; span?: number } = {}): TableCell {
  return new TableCell({
    children,
    columnSpan: options.span,
    shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
  });
}

function text(t: string, bold = false): Paragraph {
  return new Paragraph({ text: t, style: bold ? STYLE_CELL_BOLD : STYLE_CELL });
}

function activityRows(a: ReportActivity): TableRow[] {
  const details: Paragraph[] = [];
  if (a.description) details.push(...lines(a.description, STYLE_DETAIL));
  details.push(new Paragraph({ text: HEADINGS.comment, style: STYLE_DETAIL_LABEL }));
  details.push(...(a.comment ? lines(a.comment, STYLE_DETAIL) : [new Paragraph({ text: '–', style: STYLE_DETAIL })]));
  return [
    new TableRow({ cantSplit: true, children: [cell([text(a.title, true)]), cell([text(a.statusLabel || '–')]), cell([text(a.end)])] }),
    new TableRow({ children: [cell(details, { span: 3, fill: DETAIL_FILL })] }),
  ];
}

function activitiesTable(acts: ReportActivity[]): Table {
  const header = new TableRow({
    tableHeader: true,
    children: HEADINGS.activitiesTable.map((h) => cell([text(h, true)], { fill: HEADER_FILL })),
  });
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: COLUMN_TWIPS,
    layout: TABLE_LAYOUT,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...acts.flatMap(activityRows)],
  });
}

/** "Mått | Period | Utfall | Mål", the outcomes in Swedish notation */
function measuresTable(g: ReportGoal): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
  const header = new TableRow({ tableHeader: true, children: HEADINGS.measuresTable.map((h) => cell([text(h, true)], { fill: HEADER_FILL })) });
  const rows = g.measures.map(
    (m) => new TableRow({ cantSplit: true, children: [cell([text(m.name, true)]), cell([text(m.period || '–')]), cell([text(m.outcome)]), cell([text(m.target)])] }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [4513, 1354, 1580, 1579],
    layout: TABLE_LAYOUT,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...rows],
  });
}

/** a goal's assessment, comment, measures and activities, under its heading (none for a KF goal's own) */
function goalBody(g: ReportGoal): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [label(HEADINGS.assessment)];
  // the level's symbol and colour, as on the cards (a symbol, so it never rests on colour alone)
  const style = ASSESSMENT_STYLE[g.assessment];
  out.push(
    new Paragraph({
      children: [new TextRun({ text: `${style.symbol} `, bold: true, color: style.hex }), new TextRun({ text: g.assessmentLabel, bold: true, italics: g.isProposal, color: style.hex })],
      spacing: { after: 120 },
    }),
  );
  if (g.comment.trim()) out.push(label(HEADINGS.comment), ...lines(g.comment));
  if (g.measures.length > 0) out.push(new Paragraph({ text: '' }), measuresTable(g));
  if (g.activities.length > 0) out.push(new Paragraph({ text: '' }), activitiesTable(g.activities));
  return out;
}

function goal(g: ReportGoal, heading: (typeof HeadingLevel)[keyof typeof HeadingLevel]): (Paragraph | Table)[] {
  return [new Paragraph({ text: `${g.ref} ${g.title}`, heading }), ...goalBody(g)];
}

function section(s: { heading: string; paragraphs: string[] }): Paragraph[] {
  return [new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }), ...s.paragraphs.flatMap((p) => lines(p))];
}

export function buildDocxDocument(m: ReportModel): Document {
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ text: m.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: m.body, size: 32 })] }),
    new Paragraph({ children: [new TextRun({ text: m.organisation, size: 24 })], spacing: { after: 400 } }),
    new Paragraph({ children: [new TextRun({ text: HEADINGS.toc, bold: true, size: 28 })] }),
    new TableOfContents(HEADINGS.toc, { hyperlink: true, headingStyleRange: '1-3' }),
    ...section(m.introduction),
    ...section(m.styrmodell),
    ...section(m.goalWork),
  ];
  for (const ch of m.goalWork.chapters) {
    children.push(new Paragraph({ text: `${ch.ref} ${ch.title}`, heading: HeadingLevel.HEADING_2 }), ...lines(ch.intro));
    if (ch.assessment) children.push(...goalBody(ch.assessment));
    for (const g of ch.goals) children.push(...goal(g, HeadingLevel.HEADING_3));
  }
  children.push(...section(m.economic));
  for (const g of m.economic.goals) children.push(...goal(g, HeadingLevel.HEADING_2));
  children.push(...section(m.summary));

  return new Document({
    creator: 'Tertial',
    title: m.fullTitle,
    description: `${m.title}, ${m.organisation}`,
    features: { updateFields: true },
    // the table of contents is written with its entries and, up to a kommun's size of report, their page
    // numbers (laid out as Word would), so a converter or viewer that never updates fields shows them;
    // Word updates the field on opening
    pageNumbers: pageNumbersFor(m),
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [
        { id: STYLE_BODY, name: 'Tertial brödtext', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 80 } } },
        { id: STYLE_CELL, name: 'Tertial tabelltext', basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
        { id: STYLE_CELL_BOLD, name: 'Tertial tabelltext fet', basedOn: STYLE_CELL, run: { bold: true } },
        { id: STYLE_DETAIL, name: 'Tertial aktivitetstext', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { after: 60 } } },
        { id: STYLE_DETAIL_LABEL, name: 'Tertial aktivitetsrubrik', basedOn: STYLE_DETAIL, run: { bold: true }, paragraph: { spacing: { before: 60, after: 20 } } },
      ],
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${m.fullTitle}    Sida `, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
                  new TextRun({ text: ' av ', size: 16 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

export async function renderDocx(m: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(buildDocxDocument(m));
}
