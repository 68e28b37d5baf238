/**
 * "delegera": an owner hands one activity, or all theirs, to a colleague for a round. A person picker
 * (Input.ChoiceSet over Teams' "graph.microsoft.com/users" dataset, with the known owners as static
 * choices), what is handed over, and the handovers in force with "Ta tillbaka".
 */
import { SUBSTITUTE_VERBS } from './card-verbs';
import type { Round, Substitution } from '../services/domain/model';
import { roundLabel } from '../services/domain/vocabulary';
import type { OutgoingCard } from '../services/ports/messenger';
import { expandTemplate } from './card-template';
import { literal } from './literal-text';
import template from './substitute-card.json';

/** the activityRef input's value for "every activity" */
export const ALL_ACTIVITIES = 'alla';

export interface SubstituteCardInput {
  round: Round;
  activities: { ref: string; title: string }[];
  /** colleagues to pick from without searching (the known owners) */
  people: { id: string; name: string }[];
  /** the owner's handovers in force */
  current: Substitution[];
  notice?: { text: string; good: boolean };
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function renderSubstituteCard(input: SubstituteCardInput): OutgoingCard {
  const label = roundLabel(input.round.year, input.round.tertial);
  const heading = `Ersättare i ${label}`;
  const data = {
    heading,
    intro: `Är du borta under ${label}? Lämna över en aktivitet eller alla dina till en kollega. Ersättaren får påminnelserna och rapporterar för dig; det gäller tills omgången stänger eller du tar tillbaka det.`,
    notice: literal(input.notice?.text ?? ''),
    noticeColor: input.notice?.good ? 'Good' : 'Attention',
    current: input.current.map((s) => ({
      text: literal(`${s.substituteName} rapporterar för dig: ${s.activityRef ? `aktivitet ${s.activityRef}` : 'alla dina aktiviteter'}`),
      endData: { roundId: input.round.id, ...(s.activityRef ? { activityRef: s.activityRef } : {}) },
    })),
    people: input.people.map((p) => ({ title: literal(p.name), value: p.id })),
    activities: [
      { title: 'Alla mina aktiviteter', value: ALL_ACTIVITIES },
      ...input.activities.map((a) => ({ title: literal(cut(`${a.ref} ${a.title}`, 120)), value: a.ref })),
    ],
    setVerb: SUBSTITUTE_VERBS.set,
    endVerb: SUBSTITUTE_VERBS.end,
    setData: { roundId: input.round.id },
  };
  return { card: expandTemplate(template, data), summary: heading };
}
