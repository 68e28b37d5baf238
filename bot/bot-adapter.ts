/**
 * The botbuilder CloudAdapter, built from config. With MicrosoftAppId set, every request to
 * /api/messages must carry a valid Bot Framework JWT (ConfigurationBotFrameworkAuthentication);
 * without it the adapter is anonymous and the app binds to 127.0.0.1 only (see app.ts).
 *
 * Outgoing connector calls make ONE attempt: the connector client's own retry policies (core-rest-pipeline's
 * default exponential + throttling retry) are removed, so the dispatcher alone decides about retries,
 * and the last step before the HTTP client runs the sending code's beforeRequest hook (request-hook.ts).
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
// types only: botframework-connector is botbuilder's own dependency
import type { ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { Config } from '../services/config/config';
import { addBeforeRequestPolicy } from './request-hook';

export interface BotAdapterOverrides {
  /** tests: a local OpenID metadata document instead of login.botframework.com's */
  openIdMetadataUrl?: string;
  /** tests: the issuer the local token stub signs with */
  tokenIssuer?: string;
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown } & Parameters<typeof addBeforeRequestPolicy>[0] };
}

/** strips every policy of the "Retry" phase from a ConnectorClient's HTTP pipeline */
export function withoutRetries(client: ConnectorClient): ConnectorClient {
  (client as unknown as PipelineHolder).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}

/** runs the current send's beforeRequest hook (request-hook.ts) right before each request leaves */
export function withBeforeRequestHook(client: ConnectorClient): ConnectorClient {
  addBeforeRequestPolicy((client as unknown as PipelineHolder).client?.pipeline);
  return client;
}

class SingleAttemptAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    return { create: async (serviceUrl: string, audience?: string) => withBeforeRequestHook(withoutRetries(await inner.create(serviceUrl, audience))) };
  }
}

/** CloudAdapter with its authenticate-and-run step opened up for our own HTTP edge (bot-endpoint.ts) */
export class TertialAdapter extends CloudAdapter {
  /** true when connector requests run request-hook.ts' beforeRequest hook right before they leave (createBotAdapter's) */
  readonly runsRequestHooks: boolean;

  constructor(auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
    this.runsRequestHooks = auth instanceof SingleAttemptAuthentication;
  }

  /** authenticates (throws on a bad token) and runs `logic`; the invoke response, if any */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createBotAdapter(config: Config, overrides: BotAdapterOverrides = {}): TertialAdapter {
  // anonymous (no app id): no credentials at all, so the adapter accepts unauthenticated requests
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.bot.appId
    ? {
        MicrosoftAppId: config.bot.appId,
        MicrosoftAppPassword: config.bot.appPassword,
        MicrosoftAppType: config.bot.appType,
        MicrosoftAppTenantId: config.bot.tenantId,
      }
    : {};
  if (overrides.openIdMetadataUrl) options.ToBotFromChannelOpenIdMetadataUrl = overrides.openIdMetadataUrl;
  if (overrides.tokenIssuer) options.ToBotFromChannelTokenIssuer = overrides.tokenIssuer;
  return new TertialAdapter(new SingleAttemptAuthentication(options));
}
