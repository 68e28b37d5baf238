/**
 * The 2025 report from the fixture (published assessments as decisions): a Markdown snapshot, the
 * JSON model, and a .docx that is unzipped and checked for headings, goal titles, tables, a TOC and
 * Swedish characters.
 */
import { strFromU8, unzipSync } from 'fflate';
import { combineRoundAssessments } from '../../services/assessment/assessment-service';
import { buildReportModel } from '../../services/report/build-report';
import { renderDocx } from '../../services/report/render-docx';
import { mdText, renderMarkdown } from '../../services/report/render-markdown';
import { loadAngeFixture } from '../support/assessment-fixture';

const fx = loadAngeFixture();
const model = buildReportModel(combineRoundAssessments(fx.plan, fx.tertial, fx.reports, fx.published));

describe('report model', () => {
  it('follows the DOMAIN.md structure', () => {
    expect(model.fullTitle).toBe('Målavstämning, tertial 3 2025 — Kommunstyrelsen');
    expect([model.introduction.heading, model.styrmodell.heading, model.goalWork.heading, model.summary.heading]).toEqual([
      '1 Inledning',
      '2 Kort sammanfattning av styrmodell',
      '3 Redovisning av målarbete',
      '5 Sammanfattning',
    ]);
    expect(model.economic.heading).toMatch(/^4 Redovisning av kommunstyrelsens arbete med kommunfullmäktiges verksamhetsmål för god ekonomisk hushållning$/);
    expect(model.goalWork.chapters.map((c) => [c.ref, c.goals.length])).toEqual([['3.1', 2], ['3.2', 3], ['3.3', 3], ['3.4', 6], ['3.5', 2], ['3.6', 3]]);
    expect(model.goalWork.chapters[0]!.intro).toBe('Detta fullmäktigemål har kommunstyrelsen brutit ner i två egna mål för 2025.');
    expect(model.economic.goals.map((g) => g.ref)).toEqual(['4.1']);
    const g = model.goalWork.chapters[0]!.goals[0]!;
    expect(g).toMatchObject({ ref: '3.1.1', assessmentLabel: 'Delvis uppfyllt', isProposal: false });
    expect(g.activities[0]).toMatchObject({ statusLabel: 'Avslutad med avvikelse', end: '2025-03-31' });
    expect(model.summary.counts).toMatchObject({ met: 8, 'partly-met': 4, 'barely-met': 5, 'not-met': 3, missing: 0 });
  });

  it('marks proposals as such when nobody has decided', () => {
    const proposed = buildReportModel(combineRoundAssessments(fx.plan, fx.tertial, fx.reports, []));
    const g = proposed.goalWork.chapters[0]!.goals[0]!;
    expect(g.isProposal).toBe(true);
    expect(g.assessmentLabel).toMatch(/^Förslag: /);
    expect(proposed.summary.paragraphs.join(' ')).toContain('förslag som ledningsgruppen ännu inte har bekräftat');
  });
});

describe('Markdown', () => {
  it('matches the snapshot of the 2025 report', () => {
    expect(renderMarkdown(model)).toMatchSnapshot();
  });
  it("shows each goal's level with the Word report's symbol and label, a proposal in italics as in Word", async () => {
    const proposed = buildReportModel(combineRoundAssessments(fx.plan, fx.tertial, fx.reports, fx.published.filter((d) => d.goalRef !== '3.1.1')));
    // the Bedömning paragraph of each goal in the .docx: its runs' text, and whether the label is italic
    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocx(proposed)))['word/document.xml']!);
    const inWord = [...xml.matchAll(/<w:t xml:space="preserve">Bedömning<\/w:t><\/w:r><\/w:p><w:p>(.*?)<\/w:p>/gs)].map((m) => {
      const text = [...m[1]!.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
      return /<w:i\/>/.test(m[1]!) ? text.replace(/^(\S+ )(.*)$/, '$1*$2*') : text;
    });
    const inMarkdown = [...renderMarkdown(proposed).matchAll(/^\*\*Bedömning:\*\* (.*)$/gm)].map((m) => m[1]);
    expect(inMarkdown).toEqual(inWord);
    // chapter 3 opens with the legend of the symbols, in both (as the reference reports have it)
    const legend = 'uppfyllt (●), delvis uppfyllt (◕), knappt uppfyllt (◔) eller ej uppfyllt (○)';
    expect(xml).toContain(legend);
    expect(renderMarkdown(proposed)).toContain(legend);
    expect(inMarkdown).toHaveLength(20);
    expect(inMarkdown[0]).toBe('◔ *Förslag: Knappt uppfyllt*'); // 3.1.1 undecided: the rule's proposal
    for (const [symbol, level] of [['●', 'Uppfyllt'], ['◕', 'Delvis uppfyllt'], ['◔', 'Knappt uppfyllt'], ['○', 'Ej uppfyllt']]) expect(inMarkdown).toContain(`${symbol} ${level}`);
  });
  it('keeps user text literal', () => {
    expect(mdText('# rubrik | *fet* [länk](x) <b>')).toBe('\\# rubrik \\| \\*fet\\* \\[länk\\](x) \\<b\\>');
  });
});

