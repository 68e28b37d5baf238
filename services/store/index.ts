/**
 * Opens the Cosmos DB store and hands out the repositories (the ports' implementations).
 * Where it runs: a real account or emulator (COSMOS_ENDPOINT), or the embedded server.
 */
import type { Repositories } from '../ports';
import type { Clock } from '../ports/clock';
import type { ConversationRepository } from '../ports/conversations';
import { CosmosAssessmentRepository } from './assessment-store';
import { CosmosConversationRepository } from './conversation-store';
import { connectCosmos, type CosmosConnection, type CosmosTarget } from './cosmos-connection';
import { CosmosOutboxRepository } from './outbox-store';
import { CosmosOutcomeRepository } from './outcome-store';
import { CosmosOwnerRepository } from './owner-store';
import { CosmosPlanRepository } from './plan-store';
import { CosmosPublicationRepository } from './publication-store';
import { CosmosReportRepository } from './report-store';
import { CosmosRoundRepository } from './round-store';
import { CosmosRoundSummaryRepository } from './summary-store';

export interface Store extends Repositories {
  /** Teams conversation references per user and channel (bot/ writes them, the messenger reads them) */
  conversations: ConversationRepository;
  summaries: CosmosRoundSummaryRepository;
  connection: CosmosConnection;
  /** one cheap read of the database; rejects when the store fails or does not answer within `timeoutMs` */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** `clock` times the store's own leases (the plan import lock); services keep their own Clock. */
export async function openStore(target: CosmosTarget, options: { clock?: Clock } = {}): Promise<Store> {
  const connection = await connectCosmos(target);
  const reports = new CosmosReportRepository(connection.container('reports'));
  return {
    connection,
    plans: new CosmosPlanRepository(connection.container('plans'), options.clock),
    owners: new CosmosOwnerRepository(connection.container('owners')),
    rounds: new CosmosRoundRepository(connection.container('rounds'), (roundId, scope) => reports.fence(roundId, scope)),
    reports,
    assessments: new CosmosAssessmentRepository(connection.container('assessments')),
    outcomes: new CosmosOutcomeRepository(connection.container('outcomes')),
    outbox: new CosmosOutboxRepository(connection.container('outbox')),
    publications: new CosmosPublicationRepository(connection.container('publications')),
    conversations: new CosmosConversationRepository(connection.container('conversations')),
    summaries: new CosmosRoundSummaryRepository(connection.container('publications')),
    ping: async (timeoutMs) => {
      await connection.database.read({ abortSignal: AbortSignal.timeout(timeoutMs) });
    },
    close: async () => connection.dispose(),
  };
}

export { startEmbeddedCosmos, type EmbeddedCosmos } from './embedded-cosmos';
export type { CosmosTarget } from './cosmos-connection';
