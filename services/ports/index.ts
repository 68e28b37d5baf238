export type { Clock } from './clock';
export type * from './repositories';
export type * from './outbox';
export type * from './scheduler';
export type * from './publications';
export type * from './conversations';
export type * from './metrics';
export type * from './app-installer';
import type { ConversationRepository } from './conversations';
import type { OutboxRepository } from './outbox';
import type { PublicationRepository } from './publications';
import type { AssessmentRepository, MeasureOutcomeRepository, OwnerRepository, PlanRepository, ReportRepository, RoundRepository, RoundSummaryRepository } from './repositories';

/** Every storage port, as services receive them. */
export interface Repositories {
  plans: PlanRepository;
  owners: OwnerRepository;
  rounds: RoundRepository;
  reports: ReportRepository;
  assessments: AssessmentRepository;
  /** measure outcomes per year, period and measure, with history */
  outcomes: MeasureOutcomeRepository;
  /** the dispatch outbox: reminder deliveries per (round, wave, owner) */
  outbox: OutboxRepository;
  /** the ledningsgrupp channel link and the cards posted per round */
  publications: PublicationRepository;
  /** the Sammanfattning the ledningsgrupp writes per round, with history (stores that keep none leave it out) */
  summaries?: RoundSummaryRepository;
  /** Teams conversation references (the store has them; services that never send leave them out) */
  conversations?: ConversationRepository;
}
