/**
 * The Messenger port over botbuilder's CloudAdapter: proactive messages through the Bot Connector.
 *
 * - To a user: continueConversationAsync with the stored reference (its serviceUrl: Teams' regional
 *   connector, or the Playground's mock connector locally); with none stored, createConversationAsync
 *   with tenantId + aadObjectId (Teams answers 403 when the app is not installed for that user).
 * - To a channel: the stored channel reference; a reply goes to `<conversation>;messageid=<replyToId>`.
 *
 * ONE attempt per call (the adapter's connector clients have no retry policy, see bot-adapter.ts),
 * outcome classified: 403/404 unreachable (the reason names e.g. MessageWritesBlocked), 412/429/502/503/504
 * and network errors retry (retryAfterMs from Retry-After), anything else failed.
 */
import { ActivityTypes, CardFactory, TurnContext, type CloudAdapter, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { ConversationService } from '../services/conversations/conversation-service';
import { moduleLogger, type Logger } from '../services/logging/logger';
import { NOT_INSTALLED_REASON, type Messenger, type OutgoingCard, type SendOptions, type SendResult } from '../services/ports/messenger';
import { beforeRequestHook, conversationKeyOf } from './request-hook';

export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export interface TeamsMessengerOptions {
  adapter: CloudAdapter;
  conversations: ConversationService;
  /** MicrosoftAppId; '' when anonymous (local Playground) */
  appId: string;
  /** tenant for creating 1:1 conversations when no reference is stored */
  tenantId: string | undefined;
  /** where to create conversations when no reference is stored (defaults to Teams' global connector URL) */
  serviceUrl?: string;
}

interface HttpishError {
  statusCode?: number;
  code?: string | number;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined | null }; bodyAsText?: string | null };
  body?: unknown;
}

