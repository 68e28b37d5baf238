/** Binds an Adaptive Card JSON template with data (adaptivecards-templating). User text is data, never template. */
import * as ACData from 'adaptivecards-templating';

export function expandTemplate(template: object, data: object): Record<string, unknown> {
  return new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>;
}

/**
 * User text for a card: bound as TextRun text (no markdown is interpreted there); Teams' {{DATE(…)}}
 * text functions are kept literal on screen by a word joiner between the braces.
 */
export function literalText(text: string | null | undefined): string {
  return (text ?? '').replace(/\{\{/g, '{\u2060{');
}
