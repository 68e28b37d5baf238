export type { Clock } from './clock';
export type * from './repositories';
export type * from './outbox';
export type * from './scheduler';
import type { OutboxRepository } from './outbox';
import type { AssessmentRepository, OwnerRepository, PlanRepository, ReportRepository, RoundRepository } from './repositories';

/** Every storage port, as services receive them. */
export interface Repositories {
  plans: PlanRepository;
  owners: OwnerRepository;
  rounds: RoundRepository;
  reports: ReportRepository;
  assessments: AssessmentRepository;
  /** the dispatch outbox: reminder deliveries per (round, wave, owner) */
  outbox: OutboxRepository;
}
