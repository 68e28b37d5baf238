/**
 * "mått": the measures a person reports in the round, each with its target, the last outcome and a
 * number field (the unit in its label) or a text field, and a comment. Values shown the Swedish way.
 */
import type { Round } from '../services/domain/model';
import { roundLabel } from '../services/domain/vocabulary';
import type { OwnerMeasure } from '../services/measures/measure-service';
import { formatMeasureValue } from '../services/measures/measure-values';
import type { OutgoingCard } from '../services/ports/messenger';
import { MEASURE_VERBS } from './card-verbs';
import { expandTemplate } from './card-template';
import { literal } from './literal-text';
import template from './measure-card.json';


export const measureValueInputId = (ref: string) => `value-${ref}`;
export const measureCommentInputId = (ref: string) => `comment-${ref}`;

export function renderMeasureCard(round: Round, measures: readonly OwnerMeasure[], options: { notice?: { text: string; good: boolean }; forOwner?: { id: string; name: string } } = {}): OutgoingCard {
  const heading = `Mått ${roundLabel(round.year, round.tertial)}${options.forOwner ? ` för ${options.forOwner.name}` : ''}`;
  const data = {
    heading,
    intro:
      measures.length === 0
        ? 'Du har inga mått att rapportera i den här omgången.'
        : `Ange utfallet för ${measures[0]!.period} för ${measures.length === 1 ? 'ditt mått' : `dina ${measures.length} mått`}. Tal med decimalkomma, t.ex. 9,32.`,
    notice: literal(options.notice?.text ?? ''),
    noticeColor: options.notice?.good ? 'Good' : 'Attention',
    submitVerb: MEASURE_VERBS.submit,
    measures: measures.map(({ measure: m, period, current, last }) => ({
      ref: m.ref,
      name: literal(m.name),
      facts: [
        { title: 'Mål', value: literal(m.target ? formatMeasureValue(m, m.target.value) : '–') },
        { title: 'Senaste utfall', value: literal(last ? `${formatMeasureValue(m, last.current.value)} (${last.period})` : m.baseline ? `${formatMeasureValue(m, m.baseline.value)} (${m.baseline.period}, utgångsläge)` : '–') },
        { title: `Utfall ${period}`, value: literal(current ? formatMeasureValue(m, current.current.value) : 'ej rapporterat') },
      ],
      isNumber: m.kind === 'number',
      valueInput: measureValueInputId(m.ref),
      valueLabel: `Utfall ${period}${m.unit ? ` (${m.unit})` : ''}`,
      numberValue: typeof current?.current.value === 'number' ? current.current.value : '',
      // input values are the person's own text, given back as typed (no display escaping)
      textValue: typeof current?.current.value === 'string' ? current.current.value : '',
      comment: current?.current.comment ?? '',
      commentInput: measureCommentInputId(m.ref),
      submitData: { year: round.year, ref: m.ref, period, roundId: round.id, ...(options.forOwner ? { ownerId: options.forOwner.id } : {}) },
    })),
  };
  return { card: expandTemplate(template, data), summary: heading };
}

export { MEASURE_VERBS };
