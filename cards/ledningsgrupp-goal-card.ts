/**
 * One card per KF goal (or the economic goals) in the ledningsgrupp channel, threaded under the
 * summary: each goal's assessment (or the proposal, marked "Förslag"), its comment, its activities
 * per status, and the actions to confirm or change the assessment (Action.Execute).
 */
import { ASSESSMENT_STYLE, assessmentWithSymbol, roundLabel, STATUS_CODES, STATUS_LABELS, type StatusCode } from '../services/domain/vocabulary';
import type { OutgoingCard } from '../services/ports/messenger';
import { type GoalCardGoal, type GoalCardInput } from './channel-card-models';
import { ASSESSMENT_VERBS, assessmentInputId, commentInputId } from './card-verbs';
import { expandTemplate } from './card-template';
import { literal, stockholmDay } from './literal-text';
import template from './ledningsgrupp-goal-card.json';

function statusText(counts: GoalCardGoal['statusCounts']): string {
  const parts = [...STATUS_CODES, 'unreported' as const]
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s === 'unreported' ? 'utan rapport' : STATUS_LABELS[s as StatusCode].toLowerCase()}`);
  return parts.length === 0 ? 'Inga kopplade aktiviteter' : parts.join(' · ');
}

function cut(text: string, limit: number | null): string {
  if (limit === null || text.length <= limit) return text;
  return `${text.slice(0, Math.max(0, limit - 1)).replace(/\s+\S*$/, '')} … (förkortad; hela kommentaren finns i rapporten)`;
}


/** who decided and when; a decision imported from an earlier system names that system instead of the import's date */
function decidedText(g: GoalCardGoal): string {
  if (g.decidedSource === 'import') return 'Tidigare system (importerat beslut)';
  return g.decidedBy && g.decidedAt ? literal(`${g.decidedBy}, ${stockholmDay(g.decidedAt)}`) : '';
}

export function renderGoalCard(input: GoalCardInput): OutgoingCard {
  const heading = literal(input.chapter.kind === 'economic' ? input.chapter.title : `${input.chapter.ref} ${input.chapter.title}`);
  const data = {
    heading,
    subheading: `Målavstämning ${roundLabel(input.year, input.tertial)} · ${input.goals.length} mål`,
    year: input.year,
    tertial: input.tertial,
    actions: input.actions,
    confirmVerb: ASSESSMENT_VERBS.confirm,
    decideVerb: ASSESSMENT_VERBS.decide,
    goals: input.goals.map((g) => {
      const editing = input.editing?.goalRef === g.ref ? input.editing : undefined;
      // Saknas is preselected only where it is the tertial's own proposal or a decision
      const current = g.assessment === 'missing' && g.isProposal && !g.confirmable ? '' : g.assessment;
      return {
        ref: g.ref,
        heading: literal(`${g.ref} ${g.title}`),
        assessmentText: `${assessmentWithSymbol(g.assessment)}${g.isProposal && g.assessment !== 'missing' ? ' (förslag)' : ''}`,
        assessmentStyle: ASSESSMENT_STYLE[g.assessment].containerStyle,
        why: g.isProposal && g.why ? literal(`Varför förslaget: ${g.why}`) : '',
        statusText: statusText(g.statusCounts),
        decidedText: decidedText(g),
        comment: literal(cut(g.comment, input.commentLimit)),
        canConfirm: g.isProposal && (g.confirmable ?? g.proposed !== 'missing'),
        current,
        editing: editing !== undefined,
        error: literal(editing?.error ?? ''),
        formAssessment: editing ? editing.assessment : current,
        // the form starts from the comment shown (the draft for a proposal), editable
        formComment: editing ? editing.comment : g.comment,
        assessmentInput: assessmentInputId(g.ref),
        commentInput: commentInputId(g.ref),
      };
    }),
  };
  return { card: expandTemplate(template, data), summary: heading };
}
