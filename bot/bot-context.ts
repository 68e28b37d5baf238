/**
 * What every command and invoke handler gets: the turn, the services, and who is asking.
 * Handlers live in bot/commands/ and bot/invokes/, one file each, registered in the tables there.
 */
import type { TurnContext } from 'botbuilder';
import type { CollectionService } from '../services/collection/collection-service';
import type { LivingReminders } from '../services/collection/living-reminder';
import type { AssessmentService } from '../services/assessment/assessment-service';
import type { Config } from '../services/config/config';
import type { PublishService } from '../services/publish/publish-service';
import type { ConversationService } from '../services/conversations/conversation-service';
import type { Clock } from '../services/ports/clock';
import type { Messenger } from '../services/ports/messenger';
import type { Store } from '../services/store';
import type { Dispatcher } from '../services/dispatch/dispatcher';

export interface BotServices {
  config: Config;
  store: Store;
  clock: Clock;
  conversations: ConversationService;
  messenger: Messenger;
  collection: CollectionService;
  /** the person's latest reminder, redrawn in place as they report */
  reminders: LivingReminders;
  /** goal assessments: proposals and decisions (issue 5) */
  assessments: AssessmentService;
  /** the ledningsgrupp channel: link, publish, refresh cards (issue 5) */
  publishing: PublishService;
  /** reminder waves; `påminn nu` goes through it (same outbox, no duplicates) */
  dispatcher: Dispatcher;
}

export interface BotUser {
  /** Entra object id (activity.from.aadObjectId) */
  aadObjectId: string;
  name: string;
  /** in config.admins (TERTIAL_ADMINS) */
  isAdmin: boolean;
  /** in config.ledningsgrupp (TERTIAL_LEDNINGSGRUPP) */
  isLedningsgrupp: boolean;
}

export interface BotRequest {
  context: TurnContext;
  services: BotServices;
  user: BotUser;
}
