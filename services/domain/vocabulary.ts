/**
 * The two vocabularies of the styrmodell, with their Swedish labels, in one place.
 * Codes are the interchange values (tertial-plan/1, tertial-results/1); labels are what users read.
 */

export const STATUS_CODES = [
  'not-started',
  'in-progress',
  'in-progress-deviation',
  'done',
  'done-deviation',
  'on-hold',
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export const STATUS_LABELS: Readonly<Record<StatusCode, string>> = {
  'not-started': 'Ej påbörjad',
  'in-progress': 'Pågående enligt plan',
  'in-progress-deviation': 'Pågående med avvikelse',
  done: 'Avslutad enligt plan',
  'done-deviation': 'Avslutad med avvikelse',
  'on-hold': 'Vänteläge',
};

/** Statuses whose report must explain itself: a comment is required. */
export const STATUSES_REQUIRING_COMMENT: ReadonlySet<StatusCode> = new Set<StatusCode>([
  'in-progress-deviation',
  'done-deviation',
  'on-hold',
]);

export const ASSESSMENT_CODES = ['met', 'partly-met', 'barely-met', 'not-met', 'missing'] as const;
export type AssessmentCode = (typeof ASSESSMENT_CODES)[number];

export const ASSESSMENT_LABELS: Readonly<Record<AssessmentCode, string>> = {
  met: 'Uppfyllt',
  'partly-met': 'Delvis uppfyllt',
  'barely-met': 'Knappt uppfyllt',
  'not-met': 'Ej uppfyllt',
  missing: 'Saknas',
};

export const GOAL_KINDS = ['kf', 'ks', 'economic'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const GOAL_KIND_LABELS: Readonly<Record<GoalKind, string>> = {
  kf: 'Kommunfullmäktiges mål',
  ks: 'Kommunstyrelsens mål',
  economic: 'Verksamhetsmål för god ekonomisk hushållning',
};

export const TERTIALS = [1, 2, 3] as const;
export type Tertial = (typeof TERTIALS)[number];

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'string' && (STATUS_CODES as readonly string[]).includes(value);
}

export function isAssessmentCode(value: unknown): value is AssessmentCode {
  return typeof value === 'string' && (ASSESSMENT_CODES as readonly string[]).includes(value);
}

export function statusLabel(code: StatusCode | null): string {
  return code === null ? '' : STATUS_LABELS[code];
}

/** "T3 2026": the one way a round is written wherever a person reads it (its id "2026-T3" is for machines) */
export function roundLabel(idOrYear: string | number, tertial?: number): string {
  if (typeof idOrYear === 'number') return `T${tertial} ${idOrYear}`;
  const m = /^(\d{4})-T([123])$/.exec(idOrYear);
  return m ? `T${m[2]} ${m[1]}` : idOrYear;
}

/** the one word for the last day to answer, as a label and inside a sentence */
export const DEADLINE_LABEL = 'Sista svarsdag';
export const DEADLINE_WORD = 'sista svarsdag';

/** a round's phase as a person reads it */
export const ROUND_PHASES = { upcoming: 'inte öppnad än', open: 'öppen', closed: 'stängd', cancelled: 'inställd' } as const;

/**
 * How an assessment level is shown, the same on cards and in the Word report: a symbol whose fill
 * says how much of the goal is met (so the level never rests on colour alone); on cards, the
 * container style of its meaning (a tinted background under text in the theme's own text colour, so it
 * stays readable in Teams' light, dark and high-contrast themes, where a coloured text like "warning"
 * can be pale yellow on white); in the Word report, a colour dark enough for text on white and in print.
 */
export type CardContainerStyle = 'good' | 'warning' | 'attention' | 'default';
export const ASSESSMENT_STYLE: Readonly<Record<AssessmentCode, { symbol: string; containerStyle: CardContainerStyle; hex: string }>> = {
  met: { symbol: '●', containerStyle: 'good', hex: '1E7B34' },
  'partly-met': { symbol: '◕', containerStyle: 'warning', hex: '8A6100' },
  'barely-met': { symbol: '◔', containerStyle: 'warning', hex: 'B34700' },
  'not-met': { symbol: '○', containerStyle: 'attention', hex: 'B3261E' },
  missing: { symbol: '–', containerStyle: 'default', hex: '5F6368' },
};

/** "● Uppfyllt" */
export function assessmentWithSymbol(code: AssessmentCode): string {
  return `${ASSESSMENT_STYLE[code].symbol} ${ASSESSMENT_LABELS[code]}`;
}
