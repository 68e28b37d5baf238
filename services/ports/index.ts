export type { Clock } from './clock';
export type * from './repositories';
import type { AssessmentRepository, OwnerRepository, PlanRepository, ReportRepository, RoundRepository } from './repositories';

/** Every storage port, as services receive them. */
export interface Repositories {
  plans: PlanRepository;
  owners: OwnerRepository;
  rounds: RoundRepository;
  reports: ReportRepository;
  assessments: AssessmentRepository;
}
