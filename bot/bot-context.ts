/**
 * What every command and invoke handler gets: the turn, the services, and who is asking.
 * Handlers live in bot/commands/ and bot/invokes/, one file each, registered in the tables there.
 * Handlers reach data only through these services, never through a repository.
 */
import type { TurnContext } from 'botbuilder';
import type { Principal } from '../services/access/access-policy';
import type { CollectionService } from '../services/collection/collection-service';
import type { LivingReminders } from '../services/collection/living-reminder';
import type { AssessmentService } from '../services/assessment/assessment-service';
import type { Config } from '../services/config/config';
import type { PublishService } from '../services/publish/publish-service';
import type { ConversationService } from '../services/conversations/conversation-service';
import type { Clock } from '../services/ports/clock';
import type { Messenger } from '../services/ports/messenger';
import type { Dispatcher } from '../services/dispatch/dispatcher';
import type { RoundService } from '../services/rounds/round-service';
import type { SubstituteService } from '../services/substitutes/substitute-service';
import type { MeasureService } from '../services/measures/measure-service';

export interface BotServices {
  config: Config;
  clock: Clock;
  conversations: ConversationService;
  messenger: Messenger;
  collection: CollectionService;
  /** the person's latest reminder, redrawn in place as they report */
  reminders: LivingReminders;
  /** rounds: list, create, close, and each round's progress */
  rounds: RoundService;
  /** goal assessments: proposals and decisions */
  assessments: AssessmentService;
  /** the ledningsgrupp channel: link, publish, refresh cards */
  publishing: PublishService;
  /** reminder waves; `påminn nu` goes through it (same outbox, no duplicates) */
  dispatcher: Dispatcher;
  /** owners' substitutes per round (`delegera`) */
  substitutes: SubstituteService;
  /** measures (mått): a measure owner's outcomes (`mått`) */
  measures: MeasureService;
}

export interface BotUser {
  /** Entra object id (activity.from.aadObjectId) */
  aadObjectId: string;
  name: string;
  /** who asks, as the access policy sees them (admin and ledningsgrupp from the configured lists) */
  principal: Principal;
}

export interface BotRequest {
  context: TurnContext;
  services: BotServices;
  user: BotUser;
}
