import type { AfterTurn } from '../after-turn';
import type { BotRequest } from '../bot-context';

export interface InvokeRequest extends BotRequest {
  /** action.data of the Action.Execute, unvalidated: every handler validates it with zod */
  data: unknown;
  /** runs work after the invoke is answered (failures are logged, never shown) */
  after: AfterTurn;
}

/**
 * What the invoke answers: a card that replaces the clicked card in place, or a short message
 * (Teams shows it under the card; the card stays).
 */
export type InvokeResult = { card: Record<string, unknown> } | { message: string };

export type InvokeHandler = (request: InvokeRequest) => Promise<InvokeResult>;
