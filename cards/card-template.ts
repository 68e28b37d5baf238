/** Binds an Adaptive Card JSON template with data (adaptivecards-templating). User text is data, never template. */
import * as ACData from 'adaptivecards-templating';

export function expandTemplate(template: object, data: object): Record<string, unknown> {
  return new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>;
}
