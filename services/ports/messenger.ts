/**
 * Sending to Teams, behind a port. bot/ implements it with botbuilder (proactive messages through the
 * Bot Connector); services/dispatch decides what to send, when, how fast, and how often to retry.
 *
 * An implementation makes exactly ONE attempt per call (no hidden retries) and classifies the outcome,
 * so the dispatcher can tell "retry" from "give up" (Company Communicator's SendFunction).
 */

/** An Adaptive Card (schema 1.5) as JSON, plus a plain-text fallback for notifications. */
export interface OutgoingCard {
  card: Record<string, unknown>;
  /** notification / preview text */
  summary: string;
  /** a reminder of what an owner handed to a substitute for the round (everything, or some activities) goes to the substitute (aadObjectId) */
  deliverTo?: string;
}

/** how the reason of an unreachable send starts when the app is not installed for the person (reach-problems.ts reads it) */
export const NOT_INSTALLED_REASON = 'appen är inte installerad';

export type SendResult =
  | { outcome: 'sent'; activityId: string; conversationId: string }
  /** 403 (app not installed, MessageWritesBlocked), 404 (conversation or user gone): record, never resend automatically */
  | {
      outcome: 'unreachable';
      status: number;
      reason: string;
      /** the app is not installed for the user (no chat with the bot exists): an app setup policy or proactive install can fix it */
      notInstalled?: boolean;
    }
  /** 412/429/502/503/504 or a network error: worth another attempt; retryAfterMs from Retry-After when given */
  | { outcome: 'retry'; status: number | null; reason: string; retryAfterMs: number | null }
  /** anything else (400, 401, a card too large, …): do not retry */
  | { outcome: 'failed'; status: number | null; reason: string };

/** the rate slot beforeRequest granted to a request that is about to leave */
export interface RequestSlot {
  /**
   * The messenger calls this when the request cannot leave at once after all (a new connection must be
   * opened first): the slot stays open and later slots wait until the returned function is called, at
   * the moment the request does leave, so the departure the limiter counts is the real one.
   */
  holdUntilDeparture(): () => void;
  /**
   * Called right before the request is handed to the HTTP client, after anything the messenger did
   * since the slot was granted: if that is later than the grant (a GC pause, a busy event loop), the
   * limiter counts the request from then.
   */
  leaving?(): void;
  /**
   * Asked again when a held request is about to leave after all (its new connection is up): false
   * keeps it from leaving (the sender's fence no longer holds after the wait).
   */
  mayLeave?(): boolean;
}

export interface SendOptions {
  /**
   * Awaited right before each HTTP request to the connector leaves, after any lookups (the stored
   * reference), with the conversation the request is for (a key of its own for a request for no
   * conversation, such as creating one): the app's one pacer takes the slot there, keyed by
   * conversation, so requests arrive as evenly as they were scheduled and Teams' per-conversation
   * limits count a reminder and a reply to the same chat together. Called once per request (twice
   * when a conversation is created first). It may throw to stop the request from leaving.
   */
  beforeRequest?: (conversationKey: string) => Promise<RequestSlot | void>;
}

export interface Messenger {
  /** true if every call runs options.beforeRequest before every request it makes (else the caller paces around the call) */
  readonly pacesRequests?: boolean;
  /**
   * A 1:1 message to a user: through the stored conversation reference if there is one, otherwise
   * by creating the conversation with tenantId + aadObjectId (403 if the app is not installed).
   */
  sendToUser(aadObjectId: string, message: OutgoingCard, options?: SendOptions): Promise<SendResult>;
  /** a new post in a channel (conversationKey as stored at install), or a reply in a thread under replyToId */
  postToChannel(channelKey: string, message: OutgoingCard, replyToId?: string, options?: SendOptions): Promise<SendResult>;
  /**
   * replaces a card sent to a user in their 1:1 chat (the person's living reminder); a messenger
   * without it leaves earlier cards as they are
   */
  updateForUser?(aadObjectId: string, activityId: string, message: OutgoingCard): Promise<SendResult>;
  /** replaces a posted card in place */
  updateInChannel(channelKey: string, activityId: string, message: OutgoingCard, replyToId?: string, options?: SendOptions): Promise<SendResult>;
}
