/**
 * Typed errors and the one catalogue of what users read when something is refused.
 *
 * Every error that reaches a user carries a category (`code`: what kind of failure, which decides exit
 * codes and answers at the edges) and, for the refusals in the catalogue, a stable `id` with its
 * Swedish text. Edges (bot, CLI, tab) show `message` and `details`; they never invent their own wording
 * for a catalogued refusal. A test walks the catalogue: every entry renders Swedish text from its example.
 */
import { z } from 'zod';

// zod's own messages (a limit or type without a message of ours) are Swedish too, wherever input is parsed
z.config(z.locales.sv());

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'round-closed'
  | 'store-unavailable'
  /** a part of the service could not do the work this time (a worker died or ran too long); trying again may succeed */
  | 'unavailable'
  | 'config';

type Params = Record<string, string | number>;

interface CatalogueEntry<P extends Params> {
  code: ErrorCode;
  text: (p: P) => string;
  /** parameters the catalogue test renders the text with */
  example: P;
}

const entry = <P extends Params>(code: ErrorCode, text: (p: P) => string, example: P): CatalogueEntry<P> => ({ code, text, example });

/** a number the Swedish way: 2 360 */
export const swedishNumber = (n: number) => n.toLocaleString('sv-SE');

/**
 * What a person typed, repeated in a plain-text chat answer: at most 40 characters, without the
 * characters Teams reads as markdown or markup (a link or emphasis never appears from user text).
 */
