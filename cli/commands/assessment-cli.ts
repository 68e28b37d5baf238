/** What the assess and report commands share: the tertial's check (the flags are round-args.ts's). */
import { TERTIALS, type Tertial } from '../../services/domain/vocabulary';
import { ValidationError } from '../../services/errors';

export function checkTertial(tertial: number): Tertial {
  if (!(TERTIALS as readonly number[]).includes(tertial)) {
    throw new ValidationError(`Ogiltig tertial: ${tertial} (tertial ska vara 1, 2 eller 3)`, [`--tertial: ${tertial} ska vara 1, 2 eller 3`]);
  }
  return tertial as Tertial;
}
