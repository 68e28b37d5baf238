/**
 * The AppInstaller port over Microsoft Graph v1.0 (fetch + an @azure/identity credential):
 *
 *   POST /users/{id}/teamwork/installedApps   { "teamsApp@odata.bind": …/appCatalogs/teamsApps/{catalogId} }
 *        201 installed, 409 already installed, 403 blocked by the app permission policy or (by Graph's
 *        message) a missing permission or consent, 404 user gone or no such app (told apart below)
 *   GET  /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '{catalogId}'
 *   GET  /users/{id}/teamwork/installedApps/{installationId}/chat   → the 1:1 chat's id
 *
 * Needs the application permission TeamsAppInstallation.ReadWriteSelfForUser.All with admin consent.
 */
import type { TokenCredential } from '@azure/identity';
import type { AppInstaller, InstallResult } from '../ports/app-installer';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const RETRYABLE = new Set([429, 500, 502, 503, 504]);
/** a Graph call that takes longer than this counts as a network failure (retry) */
const REQUEST_TIMEOUT_MS = 10_000;

export interface GraphAppInstallerOptions {
  credential: TokenCredential;
  /** the Tertial app's id in the organisation's app catalogue (not the manifest id) */
  catalogAppId: string;
  /** Graph's base URL (tests: a local stub) */
  baseUrl?: string;
  fetch?: typeof fetch;
}

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

export class GraphAppInstaller implements AppInstaller {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GraphAppInstallerOptions) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const token = await this.options.credential.getToken(GRAPH_SCOPE);
    if (!token) throw new GraphError(401, 'NoToken', 'ingen token för Microsoft Graph', null);
    const res = await this.fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.status >= 400) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new GraphError(res.status, error?.code ?? `HTTP ${res.status}`, error?.message ?? text.slice(0, 200), retryAfter(res.headers.get('retry-after')));
    }
    return { status: res.status, json };
  }

  async installForUser(aadObjectId: string): Promise<InstallResult> {
    const user = `/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`;
    const catalogId = this.options.catalogAppId;
    let outcome: 'installed' | 'already-installed' = 'installed';
    try {
      try {
        await this.call('POST', user, { 'teamsApp@odata.bind': `${GRAPH_BASE_URL}/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}` });
      } catch (e) {
        if (e instanceof GraphError && e.status === 404) return await this.userOrApp(user, e);
        if (!(e instanceof GraphError) || e.status !== 409) return classify(e, 'install');
        outcome = 'already-installed';
      }
      const filter = encodeURIComponent(`teamsApp/id eq '${catalogId.replace(/'/g, "''")}'`);
      const { json } = await this.call('GET', `${user}?$expand=teamsApp&$filter=${filter}`);
      const installation = ((json as { value?: { id?: string }[] } | null)?.value ?? [])[0];
      if (!installation?.id) {
        return { outcome: 'retry', status: null, reason: 'appen är installerad men installationen syns inte än i Graph', retryAfterMs: 5_000 };
      }
      const chat = await this.call('GET', `${user}/${encodeURIComponent(installation.id)}/chat`);
      const chatId = (chat.json as { id?: string } | null)?.id;
      if (!chatId) return { outcome: 'failed', status: chat.status, reason: 'Graph gav ingen chatt för installationen' };
      return { outcome, chatId };
    } catch (e) {
      return classify(e, 'read-chat');
    }
  }

  /**
   * The install answered 404: either the user does not exist or the catalogue id names no app. The
   * user's installed-apps list (readable with the same permission) answers 404 only for a missing user.
   */
  private async userOrApp(user: string, installError: GraphError): Promise<InstallResult> {
    try {
      await this.call('GET', `${user}?$top=1`);
    } catch (e) {
      if (e instanceof GraphError && e.status === 404) return classify(installError, 'install');
      return classify(e, 'read-chat');
    }
    return {
      outcome: 'misconfigured',
      status: 404,
      reason: `HTTP 404 ${installError.code}: ${installError.message}; användaren finns, så appen med id ${this.options.catalogAppId} (TEAMS_CATALOG_APP_ID) finns inte i organisationens appkatalog`,
    };
  }
}

/** Graph's 403 when the app's token lacks the permission (no permission added, or no admin consent) */
const MISSING_PERMISSION = /Missing (role|scope) permissions|Authorization_RequestDenied|Insufficient privileges|consent/i;
/** Graph's 403 when the catalogue app is not the caller's own (TeamsAppInstallation.ReadWriteSelfForUser installs only the app whose webApplicationInfo.id is the caller) */
const NOT_OWN_APP = /not allowed to manage the Teams App/i;

/** a 404 means the user is gone only when installing for them; reading the chat right after may lag */
function classify(e: unknown, step: 'install' | 'read-chat'): Exclude<InstallResult, { chatId: string }> {
  if (!(e instanceof GraphError)) {
    return { outcome: 'retry', status: null, reason: `nätverk: ${e instanceof Error ? e.message : String(e)}`, retryAfterMs: null };
  }
  const reason = `HTTP ${e.status} ${e.code}: ${e.message}`;
  if (e.status === 403 && MISSING_PERMISSION.test(`${e.code} ${e.message}`)) return { outcome: 'not-permitted', status: 403, reason };
  if (e.status === 403 && NOT_OWN_APP.test(e.message)) return { outcome: 'misconfigured', status: 403, reason };
  if (e.status === 403) return { outcome: 'blocked', status: 403, reason };
  if (e.status === 404 && step === 'install') return { outcome: 'user-gone', status: 404, reason };
  if (e.status === 404) return { outcome: 'retry', status: 404, reason, retryAfterMs: 5_000 };
  if (RETRYABLE.has(e.status)) return { outcome: 'retry', status: e.status, reason, retryAfterMs: e.retryAfterMs };
  return { outcome: 'failed', status: e.status, reason };
}