export function plainEcho(text: string, max = 40): string {
  const t = text.trim().replace(/[*_`[\]()<>#~|\\{}]/g, '');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** "T3 2026": the one way a round is written wherever a person reads it */
const round = (p: { year: number; tertial: number }) => `T${p.tertial} ${p.year}`;

export const ERROR_CATALOGUE = {
  // input from cards and commands
  'input.not-an-object': entry('invalid-input', () => 'Svaret från kortet kunde inte läsas. Skriv **status** för att få ett nytt kort.', {}),
  'input.field-too-long': entry(
    'invalid-input',
    (p: { field: string; length: number; max: number }) => `Fältet ${p.field} är för långt: ${swedishNumber(p.length)} tecken, högst ${swedishNumber(p.max)}.`,
    { field: 'aktivitet', length: 512, max: 40 },
  ),
  'input.field-wrong-type': entry('invalid-input', (p: { field: string }) => `Fältet ${p.field} har fel form. Skriv **status** för att få ett nytt kort.`, { field: 'omgång' }),
  'input.fields-invalid': entry('invalid-input', (p: { fields: string }) => `Svaret kunde inte läsas: ${p.fields}.`, { fields: 'aktivitet saknas' }),
  'report.comment-too-long': entry(
    'invalid-input',
    (p: { length: number; max: number }) =>
      `Kommentaren är ${swedishNumber(p.length)} tecken lång; högst ${swedishNumber(p.max)} tecken får plats. Det du skrev finns kvar i formuläret: korta det och skicka igen.`,
    { length: 2360, max: 2000 },
  ),
  'report.status-missing': entry('invalid-input', () => 'Välj en status.', {}),
  'report.status-unknown': entry('invalid-input', (p: { choices: string }) => `Den statusen finns inte. Välj en av: ${p.choices}.`, { choices: 'Ej påbörjad, Vänteläge' }),
  'report.comment-required-deviation': entry(
    'invalid-input',
    (p: { status: string }) => `En kommentar krävs för status ”${p.status}”: beskriv vad som avviker och varför.`,
    { status: 'Pågående med avvikelse' },
  ),
  'report.comment-required-on-hold': entry('invalid-input', () => 'En kommentar krävs för status ”Vänteläge”: beskriv varför aktiviteten väntar.', {}),
  'report.round-unknown': entry('not-found', (p: { year: number; tertial: number }) => `Omgången ${round(p)} finns inte.`, { year: 2026, tertial: 1 }),
  'report.round-not-open': entry('round-closed', (p: { year: number; tertial: number }) => `Omgången ${round(p)} är inte öppen för rapportering.`, { year: 2026, tertial: 1 }),
  'report.activity-unknown': entry('not-found', (p: { ref: string; year: number }) => `Aktivitet ${p.ref} finns inte i planen för ${p.year}.`, { ref: '3.1.1.1', year: 2026 }),
  'report.only-yourself': entry('forbidden', () => 'Du kan bara rapportera för dig själv.', {}),
  'report.not-owner': entry('forbidden', (p: { ref: string; title: string }) => `Du är inte ägare till aktivitet ${p.ref} ”${p.title}” och kan inte rapportera den.`, { ref: '3.1.1.1', title: 'Ta fram en plan' }),
  'report.other-not-owner': entry('forbidden', (p: { name: string; ref: string }) => `${p.name} är inte ägare till aktivitet ${p.ref}.`, { name: 'Enhetschef Fritid', ref: '3.1.1.1' }),

  'report.docx-failed': entry('unavailable', () => 'Word-rapporten kunde inte skapas: skrivningen avbröts oväntat. Försök igen; rapporten skrivs då från början.', {}),
  'report.docx-timeout': entry(
    'unavailable',
    (p: { seconds: number }) => `Word-rapporten blev inte klar inom ${p.seconds} sekunder och avbröts. Försök igen om en stund.`,
    { seconds: 60 },
  ),

  'report.no-answer-in-time': entry('store-unavailable', () => 'Inte sparat – försök igen. Lagringen svarade inte i tid; ett nytt försök från samma kort sparar bara en gång.', {}),

  // the access policy (services/access)
  'access.denied': entry('forbidden', (p: { who: string; what: string }) => `Bara ${p.who} kan ${p.what}.`, { who: 'administratörer', what: 'publicera' }),
  'access.own-items-only': entry('forbidden', () => 'Du kan bara se dina egna aktiviteter.', {}),
  'access.not-for-operator': entry('forbidden', (p: { what: string }) => `Kommandoraden kan inte ${p.what} (det görs i Teams).`, { what: 'rapportera status på en aktivitet' }),

  // rounds
  'round.invalid': entry('invalid-input', (p: { problems: string }) => `Omgången kan inte sparas: ${p.problems}.`, { problems: 'sista svarsdag: 2026-01-05 har redan passerat' }),
  'round.not-found': entry(
    'not-found',
    (p: { year: number; tertial: number }) => `Omgången ${round(p)} finns inte. Skapa den med: tertial round create --year ${p.year} --tertial ${p.tertial} --deadline ÅÅÅÅ-MM-DD`,
    { year: 2031, tertial: 1 },
  ),
  'round.not-found-short': entry('not-found', (p: { year: number; tertial: number }) => `Omgången ${round(p)} finns inte.`, { year: 2031, tertial: 1 }),
  'round.not-changeable': entry('round-closed', (p: { year: number; tertial: number; state: string }) => `Omgången ${round(p)} är ${p.state} och kan inte ändras.`, {
    year: 2026,
    tertial: 1,
    state: 'stängd',
  }),
  'round.cancelled': entry('round-closed', (p: { year: number; tertial: number }) => `Omgången ${round(p)} är inställd.`, { year: 2026, tertial: 1 }),
  'round.already-closed': entry('round-closed', (p: { year: number; tertial: number }) => `Omgången ${round(p)} är redan stängd.`, { year: 2026, tertial: 1 }),
  'round.not-open-for-reminders': entry(
    'round-closed',
    (p: { year: number; tertial: number; phase: string }) => `Omgången ${round(p)} är ${p.phase}, inte öppen: inga påminnelser kan skickas.`,
    { year: 2026, tertial: 1, phase: 'stängd' },
  ),
  'round.owner-unknown': entry('not-found', () => 'Personen finns inte bland ägarna.', {}),
  'reminders.sender-busy': entry(
    'conflict',
    (p: { holder: string }) =>
      `En annan instans${p.holder ? ` (${p.holder})` : ''} skickar påminnelser just nu, och Teams tillåter bara en takt per app. Ingen påminnelse skickades; försök igen om en stund.`,
    { holder: 'tertial-app-2' },
  ),
  'reminders.press-key-invalid': entry(
    'invalid-input',
    (p: { got: string }) => `Knapptrycket saknar en giltig nyckel (fick ”${p.got}”): visa läget igen och tryck Påminn en gång till. Ingen påminnelse skickades.`,
    { got: 'x' },
  ),
  'round.choice-unreadable': entry('invalid-input', (p: { got: string }) => `Ange omgången som ”2025 T3” (inte ”${p.got}”).`, { got: 'förra' }),
  'round.year-tertial-missing': entry('invalid-input', (p: { got: string }) => `Ange år och tertial, t.ex. ”2026 T2” (fick ”${p.got}”).`, { got: '2026' }),
  'round.waves-not-days': entry('invalid-input', (p: { got: string }) => `Vågorna ska vara hela dagar före sista svarsdag, t.ex. 28,14,7,2,0,-2 (fick ”${p.got}”).`, { got: '28,x' }),
  'round.unknown-option': entry(
    'invalid-input',
    (p: { got: string }) => `Det förstod jag inte: ”${p.got}”. Tillåtet efter datumet: vågor 28,14,7 och tid 09:00.`,
    { got: 'snart' },
  ),
  'round.date-unreadable': entry(
    'invalid-input',
    (p: { got: string }) => `”${p.got}” är inget datum jag förstår. Skriv det som ÅÅÅÅ-MM-DD (2026-04-30) eller med månadens namn (30 april 2026).`,
    { got: '31 aprill' },
  ),

  // assessments
  'assessment.level-missing': entry('invalid-input', () => 'Välj en bedömning.', {}),
  'assessment.comment-too-long': entry(
    'invalid-input',
    (p: { length: number; max: number }) => `Kommentaren är ${swedishNumber(p.length)} tecken lång; högst ${swedishNumber(p.max)} tecken får plats. Det du skrev finns kvar: korta det och spara igen.`,
    { length: 4100, max: 4000 },
  ),
  'assessment.comment-required': entry(
    'invalid-input',
    (p: { proposed: string }) => `En ändrad bedömning behöver en kommentar som säger varför (förslaget var ${p.proposed}).`,
    { proposed: 'Delvis uppfyllt' },
  ),
  'assessment.comment-unchanged': entry(
    'invalid-input',
    (p: { previous: string; chosen: string }) => `Kommentaren är oförändrad och motiverar ${p.previous}: skriv om den så att den säger varför målet bedöms som ${p.chosen}.`,
    { previous: 'Delvis uppfyllt', chosen: 'Ej uppfyllt' },
  ),

  // configuration (read by operators)
  'config.cron': entry('config', (p: { expression: string }) => `DISPATCH_CRON: ”${p.expression}” är inget cron-uttryck.`, { expression: '* *' }),
} as const;

export type ErrorId = keyof typeof ERROR_CATALOGUE;
export type ErrorParams<K extends ErrorId> = Parameters<(typeof ERROR_CATALOGUE)[K]['text']>[0];

export class TertialError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** one line per problem, e.g. 'rad 4, fält "slut": 2025-02-30 är inget giltigt datum' */
    readonly details: string[] = [],
    /** the catalogue entry, when the refusal is one of them */
    readonly id?: ErrorId,
  ) {
    super(message);
    this.name = 'TertialError';
  }
}

export class ValidationError extends TertialError {
  constructor(message: string, details: string[], id?: ErrorId) {
    super('invalid-input', message, details, id);
    this.name = 'ValidationError';
  }
}

/** the catalogued refusal `id` with its Swedish text */
export function catalogued<K extends ErrorId>(id: K, params: ErrorParams<K>, details: string[] = []): TertialError {
  const e = ERROR_CATALOGUE[id] as CatalogueEntry<Params>;
  const message = e.text(params as Params);
  return e.code === 'invalid-input' ? new ValidationError(message, details, id) : new TertialError(e.code, message, details, id);
}

export function isTertialError(e: unknown): e is TertialError {
  return e instanceof TertialError;
}
