/** The report as Markdown: headings with numbers, a table of contents, one table per goal followed by each activity's description and comment. */
import { ASSESSMENT_STYLE } from '../domain/vocabulary';
import type { ReportGoal, ReportModel } from './report-model';
import { HEADINGS } from './report-text';

/** user text as literal Markdown: characters that would format or link are escaped */
export function mdText(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#+-]|\d+\.)(\s)/gm, '$1\\$2$3');
}

function mdCell(text: string): string {
  return mdText(text).replace(/\r?\n/g, '<br>');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map(mdText);
}

function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .trim()
    .replace(/ /g, '-');
}

/** "● Uppfyllt", "◕ *Förslag: Delvis uppfyllt*": the level's symbol as in the Word report and on the cards, a proposal in italics as in Word */
function assessmentText(g: ReportGoal): string {
  return `${ASSESSMENT_STYLE[g.assessment].symbol} ${g.isProposal ? `*${g.assessmentLabel}*` : g.assessmentLabel}`;
}

function goal(g: ReportGoal, level: string): string[] {
  const out = [`${level} ${g.ref} ${mdText(g.title)}`, '', `**${HEADINGS.assessment}:** ${assessmentText(g)}`, ''];
  if (g.comment.trim()) out.push(`**${HEADINGS.comment}**`, '', ...paragraphs(g.comment).flatMap((p) => [p, '']));
  if (g.measures.length > 0) {
    out.push(`| ${HEADINGS.measuresTable.join(' | ')} |`, '|---|---|---|---|');
    for (const m of g.measures) out.push(`| ${mdCell(m.name)} | ${m.period || '–'} | ${mdCell(m.outcome)} | ${mdCell(m.target)} |`);
    out.push('');
  }
  if (g.activities.length === 0) return out;
  const [a, s, e] = HEADINGS.activitiesTable;
  out.push(`| ${a} | ${s} | ${e} |`, '|---|---|---|');
  for (const act of g.activities) out.push(`| ${mdCell(act.title)} | ${mdCell(act.statusLabel || '–')} | ${act.end} |`);
  out.push('');
  for (const act of g.activities) {
    out.push(`**${mdText(act.title)}** (${act.statusLabel || 'ej rapporterad'}, slutdatum ${act.end})`, '');
    if (act.description) out.push(...paragraphs(act.description).flatMap((p) => [p, '']));
    out.push(`*${HEADINGS.comment}:* ${act.comment ? paragraphs(act.comment).join('  \n') : '–'}`, '');
  }
  return out;
}

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [`# ${mdText(m.fullTitle)}`, '', mdText(m.organisation), ''];
  const toc: string[] = [];
  const tocEntry = (depth: number, heading: string) => toc.push(`${'  '.repeat(depth)}- [${mdText(heading)}](#${anchor(heading)})`);
  const body: string[] = [];
  const section = (s: { heading: string; paragraphs: string[] }) => {
    tocEntry(0, s.heading);
    body.push(`## ${mdText(s.heading)}`, '', ...s.paragraphs.flatMap((p) => [mdText(p), '']));
  };
  section(m.introduction);
  section(m.styrmodell);
  section(m.goalWork);
  for (const ch of m.goalWork.chapters) {
    tocEntry(1, `${ch.ref} ${ch.title}`);
    body.push(`### ${ch.ref} ${mdText(ch.title)}`, '', mdText(ch.intro), '');
    if (ch.assessment) body.push(...goal(ch.assessment, '').slice(2));
    for (const g of ch.goals) {
      tocEntry(2, `${g.ref} ${g.title}`);
      body.push(...goal(g, '####'));
    }
  }
  section(m.economic);
  for (const g of m.economic.goals) {
    tocEntry(1, `${g.ref} ${g.title}`);
    body.push(...goal(g, '###'));
  }
  section(m.summary);
  out.push(`## ${HEADINGS.toc}`, '', ...toc, '', ...body);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function renderJson(m: ReportModel): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
