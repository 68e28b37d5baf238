/** Binds an Adaptive Card JSON template with data (adaptivecards-templating). User text is data, never template. */
import * as ACData from 'adaptivecards-templating';

// Building a Template is the costly step (milliseconds); expanding a built one is ~0.1 ms. Templates are
// module-level JSON objects, so one Template per template object is kept and reused.
const built = new WeakMap<object, ACData.Template>();

export function expandTemplate(template: object, data: object): Record<string, unknown> {
  let t = built.get(template);
  if (!t) {
    t = new ACData.Template(template);
    built.set(template, t);
  }
  return t.expand({ $root: data }) as Record<string, unknown>;
}

/**
 * User text for a card: bound as TextRun text (no markdown is interpreted there); Teams' {{DATE(…)}}
 * text functions are kept literal on screen by a word joiner between the braces.
 */
export function literalText(text: string | null | undefined): string {
  return (text ?? '').replace(/\{\{/g, '{\u2060{');
}
