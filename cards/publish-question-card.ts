/**
 * `publicera` for a round that is still open asks first: what is still missing, and two buttons
 * (Action.Execute) "Publicera ändå" and "Vänta". The answer replaces the question in place with what
 * was done (renderPublishOutcomeCard).
 */
import { PUBLISH_VERBS } from './card-verbs';
import { DEADLINE_LABEL, roundLabel, ROUND_PHASES, type Tertial } from '../services/domain/vocabulary';
import type { OutgoingCard } from '../services/ports/messenger';
import type { RoundPhase } from '../services/rounds/round-calendar';
import { expandTemplate } from './card-template';
import template from './publish-question-card.json';

export interface PublishQuestion {
  year: number;
  tertial: Tertial;
  phase: RoundPhase;
  deadline: string;
  /** activities without a status, goals still showing a proposal */
  unreported: number;
  proposals: number;
  goals: number;
  /** the admin named no round: say which one was chosen */
  chosen: boolean;
}

const base = { confirmVerb: PUBLISH_VERBS.confirm, cancelVerb: PUBLISH_VERBS.cancel };

export function renderPublishQuestionCard(q: PublishQuestion): OutgoingCard {
  const label = roundLabel(q.year, q.tertial);
  const data = {
    ...base,
    heading: `Omgången ${label} är fortfarande ${ROUND_PHASES[q.phase]}`,
    headingStyle: 'warning',
    text: `${q.chosen ? `Du angav ingen omgång, så jag valde ${label}: den senaste som har öppnat. ` : ''}Publicerar du nu ser ledningsgruppen läget innan alla har svarat. Publicera ändå?`,
    facts: [
      { title: DEADLINE_LABEL, value: q.deadline },
      { title: 'Saknar rapport', value: `${q.unreported} ${q.unreported === 1 ? 'aktivitet' : 'aktiviteter'}` },
      { title: 'Förslag utan beslut', value: `${q.proposals} av ${q.goals} mål` },
    ],
    asking: true,
    year: q.year,
    tertial: q.tertial,
  };
  return { card: expandTemplate(template, data), summary: `Omgången ${label} är fortfarande ${ROUND_PHASES[q.phase]}: publicera ändå?` };
}

/** what replaced the question: published (with the counts) or not */
export function renderPublishOutcomeCard(heading: string, text: string, good: boolean): OutgoingCard {
  const data = { ...base, heading, headingStyle: good ? 'good' : 'default', text, facts: [], asking: false, year: 0, tertial: 0 };
  return { card: expandTemplate(template, data), summary: heading };
}
