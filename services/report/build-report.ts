/** Builds the report model from a round's assessments. Pure. */
import type { RoundAssessments, GoalAssessmentView } from '../assessment/assessment-service';
import { joinSwedish } from '../assessment/swedish-text';
import { ASSESSMENT_CODES, statusLabel, type AssessmentCode } from '../domain/vocabulary';
import { formatMeasureValue } from '../measures/measure-values';
import type { RoundSummary } from '../ports/repositories';
import { summaryParagraphs } from '../summary/round-summary-service';
import { REPORT_FORMAT, type ReportGoal, type ReportModel } from './report-model';
import { chapterIntro, goalWorkIntro, HEADINGS, introduction, styrmodell } from './report-text';

function reportGoal(v: GoalAssessmentView): ReportGoal {
  return {
    ref: v.goal.ref,
    title: v.goal.title,
    assessment: v.shown.assessment,
    // a proposal is marked as such; 'Saknas' (nothing reported yet) is no proposal to mark
    assessmentLabel: v.shown.isProposal && v.shown.assessment !== 'missing' ? `${HEADINGS.proposal}: ${v.shown.label}` : v.shown.label,
    isProposal: v.shown.isProposal,
    comment: v.shown.comment,
    measures: v.goal.measures.map((m) => ({
      ref: m.ref,
      name: m.name,
      period: m.outcome?.period ?? '',
      outcome: formatMeasureValue(m, m.outcome?.value ?? null),
      target: formatMeasureValue(m, m.target?.value ?? null),
      comment: m.outcome?.comment ?? null,
    })),
    activities: v.goal.activities.map((a) => ({
      ref: a.ref,
      title: a.title,
      status: a.status,
      statusLabel: statusLabel(a.status),
      end: a.end,
      description: a.description,
      comment: a.comments.length === 0 ? null : a.comments.map((c) => (c.by ? `${c.by}: ${c.text}` : c.text)).join('\n'),
    })),
  };
}

const PLURAL_LABEL: Record<AssessmentCode, string> = {
  met: 'uppfyllda',
  'partly-met': 'delvis uppfyllda',
  'barely-met': 'knappt uppfyllda',
  'not-met': 'ej uppfyllda',
  missing: 'utan bedömning',
};

/** `written`: the round's Sammanfattning as the ledningsgrupp wrote it; its latest text replaces the generated chapter 5 */
export function buildReportModel(round: RoundAssessments, written: RoundSummary | null = null): ReportModel {
  const { plan, year, tertial } = round;
  const { organisation, body } = plan.meta;
  const title = `Målavstämning, tertial ${tertial} ${year}`;
  const ks = round.goals.filter((g) => g.goal.kind === 'ks');
  const chapters = round.kfGoals.map((kf) => {
    const goals = ks.filter((g) => g.goal.parentRef === kf.ref).map(reportGoal);
    const own = round.goals.find((g) => g.goal.ref === kf.ref);
    return { ref: kf.ref, title: kf.title, intro: chapterIntro(body, year, goals.length), assessment: own ? reportGoal(own) : null, goals };
  });
  const economic = round.goals.filter((g) => g.goal.kind === 'economic').map(reportGoal);

  const counts = Object.fromEntries(ASSESSMENT_CODES.map((c) => [c, 0])) as Record<AssessmentCode, number>;
  for (const g of round.goals) counts[g.shown.assessment]++;
  const proposals = round.goals.filter((g) => g.shown.isProposal).length;
  const total = round.goals.length;
  const levels = ASSESSMENT_CODES.filter((c) => counts[c] > 0).map((c) => `${counts[c]} som ${PLURAL_LABEL[c]}`);
  const summary = [
    !round.assessed && counts.missing === total
      ? `Enligt styrmodellen görs ingen målbedömning i tertial ${tertial}: ${body.toLowerCase()}s ${total} mål för ${year} redovisas som Saknas, med aktiviteternas status och kommentarer.`
      : `Av ${body.toLowerCase()}s ${total} mål för ${year}, verksamhetsmålen för god ekonomisk hushållning inräknade, bedöms ${joinSwedish(levels)}.`,
  ];
  const noActivities = round.goals.filter((g) => g.goal.activities.length === 0 && g.goal.measures.length === 0).map((g) => g.goal.ref);
  if (noActivities.length > 0) {
    summary.push(
      `${noActivities.length === 1 ? 'Målet' : 'Målen'} ${joinSwedish(noActivities)} saknar kopplade aktiviteter och kan enligt styrmodellen inte bedömas som ${noActivities.length === 1 ? 'uppfyllt' : 'uppfyllda'}.`,
    );
  }
  const met = round.goals.filter((g) => g.shown.assessment === 'met').map((g) => g.goal.ref);
  if (met.length > 0) summary.push(`Uppfyllda mål: ${joinSwedish(met)}.`);
  const deviating = round.goals.filter((g) => g.shown.assessment === 'partly-met' || g.shown.assessment === 'barely-met').map((g) => g.goal.ref);
  if (deviating.length > 0) summary.push(`Mål där aktiviteter avvikit från planen och som därför bedöms som delvis eller knappt uppfyllda: ${joinSwedish(deviating)}.`);
  if (round.unreported > 0) summary.push(`${round.unreported} ${round.unreported === 1 ? 'aktivitet saknar' : 'aktiviteter saknar'} rapport för tertialen.`);
  if (proposals > 0 && round.assessed) {
    summary.push(
      `${proposals === total ? 'Samtliga' : String(proposals)} bedömningar är förslag som ledningsgruppen ännu inte har bekräftat; de är markerade "${HEADINGS.proposal}".`,
    );
  }
  const writtenParagraphs = written ? summaryParagraphs(written.current.text) : [];
  const chapter5 =
    writtenParagraphs.length > 0
      ? { paragraphs: writtenParagraphs, source: 'written' as const, writtenBy: written!.current.by.name, writtenAt: written!.current.at }
      : { paragraphs: summary, source: 'generated' as const };
  return {
    format: REPORT_FORMAT,
    organisation,
    body,
    year,
    tertial,
    title,
    fullTitle: `${title} — ${body}`,
    introduction: { heading: HEADINGS.introduction, paragraphs: introduction(organisation, body, year, tertial) },
    styrmodell: { heading: HEADINGS.styrmodell, paragraphs: styrmodell(body) },
    goalWork: { heading: HEADINGS.goalWork, paragraphs: goalWorkIntro(body, year), chapters },
    economic: { heading: HEADINGS.economic(body), paragraphs: [], goals: economic },
    summary: { heading: HEADINGS.summary, counts, proposals, unreported: round.unreported, ...chapter5 },
  };
}
