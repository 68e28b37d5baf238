/** What the assess and report commands share: the year and tertial flags and their check. */
import { TERTIALS, type Tertial } from '../../services/domain/vocabulary';
import { ValidationError } from '../../services/errors';

export const yearFlag = { type: 'integer', required: true, description: 'år (year)', placeholder: 'YYYY' } as const;
export const tertialFlag = { type: 'integer', required: true, description: 'tertial 1–3', placeholder: 'N' } as const;

export function checkTertial(tertial: number): Tertial {
  if (!(TERTIALS as readonly number[]).includes(tertial)) {
    throw new ValidationError(`Ogiltig tertial: ${tertial} (tertial ska vara 1, 2 eller 3)`, [`--tertial: ${tertial} ska vara 1, 2 eller 3`]);
  }
  return tertial as Tertial;
}
