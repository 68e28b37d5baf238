/** Swedish one-screen summaries of what an import did. */
import type { RestoreResult } from '../../services/export/export-restore';
import type { OwnersImportResult } from '../../services/import/owners-import';
import type { ResultsImportResult } from '../../services/import/results-import';
import type { PlanSaveSummary } from '../../services/ports';

const counts = (c: PlanSaveSummary['goals']) => `${c.added} nya, ${c.updated} ändrade, ${c.archived} arkiverade, ${c.unchanged} oförändrade`;

export function formatPlanSummary(s: PlanSaveSummary, written: boolean): string {
  return [
    `Plan ${s.year}${written ? ' importerad' : ': redan importerad, inget ändrat'}.`,
    `  mål:        ${counts(s.goals)}`,
    `  aktiviteter: ${counts(s.activities)}`,
    ...(s.measures && s.measures.added + s.measures.updated + s.measures.archived + s.measures.unchanged > 0 ? [`  mått:       ${counts(s.measures)}`] : []),
  ].join('\n');
}

export function formatOwnersSummary(r: OwnersImportResult): string {
  const removed = r.removed.length > 0 ? `, ${r.removed.length} borttagna` : '';
  return `Ägare importerade: ${r.added} nya, ${r.updated} ändrade, ${r.unchanged} oförändrade${removed} (${r.owners.length + r.removed.length} i filen).`;
}

export function formatResultsSummary(r: ResultsImportResult): string {
  return [
    `Resultat för ${r.roundId} importerade${r.roundCreated ? ' (omgången skapades, stängd)' : ''}.`,
    `  rapporter:  ${r.reports.added} nya versioner, ${r.reports.unchanged} oförändrade`,
    `  bedömningar: ${r.assessments.added} nya beslut, ${r.assessments.unchanged} oförändrade`,
    ...(r.measures.added + r.measures.unchanged > 0 ? [`  utfall:     ${r.measures.added} nya versioner, ${r.measures.unchanged} oförändrade`] : []),
  ].join('\n');
}

export function formatRestoreSummary(r: RestoreResult): string {
  const plan = { written: 'återställd', unchanged: 'oförändrad', none: 'ingen i exporten' }[r.plan];
  return [
    `Export för ${r.year} återställd.`,
    `  plan:        ${plan}`,
    `  ägare:       ${r.owners.added} nya, ${r.owners.unchanged} oförändrade`,
    `  omgångar:    ${r.rounds.added} nya, ${r.rounds.unchanged} oförändrade`,
    `  rapporter:   ${r.reports.versionsAdded} versioner tillagda, ${r.reports.unchanged} oförändrade`,
    `  bedömningar: ${r.assessments.decisionsAdded} beslut tillagda, ${r.assessments.unchanged} oförändrade`,
    `  utfall:      ${r.outcomes.versionsAdded} versioner tillagda, ${r.outcomes.unchanged} oförändrade`,
    `  sammanfattning: ${r.summaries.versionsAdded} versioner tillagda, ${r.summaries.unchanged} oförändrade`,
    `  samtal:      ${r.sideEffects.conversations.added} nya, ${r.sideEffects.conversations.unchanged} oförändrade`,
    `  publicering: ${r.sideEffects.publications.added} nya, ${r.sideEffects.publications.unchanged} oförändrade`,
    `  påminnelser: ${r.sideEffects.dispatch.added} nya, ${r.sideEffects.dispatch.unchanged} oförändrade (skickas inte igen)`,
  ].join('\n');
}
