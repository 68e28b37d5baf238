/** Flag parsing shared by the round commands; the year and tertial flags also name the round of assess, report and measure. */
import { stockholmDateTime } from '../../cards/literal-text';
import { catalogued } from '../../services/errors';

export const yearFlag = { type: 'integer', required: true, description: 'år (year)', placeholder: 'YYYY' } as const;
export const tertialFlag = { type: 'integer', required: true, description: 'tertial 1–3', placeholder: 'N' } as const;

/** '28,14,7,2,0,-2' → numbers; anything else is a ValidationError naming the bad part */
export function parseWaves(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.filter((p) => !/^-?\d+$/.test(p));
  if (bad.length > 0) {
    throw catalogued('round.waves-not-days', { got: bad.join(',') }, [`vågor: ${text} ska vara hela dagar med komma emellan, t.ex. 28,14,7,2,0,-2`]);
  }
  return parts.map(Number);
}

/** Stockholm local time of an instant, 'YYYY-MM-DD HH:MM' */
export function localTime(iso: string): string {
  return stockholmDateTime(iso);
}