describe('Word (.docx)', () => {
  let xml: string;
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    const bytes = await renderDocx(model);
    files = unzipSync(new Uint8Array(bytes));
    xml = strFromU8(files['word/document.xml']!);
  });

  it('is a zip with the parts Word needs', () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
  });

  it('has real heading styles for chapters, KF goals and KS goals, and a table of contents', () => {
    const headings = (style: string) => [...xml.matchAll(new RegExp(`<w:pStyle w:val="${style}"/>.*?</w:p>`, 'gs'))].map((m) => m[0].replace(/<[^>]+>/g, ''));
    expect(headings('Heading1')).toEqual([
      '1 Inledning',
      '2 Kort sammanfattning av styrmodell',
      '3 Redovisning av målarbete',
      '4 Redovisning av kommunstyrelsens arbete med kommunfullmäktiges verksamhetsmål för god ekonomisk hushållning',
      '5 Sammanfattning',
    ]);
    expect(headings('Heading2')).toContain('3.4 Ånge ska år 2040 ha 11 000 innevånare.');
    expect(headings('Heading2')).toContain('4.1 Sjukfrånvaron ska minska');
    expect(headings('Heading3')).toContain('3.6.1 Starta en pilotverksamhet kring anpassad kollektivtrafik');
    expect(headings('Heading3')).toHaveLength(19);
    expect(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-3&quot;/.test(xml)).toBe(true);
  });

  it('writes the table of contents with its entries and page numbers, so a converter that never updates fields shows them', () => {
    const toc = xml.slice(xml.indexOf('w:val="Table of Contents"'), xml.indexOf('</w:sdtContent>'));
    const withPage = [...toc.matchAll(/<w:pStyle w:val="TOC\d"\/>.*?<w:t xml:space="preserve">([^<]*)<\/w:t>.*?PAGEREF [^<]*<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">(\d+)<\/w:t>/gs)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(withPage.length).toBeGreaterThan(20);
    expect(withPage.some((e) => e.startsWith('1 Inledning'))).toBe(true);
    const pages = withPage.map((e) => Number(/(\d+)$/.exec(e.trim())![1]));
    expect(pages).toEqual([...pages].sort((a, b) => a - b)); // in document order
    expect(pages[pages.length - 1]!).toBeGreaterThan(5);
  });

  it('gives Slutdatum room for a date on one line, shows each level with its symbol and colour, and writes the intro in good Swedish', () => {
    expect(xml).toMatch(/<w:gridCol w:w="1800"\/>/);
    expect(xml).toMatch(/<w:color w:val="8A6100"\/>.*?<w:t xml:space="preserve">◕ <\/w:t>/s);
    expect(xml).toContain('av Ånge kommuns arbete med de politiskt antagna målen');
    const { introduction } = require('../../services/report/report-text') as typeof import('../../services/report/report-text');
    expect(introduction('Ånge kommun (demodata)', 'Kommunstyrelsen', 2025, 3)[0]).toContain('av arbetet i Ånge kommun (demodata) med de politiskt antagna målen');
  });

  it('has one activities table per goal with activities, with Swedish characters intact', () => {
    const tables = xml.match(/<w:tbl>/g) ?? [];
    const goalsWithActivities = [...model.goalWork.chapters.flatMap((c) => c.goals), ...model.economic.goals].filter((g) => g.activities.length > 0);
    expect(tables).toHaveLength(goalsWithActivities.length);
    expect(xml).toContain('Verksamhetens aktiviteter');
    expect(xml).toContain('Avslutad med avvikelse');
    expect(xml).toContain('Målavstämning');
    for (const ch of ['å', 'ä', 'ö', 'Å', 'Ä']) expect(xml.includes(ch)).toBe(true);
    expect(xml).toContain('Projektet har avslutats i förtid på grund av att Mittuniversitetet inte kunnat fullfölja enligt plan.');
  });
});

