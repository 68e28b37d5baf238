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
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import type { Config } from '../services/config/config';
import type { AppPacer } from '../services/dispatch/app-pacer';
import { addBeforeRequestPolicy, type DefaultRequestSlot } from './request-hook';

export interface BotAdapterOverrides {
  /** tests: a local OpenID metadata document instead of login.botframework.com's */
  openIdMetadataUrl?: string;
  /** tests: the issuer the local token stub signs with */
  tokenIssuer?: string;
  /** tests: how long the token check may take before a 503 (bot-endpoint.ts' AUTH_TIMEOUT_MS) */
  authTimeoutMs?: number;
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown } & Parameters<typeof addBeforeRequestPolicy>[0] };
}

/** strips every policy of the "Retry" phase from a ConnectorClient's HTTP pipeline */
export function withoutRetries(client: ConnectorClient): ConnectorClient {
  (client as unknown as PipelineHolder).client?.pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}

/** runs the current send's beforeRequest hook (request-hook.ts), else `defaultSlot`, right before each request leaves */
export function withBeforeRequestHook(client: ConnectorClient, defaultSlot?: DefaultRequestSlot): ConnectorClient {
  addBeforeRequestPolicy((client as unknown as PipelineHolder).client?.pipeline, defaultSlot);
  return client;
}

/** how many connector / user-token clients are kept (one per app id, service URL and audience in practice) */
const CLIENT_CACHE_LIMIT = 64;

/** the bot's app id as botframework-connector reads it from the claims (audience, else appid; none when anonymous) */
const appIdOf = (claims: ClaimsIdentity) => claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

/** one shared promise per key; a failed creation is forgotten so the next turn tries again */
function cachedBy<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= CLIENT_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  const created = create();
  cache.set(key, created);
  created.catch(() => cache.delete(key));
  return created;
}

/** how long an accepted token is taken as checked at most, however long it is valid */
export const VERIFIED_TOKEN_MAX_MS = 10 * 60_000;
/** how many accepted tokens are remembered (the channel reuses one token for all its requests for up to an hour) */
const VERIFIED_TOKEN_LIMIT = 256;

/**
 * Tokens the channel's requests carried and the check accepted, with what the check concluded. The
 * channel sends the same token with every request for up to an hour, and the check (an RS256 signature,
 * issuer, audience, endorsements, the service URL claim) costs about five times a whole invoke turn.
 * An accepted result is reused for the same token, channel and service URL (everything the check
 * reads from the request) until the token's `exp`, at most VERIFIED_TOKEN_MAX_MS; a refused token is
 * never remembered, so it is checked again every time. A check in flight is shared.
 */
class VerifiedTokens {
  private readonly accepted = new Map<string, { until: number; result: Promise<AuthenticateRequestResult> }>();

  check(authHeader: string, activity: Activity, verify: () => Promise<AuthenticateRequestResult>): Promise<AuthenticateRequestResult> {
    // no token: the anonymous (local) adapter, nothing worth keeping
    if (!authHeader) return verify();
    const key = `${authHeader}\u0000${activity.channelId ?? ''}\u0000${activity.serviceUrl ?? ''}`;
    const now = Date.now();
    const hit = this.accepted.get(key);
    if (hit && now < hit.until) return hit.result;
    if (hit) this.accepted.delete(key);
    if (this.accepted.size >= VERIFIED_TOKEN_LIMIT) {
      for (const [k, v] of this.accepted) if (v.until <= now) this.accepted.delete(k);
      if (this.accepted.size >= VERIFIED_TOKEN_LIMIT) this.accepted.delete(this.accepted.keys().next().value!);
    }
    const entry = { until: now + VERIFIED_TOKEN_MAX_MS, result: verify() };
    this.accepted.set(key, entry);
    entry.result.then(
      (result) => {
        const exp = Number(result.claimsIdentity.getClaimValue('exp'));
        // a token without an expiry is not taken as checked beyond this request
        entry.until = Number.isFinite(exp) && exp > 0 ? Math.min(entry.until, exp * 1000) : 0;
      },
      () => {
        if (this.accepted.get(key) === entry) this.accepted.delete(key);
      },
    );
    return entry.result;
  }
}

/**
 * Connector and user-token clients are kept and reused per app id, service URL and audience (as
 * botbuilder's BotFrameworkAdapter does), not built for every turn: building them (credentials, HTTP
 * pipeline) costs CPU on every incoming activity, though an invoke answered in the HTTP response
 * never uses them. They hold no per-turn state; the credentials cache their token. An accepted token's
 * check is reused as VerifiedTokens says.
 */
class SingleAttemptAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** where requests outside a paced send take their rate slot (the app's pacer); none: they go unpaced */
  defaultSlot: DefaultRequestSlot | undefined;
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly turnConnectors = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();
  private readonly verified = new VerifiedTokens();

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        cachedBy(this.connectors, JSON.stringify([appId, serviceUrl, audience ?? null]), async () =>
          withBeforeRequestHook(withoutRetries(await inner.create(serviceUrl, audience)), this.defaultSlot),
        ),
    };
  }

  /** incoming turns: the connector botbuilder builds for replies in the turn (retries kept), reused the same way */
  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.verified.check(authHeader, activity, () => this.checkRequest(activity, authHeader));
  }

  private async checkRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const inner = result.connectorFactory;
    if (!inner) return result;
    const appId = appIdOf(result.claimsIdentity);
    return {
      ...result,
      connectorFactory: {
        create: (serviceUrl: string, audience?: string) =>
          cachedBy(this.turnConnectors, JSON.stringify([appId, serviceUrl, audience ?? null]), async () =>
            withBeforeRequestHook(await inner.create(serviceUrl, audience), this.defaultSlot),
          ),
      },
    };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return cachedBy(this.userTokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
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

/**
 * `pacer`: the app's gate to the connector (services/dispatch/app-pacer.ts). With it, every connector
 * request (replies in turns and channel posts too, not only reminder sends) takes its rate slot there.
 */
export function createBotAdapter(config: Config, overrides: BotAdapterOverrides = {}, pacer?: Pick<AppPacer, 'slot'>): TertialAdapter {
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
  const auth = new SingleAttemptAuthentication(options);
  if (pacer) auth.defaultSlot = (conversationKey) => pacer.slot(conversationKey);
  return new TertialAdapter(auth);
}
