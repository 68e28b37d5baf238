/** What the assess and report commands share: the assessment service over the CLI's store, and flag checks. */
import { AssessmentService } from '../../services/assessment/assessment-service';
import { readAssessmentRules } from '../../services/config/assessment-rules-file';
import { TERTIALS, type Tertial } from '../../services/domain/vocabulary';
import { ValidationError } from '../../services/errors';
import type { CliContext } from '../command';

export const yearFlag = { type: 'integer', required: true, description: 'år (year)', placeholder: 'YYYY' } as const;
export const tertialFlag = { type: 'integer', required: true, description: 'tertial 1–3', placeholder: 'N' } as const;

export function assessmentService(ctx: CliContext): AssessmentService {
  return new AssessmentService({
    plans: ctx.repos.plans,
    reports: ctx.repos.reports,
    assessments: ctx.repos.assessments,
    owners: ctx.repos.owners,
    outcomes: ctx.repos.outcomes,
    clock: ctx.clock,
    rules: readAssessmentRules(ctx.config?.assessmentRulesFile),
  });
}

export function checkTertial(tertial: number): Tertial {
  if (!(TERTIALS as readonly number[]).includes(tertial)) {
    throw new ValidationError(`Ogiltig tertial: ${tertial} (tertial ska vara 1, 2 eller 3)`, [`--tertial: ${tertial} ska vara 1, 2 eller 3`]);
  }
  return tertial as Tertial;
}