function retryAfterMs(err: HttpishError): number | null {
  const raw = err.response?.headers?.get?.('retry-after');
  if (raw === undefined || raw === null || raw === '') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

function errorCodeOf(err: HttpishError): string | null {
  const fromBody = (body: unknown): string | null => {
    const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (!e || typeof e.code !== 'string') return null;
    return typeof e.message === 'string' && e.message ? `${e.code}: ${e.message}` : e.code;
  };
  const parsed = fromBody(err.body);
  if (parsed) return parsed;
  const text = err.response?.bodyAsText;
  if (text) {
    try {
      return fromBody(JSON.parse(text)) ?? text.slice(0, 200);
    } catch {
      return text.slice(0, 200);
    }
  }
  return null;
}

/** turns a connector error into the port's outcome; exported for tests */
export function classifySendError(e: unknown): Exclude<SendResult, { outcome: 'sent' }> {
  const err = (e ?? {}) as HttpishError;
  const status = typeof err.statusCode === 'number' ? err.statusCode : null;
  const detail = errorCodeOf(err);
  const reason = [status !== null ? `HTTP ${status}` : null, detail ?? err.message ?? String(e)].filter(Boolean).join(' ');
  if (status === null) return { outcome: 'retry', status: null, reason: `nätverksfel: ${reason}`, retryAfterMs: null };
  if (status === 403 || status === 404) return { outcome: 'unreachable', status, reason };
  if (RETRYABLE.has(status)) return { outcome: 'retry', status, reason, retryAfterMs: retryAfterMs(err) };
  return { outcome: 'failed', status, reason };
}

function cardActivity(message: OutgoingCard) {
  return {
    type: ActivityTypes.Message,
    summary: message.summary,
    attachments: [CardFactory.adaptiveCard(message.card)],
  };
}

export class TeamsMessenger implements Messenger {
  /** options.beforeRequest runs right before each connector request, with its conversation (the app's pacer takes the slot there) */
  readonly pacesRequests = true;
  private readonly logger: Logger;
  /** the adapter's connector pipeline runs the hook at the write (createBotAdapter's); else it runs before sendActivity */
  private readonly hookInPipeline: boolean;

  constructor(private readonly options: TeamsMessengerOptions) {
    this.logger = moduleLogger('teams-messenger');
    this.hookInPipeline = (options.adapter as { runsRequestHooks?: boolean }).runsRequestHooks === true;
  }

  /** the hook to await in our own code before a request: none when the pipeline runs it at the write */
  private ownHook(send: SendOptions): SendOptions['beforeRequest'] {
    return this.hookInPipeline ? undefined : send.beforeRequest;
  }

  /** runs `logic` in a proactive turn; errors inside the turn are returned, not left to onTurnError */
  private async continueWith(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown = null;
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (e) {
        failure = e;
      }
    });
    if (failure) throw failure;
  }

  /** runs `send` with the call's hook in the connector pipeline when the adapter has one there */
  private hooked(options: SendOptions, send: () => Promise<SendResult>): Promise<SendResult> {
    const hook = options.beforeRequest;
    return hook && this.hookInPipeline ? beforeRequestHook.run(hook, send) : send();
  }

  sendToUser(aadObjectId: string, message: OutgoingCard, send: SendOptions = {}): Promise<SendResult> {
    return this.hooked(send, () => this.sendToUserNow(aadObjectId, message, send));
  }

  private async sendToUserNow(aadObjectId: string, message: OutgoingCard, send: SendOptions): Promise<SendResult> {
    try {
      const stored = await this.options.conversations.getUser(aadObjectId);
      if (stored) {
        let activityId = '';
        await this.continueWith(stored.reference as Partial<ConversationReference>, async (context) => {
          await this.ownHook(send)?.(stored.conversationId);
          activityId = (await context.sendActivity(cardActivity(message)))?.id ?? '';
        });
        return { outcome: 'sent', activityId, conversationId: stored.conversationId };
      }
      try {
        return await this.createAndSend(aadObjectId, message, send);
      } catch (e) {
        const result = classifySendError(e);
        // no chat with the bot yet and Teams refuses to open one: the app is not installed for the user
        if (result.outcome === 'unreachable' && result.status === 403 && !/MessageWritesBlocked/i.test(result.reason)) {
          return { ...result, reason: `${NOT_INSTALLED_REASON}: ${result.reason}`, notInstalled: true };
        }
        throw e;
      }
    } catch (e) {
      const result = classifySendError(e);
      this.logger.info({ aadObjectId, outcome: result.outcome, status: result.status, reason: result.reason }, 'send to user not delivered');
      return result;
    }
  }

  private async createAndSend(aadObjectId: string, message: OutgoingCard, send: SendOptions): Promise<SendResult> {
    const tenantId = this.options.tenantId;
    if (!tenantId) {
      return { outcome: 'unreachable', status: 403, reason: `${NOT_INSTALLED_REASON}: ingen chatt med personen finns, och utan TEAMS_TENANT_ID kan Tertial inte öppna en själv`, notInstalled: true };
    }
    const parameters = {
      isGroup: false,
      bot: { id: this.options.appId, name: 'Tertial' },
      members: [{ id: aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as ConversationParameters;
    let activityId = '';
    let conversationId = '';
    let failure: unknown = null;
    await this.ownHook(send)?.(conversationKeyOf(''));
    await this.options.adapter.createConversationAsync(
      this.options.appId,
      'msteams',
      this.options.serviceUrl ?? DEFAULT_TEAMS_SERVICE_URL,
      'https://api.botframework.com',
      parameters,
      async (context) => {
        try {
          conversationId = context.activity.conversation.id;
          await this.ownHook(send)?.(conversationId);
          activityId = (await context.sendActivity(cardActivity(message)))?.id ?? '';
          const reference = TurnContext.getConversationReference(context.activity);
          await this.options.conversations.recordUser({
            aadObjectId,
            name: null,
            tenantId,
            conversationId,
            serviceUrl: context.activity.serviceUrl,
            reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
          });
        } catch (e) {
          failure = e;
        }
      },
    );
    if (failure) throw failure;
    return { outcome: 'sent', activityId, conversationId };
  }

  postToChannel(channelKey: string, message: OutgoingCard, replyToId?: string, send: SendOptions = {}): Promise<SendResult> {
    return this.hooked(send, () => this.postToChannelNow(channelKey, message, replyToId, send));
  }

  private async postToChannelNow(channelKey: string, message: OutgoingCard, replyToId: string | undefined, send: SendOptions): Promise<SendResult> {
    try {
      const channel = await this.options.conversations.getChannel(channelKey);
      if (!channel) return { outcome: 'unreachable', status: 404, reason: `ingen sparad kanal ${channelKey} (appen är inte installerad i teamet)` };
      if (channel.state === 'removed') return { outcome: 'unreachable', status: 404, reason: 'appen är borttagen från teamet' };
      const base = channel.reference as Partial<ConversationReference>;
      const reference = replyToId
        ? { ...base, conversation: { ...base.conversation!, id: `${channelKey};messageid=${replyToId}` } }
        : base;
      let activityId = '';
      await this.continueWith(reference, async (context) => {
        await this.ownHook(send)?.(channelKey);
        activityId = (await context.sendActivity(cardActivity(message)))?.id ?? '';
      });
      return { outcome: 'sent', activityId, conversationId: channelKey };
    } catch (e) {
      return classifySendError(e);
    }
  }

  async updateForUser(aadObjectId: string, activityId: string, message: OutgoingCard): Promise<SendResult> {
    try {
      const stored = await this.options.conversations.getUser(aadObjectId);
      if (!stored) return { outcome: 'unreachable', status: 404, reason: 'ingen sparad konversation med personen' };
      await this.continueWith(stored.reference as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ ...cardActivity(message), id: activityId });
      });
      return { outcome: 'sent', activityId, conversationId: stored.conversationId };
    } catch (e) {
      return classifySendError(e);
    }
  }

  updateInChannel(channelKey: string, activityId: string, message: OutgoingCard, replyToId?: string, send: SendOptions = {}): Promise<SendResult> {
    return this.hooked(send, () => this.updateInChannelNow(channelKey, activityId, message, replyToId, send));
  }

  private async updateInChannelNow(channelKey: string, activityId: string, message: OutgoingCard, replyToId: string | undefined, send: SendOptions): Promise<SendResult> {
    try {
      const channel = await this.options.conversations.getChannel(channelKey);
      if (!channel) return { outcome: 'unreachable', status: 404, reason: `ingen sparad kanal ${channelKey}` };
      const base = channel.reference as Partial<ConversationReference>;
      const reference = replyToId
        ? { ...base, conversation: { ...base.conversation!, id: `${channelKey};messageid=${replyToId}` } }
        : base;
      await this.continueWith(reference, async (context) => {
        await this.ownHook(send)?.(channelKey);
        await context.updateActivity({ ...cardActivity(message), id: activityId });
      });
      return { outcome: 'sent', activityId, conversationId: channelKey };
    } catch (e) {
      return classifySendError(e);
    }
  }
}