describe('a round with nothing reported yet', () => {
  it('shows Saknas (not a proposal) for goals with activities and Ej uppfyllt for goals without', () => {
    const m = buildReportModel(combineRoundAssessments(fx.plan, 2, [], []));
    const goals = [...m.goalWork.chapters.flatMap((c) => c.goals), ...m.economic.goals];
    expect(goals.find((g) => g.ref === '3.1.1')!.assessmentLabel).toBe('Saknas');
    expect(goals.find((g) => g.ref === '3.4.5')!.assessmentLabel).toBe('Förslag: Ej uppfyllt');
  });

  it('at T1 (not assessed) shows Saknas for every goal without a goal comment, and says why in the summary', () => {
    const m = buildReportModel(combineRoundAssessments(fx.plan, 1, fx.reports, []));
    const goals = [...m.goalWork.chapters.flatMap((c) => c.goals), ...m.economic.goals];
    expect(goals.map((g) => g.assessmentLabel)).toEqual(goals.map(() => 'Saknas'));
    expect(goals.every((g) => g.comment === '')).toBe(true);
    expect(m.summary.paragraphs[0]).toContain('ingen målbedömning i tertial 1');
    expect(m.introduction.paragraphs[0]).toContain('första redovisningen');
  });
});

describe("the ledningsgrupp's written Sammanfattning", () => {
  const round = combineRoundAssessments(fx.plan, fx.tertial, fx.reports, fx.published);
  const version = (text: string, at: string) => ({ text, by: { id: 'lg-1', name: 'Åsa Ledningsgrupp' }, at, source: 'teams' as const });
  const written = {
    roundId: round.roundId,
    current: version('Året präglades av omställning.\n\nTryggheten i centrum – åtgärder "över tid" & <mål>.', '2025-12-20T10:00:00.000Z'),
    history: [version('Utkast.', '2025-12-19T10:00:00.000Z'), version('Året präglades av omställning.\n\nTryggheten i centrum – åtgärder "över tid" & <mål>.', '2025-12-20T10:00:00.000Z')],
  };
  const m = buildReportModel(round, written);

  it('replaces the generated chapter 5 with the latest version, paragraph by paragraph, and says so in the model', () => {
    expect(model.summary.source).toBe('generated');
    expect(m.summary).toMatchObject({
      heading: '5 Sammanfattning',
      source: 'written',
      writtenBy: 'Åsa Ledningsgrupp',
      writtenAt: '2025-12-20T10:00:00.000Z',
      paragraphs: ['Året präglades av omställning.', 'Tryggheten i centrum – åtgärder "över tid" & <mål>.'],
    });
    // the counts stay for whoever reads the model
    expect(m.summary.counts).toEqual(model.summary.counts);
  });

  it('falls back to the generated text when the written one is blank', () => {
    const blank = buildReportModel(round, { ...written, current: version('  ', '2025-12-21T10:00:00.000Z') });
    expect(blank.summary.source).toBe('generated');
    expect(blank.summary.paragraphs).toEqual(model.summary.paragraphs);
  });

  it('is in the Markdown under 5 Sammanfattning, escaped, instead of the generated list', () => {
    const md = renderMarkdown(m);
    const chapter5 = md.slice(md.indexOf('5 Sammanfattning'));
    expect(chapter5).toContain('Året präglades av omställning.');
    expect(chapter5).toContain('Tryggheten i centrum – åtgärder "över tid" & \\<mål\\>.');
    expect(chapter5).not.toContain('Uppfyllda mål:');
    expect(renderMarkdown(model).slice(renderMarkdown(model).indexOf('5 Sammanfattning'))).toContain('Uppfyllda mål:');
  });

  it('is in the Word document after the 5 Sammanfattning heading, XML-escaped', async () => {
    const xml = strFromU8(unzipSync(new Uint8Array(await renderDocx(m)))['word/document.xml']!);
    const chapter5 = xml.slice(xml.lastIndexOf('5 Sammanfattning'));
    expect(chapter5).toContain('Året präglades av omställning.');
    expect(chapter5).toContain('Tryggheten i centrum – åtgärder &quot;över tid&quot; &amp; &lt;mål&gt;.');
    expect(chapter5).not.toContain('Uppfyllda mål:');
  });
});
