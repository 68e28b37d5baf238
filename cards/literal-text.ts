/**
 * User text is data. It is bound into cards only as TextRun text (no Adaptive Card markdown is
 * interpreted in a TextRun) or as an input's value; the templating engine inserts data values as they
 * are (a "${...}" inside a value is never evaluated). What remains is Teams' {{DATE(...)}}/{{TIME(...)}}
 * text functions, which some hosts expand in any text: a zero-width joiner between the braces keeps
 * them literal on screen while the stored text stays untouched.
 */
export function literal(text: string | null | undefined): string {
  return (text ?? '').replace(/\{\{/g, '{\u2060{');
}

const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const dateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The one Stockholm date formatting of what people read: 'YYYY-MM-DD HH:MM' and 'YYYY-MM-DD' (one
 * formatter each: building one costs ~0.3 ms)
 */
export function stockholmDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso)).replace(',', '');
}

export function stockholmDay(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function cardSize(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
