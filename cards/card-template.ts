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
