/**
 * The activity handler: classifies the activity and hands it to services (Company Communicator's
 * thin-edge style). Messages → command table; Action.Execute → verb table; installs and
 * conversation updates → conversation references (and a greeting with the open items).
 */
import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type InvokeResponse,
} from 'botbuilder';
import { BOT_TEXTS } from '../cards/bot-texts';
import { renderReminderCard } from '../cards/reminder-card';
import { decide, personPrincipal } from '../services/access/access-policy';
import { moduleLogger, type Logger } from '../services/logging/logger';
import type { BotServices, BotUser } from './bot-context';
import { AfterTurnTasks } from './after-turn';
import { channelKeyOf } from './channel-key';
import { COMMANDS, matchCommand } from './commands';
import { INVOKES, WRITING_VERBS } from './invokes';
import { isTertialError } from '../services/errors';

const referenceJson = (context: TurnContext) =>
  JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>;

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export class TertialBot extends TeamsActivityHandler {
  private readonly logger: Logger;
  /** work card actions hand off to run after their answer */
  readonly afterTurn: AfterTurnTasks;

  constructor(private readonly services: BotServices) {
    super();
    this.logger = moduleLogger('bot');
    this.afterTurn = new AfterTurnTasks(this.logger);

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.rememberConversation(context);
      const added = context.activity.membersAdded ?? [];
      if (this.isPersonal(context) && added.length > 0) await this.greet(context);
      else if (added.some((m) => m.id === context.activity.recipient?.id)) await this.greetChannel(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.rememberConversation(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      const data = context.activity.channelData as TeamsChannelData | undefined;
      if (this.isPersonal(context)) {
        const id = context.activity.from?.aadObjectId;
        if (id) await this.services.conversations.markUserUnreachable(id, 'appen avinstallerad av användaren (installationUpdate remove)');
      } else if (data?.team?.id) {
        await this.services.conversations.markTeamRemoved(data.team.id);
      }
      await next();
    });
  }

  private isPersonal(context: TurnContext): boolean {
    const type = context.activity.conversation?.conversationType;
    return type === 'personal' || (!type && !context.activity.conversation?.isGroup);
  }

  userOf(context: TurnContext): BotUser | null {
    const from: ChannelAccount | undefined = context.activity.from;
    const aadObjectId = from?.aadObjectId;
    if (!aadObjectId) return null;
    const name = from.name || aadObjectId;
    return { aadObjectId, name, principal: personPrincipal({ id: aadObjectId, name }, this.services.config) };
  }

  /** stores the conversation reference: per user in 1:1 chats, per channel in teams */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const data = activity.channelData as TeamsChannelData | undefined;
    const tenantId = data?.tenant?.id ?? activity.conversation?.tenantId ?? null;
    try {
      if (this.isPersonal(context)) {
        const aadObjectId = activity.from?.aadObjectId;
        if (!aadObjectId || activity.from.id === activity.recipient?.id) return;
        await this.services.conversations.recordUser({
          aadObjectId,
          name: activity.from.name ?? null,
          tenantId,
          conversationId: activity.conversation.id,
          serviceUrl: activity.serviceUrl,
          reference: referenceJson(context),
        });
      } else if (activity.conversation?.conversationType === 'channel' || data?.team?.id) {
        const key = channelKeyOf(activity.conversation.id);
        const reference = referenceJson(context);
        reference.conversation = { ...(reference.conversation as object), id: key };
        delete reference.activityId;
        await this.services.conversations.recordChannel({
          key,
          teamId: data?.team?.id ?? null,
          teamName: data?.team?.name ?? null,
          channelName: data?.channel?.name ?? null,
          tenantId,
          serviceUrl: activity.serviceUrl,
          reference,
        });
      }
    } catch (err) {
      // a lost reference must not cost the user their answer: log and go on
      this.logger.warn({ err, conversationId: activity.conversation?.id }, 'could not store the conversation reference');
    }
  }

  /** Tertial was added to a team: say who it is and what happens in a channel (who added it decides the next step) */
  private async greetChannel(context: TurnContext): Promise<void> {
    const user = this.userOf(context);
    const admin = user?.principal.kind === 'person' && user.principal.admin;
    await context.sendActivity(BOT_TEXTS.channelWelcome(admin));
  }

  private async greet(context: TurnContext): Promise<void> {
    const user = this.userOf(context);
    const bot = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    // Teams sends the bot's own "added" on install, the Playground the user's: greet once per update
    if (!user || added.length === 0 || (added.every((m) => m.id !== bot) && added.every((m) => m.id !== context.activity.from?.id))) return;
    const owner = await this.services.collection.reference.owner(user.aadObjectId);
    const name = owner?.name ?? (user.name !== user.aadObjectId ? user.name : '');
    const p = user.principal;
    await context.sendActivity(BOT_TEXTS.welcome(name, { owner: owner !== null, admin: p.kind === 'person' && p.admin, ledningsgrupp: p.kind === 'person' && p.ledningsgrupp }));
    for (const { round, items, measures } of await this.services.collection.openItems(user.aadObjectId)) {
      const { card, summary } = renderReminderCard(items, round, { now: this.services.clock.now(), measures });
      const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
      await this.services.reminders.remember(user.aadObjectId, round.id, sent?.id ?? '');
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = context.activity.text ?? '';
    if (!text.trim()) return; // e.g. an Action.Submit from an old card: nothing to say
    const user = this.userOf(context);
    if (!user) {
      await context.sendActivity('Jag kan inte se vem du är (inget Entra-id i meddelandet).');
      return;
    }
    const matched = matchCommand(text, COMMANDS);
    if (!matched) {
      await context.sendActivity(BOT_TEXTS.fallback);
      return;
    }
    const decision = matched.command.action ? decide(user.principal, matched.command.action) : null;
    if (decision && !decision.allowed) {
      this.logger.warn({ user: user.aadObjectId, command: matched.command.names[0] }, 'command refused by the access policy');
      await context.sendActivity(decision.reason);
      return;
    }
    await matched.command.run({ context, services: this.services, user, args: matched.args, commands: COMMANDS });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const message = (text: string): AdaptiveCardInvokeResponse => ({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: text as unknown as AdaptiveCardInvokeResponse['value'],
    });
    const user = this.userOf(context);
    const verb = invokeValue.action?.verb ?? '';
    const handler = Object.prototype.hasOwnProperty.call(INVOKES, verb) ? INVOKES[verb] : undefined;
    if (!user) return message('Jag kan inte se vem du är (inget Entra-id i anropet).');
    if (!handler) {
      this.logger.warn({ verb, user: user.aadObjectId }, 'unknown card verb');
      return message(BOT_TEXTS.unknownAction);
    }
    try {
      const result = await handler({ context, services: this.services, user, data: invokeValue.action.data, after: this.afterTurn.run });
      if ('card' in result) {
        return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card as AdaptiveCardInvokeResponse['value'] };
      }
      return message(result.message);
    } catch (err) {
      if (isTertialError(err)) {
        // a refusal the services explain (bad input): no stack, and nothing the user typed is echoed
        this.logger.warn({ verb, user: user.aadObjectId, code: err.code, id: err.id }, 'card action refused');
        return message(WRITING_VERBS.has(verb) ? BOT_TEXTS.notSaved : BOT_TEXTS.unknownAction);
      }
      this.logger.error({ err, verb, user: user.aadObjectId }, 'card action failed');
      return message(WRITING_VERBS.has(verb) ? BOT_TEXTS.notSaved : BOT_TEXTS.turnError);
    }
  }

  /** an adaptiveCard/action without an action object is answered 400 with the reason (botbuilder would fail on it) */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const value = context.activity.value as { action?: unknown } | null | undefined;
      if (!value || typeof value !== 'object' || !value.action || typeof value.action !== 'object') {
        this.logger.warn({ user: context.activity.from?.aadObjectId }, 'card action without an action refused');
        return {
          status: 400,
          body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: BOT_TEXTS.missingAction } },
        };
      }
    }
    return super.onInvokeActivity(context);
  }

}
