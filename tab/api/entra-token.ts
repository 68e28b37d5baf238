/**
 * Verifies the Entra ID access token the tab gets from Teams SSO (`authentication.getAuthToken`):
 * signature against the tenant's JWKS (from its OpenID metadata), issuer, audience (the app's client
 * id or its Application ID URI), expiry and the delegated scope `access_as_user`. The user is the
 * token's `oid`.
 *
 * A token that fails any check is a 401. Metadata or keys that cannot be fetched are the identity
 * provider's problem, not the caller's: 503 with Retry-After, so the tab retries instead of signing out.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export const REQUIRED_SCOPE = 'access_as_user';
/** asymmetric algorithms Entra signs with; `none` and HMAC are never accepted */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
/** how long fetched metadata is trusted before it is read again */
const METADATA_TTL_MS = 60 * 60_000;
/** seconds a client waits before retrying when the identity provider is unreachable */
export const RETRY_AFTER_SECONDS = 30;

export interface EntraSettings {
  /** the app registration's client id (webApplicationInfo.id in the manifest) */
  clientId: string;
  tenantId: string;
  /** the Application ID URI's host (api://<domain>/<client id>), when the tab has one */
  domain?: string;
  /** OpenID metadata URL; default: the tenant's v2.0 metadata at login.microsoftonline.com */
  openIdConfigUrl?: string;
  /** allowed clock skew, seconds */
  clockToleranceSeconds?: number;
}

export interface TokenUser {
  /** Entra object id (`oid`) */
  aadObjectId: string;
  name: string;
  tenantId: string | null;
}

/** A refused request: status 401 (the token) or 503 (the identity provider), with a Swedish reason. */
export class TokenError extends Error {
  constructor(
    readonly status: 401 | 503,
    message: string,
    /** why, for the log (never shown to the caller) */
    readonly detail: string = message,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/;

export function defaultOpenIdConfigUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/v2.0/.well-known/openid-configuration`;
}

/** https anywhere; plain http only on loopback (a local stub). Returns a Swedish problem or null. */
export function checkMetadataUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" är ingen URL`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname)) return null;
  return `"${url}" måste vara https (http bara mot loopback, t.ex. en lokal testserver)`;
}

interface Metadata {
  issuers: string[];
  keys: ReturnType<typeof createRemoteJWKSet>;
  fetchedAt: number;
}

export class EntraTokenVerifier {
  private readonly metadataUrl: string;
  private readonly audiences: string[];
  private metadata: Promise<Metadata> | null = null;

  constructor(
    private readonly settings: EntraSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.metadataUrl = settings.openIdConfigUrl ?? defaultOpenIdConfigUrl(settings.tenantId);
    const problem = checkMetadataUrl(this.metadataUrl);
    if (problem) throw new Error(`ENTRA_OPENID_CONFIG_URL: ${problem}`);
    this.audiences = [settings.clientId, `api://${settings.clientId}`];
    if (settings.domain) this.audiences.push(`api://${settings.domain}/${settings.clientId}`);
  }

  /** the user of a valid token; throws TokenError (401 or 503) otherwise */
  async verify(authorization: string | undefined): Promise<TokenUser> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new TokenError(401, 'Inloggning krävs: ingen giltig token (Authorization: Bearer) skickades.', 'no bearer token');
    const metadata = await this.loadMetadata();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, metadata.keys, {
        issuer: metadata.issuers,
        audience: this.audiences,
        algorithms: ALGORITHMS,
        currentDate: this.now(),
        clockTolerance: this.settings.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'oid'],
      }));
    } catch (e) {
      throw classify(e);
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(REQUIRED_SCOPE)) {
      throw new TokenError(401, `Token saknar behörigheten ${REQUIRED_SCOPE}.`, `scope "${String(payload.scp ?? '')}" lacks ${REQUIRED_SCOPE}`);
    }
    const tid = typeof payload.tid === 'string' ? payload.tid : null;
    if (tid && tid !== this.settings.tenantId) throw new TokenError(401, 'Token kommer från en annan organisation (tenant).', `tid ${tid}`);
    const oid = payload.oid;
    if (typeof oid !== 'string' || oid.length === 0) throw new TokenError(401, 'Token saknar användarens objekt-id (oid).', 'no oid');
    const name = typeof payload.name === 'string' ? payload.name : typeof payload.preferred_username === 'string' ? payload.preferred_username : oid;
    return { aadObjectId: oid.toLowerCase(), name, tenantId: tid };
  }

  private async loadMetadata(): Promise<Metadata> {
    const cached = this.metadata;
    if (cached) {
      const m = await cached.catch(() => null);
      if (m && this.now().getTime() - m.fetchedAt < METADATA_TTL_MS) return m;
      if (this.metadata === cached) this.metadata = null;
    }
    if (!this.metadata) {
      const loading = this.fetchMetadata();
      this.metadata = loading;
      // a failed fetch is not cached: the next request tries again
      loading.catch(() => {
        if (this.metadata === loading) this.metadata = null;
      });
    }
    return this.metadata;
  }

  private async fetchMetadata(): Promise<Metadata> {
    let doc: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await fetch(this.metadataUrl, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      doc = (await res.json()) as typeof doc;
    } catch (e) {
      throw unavailable(`OpenID metadata ${this.metadataUrl}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof doc.issuer !== 'string' || typeof doc.jwks_uri !== 'string') throw unavailable(`OpenID metadata ${this.metadataUrl} lacks issuer or jwks_uri`);
    const problem = checkMetadataUrl(doc.jwks_uri);
    if (problem) throw unavailable(`jwks_uri: ${problem}`);
    const issuer = doc.issuer.replace('{tenantid}', this.settings.tenantId);
    // v1.0 tokens (accessTokenAcceptedVersion null or 1) carry the sts.windows.net issuer
    const issuers = [issuer];
    if (!this.settings.openIdConfigUrl) issuers.push(`https://sts.windows.net/${this.settings.tenantId}/`);
    return { issuers, keys: createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: 5_000 }), fetchedAt: this.now().getTime() };
  }
}

function unavailable(detail: string): TokenError {
  return new TokenError(503, 'Inloggningstjänsten (Entra ID) svarar inte just nu; försök igen om en stund.', detail);
}

/** a jose failure → 401 for anything about the token, 503 when the keys could not be fetched */
function classify(e: unknown): TokenError {
  if (e instanceof errors.JWTExpired) return new TokenError(401, 'Token har gått ut; logga in igen.', e.message);
  if (e instanceof errors.JWTClaimValidationFailed) return new TokenError(401, `Token gäller inte för Tertial (${claimName(e.claim)}).`, `${e.claim}: ${e.message}`);
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid) return unavailable(`JWKS: ${e.message}`);
  // jose's own failure to fetch the key set (a non-200 answer) is generic, not about the token
  if (e instanceof errors.JOSEError && e.code === 'ERR_JOSE_GENERIC') return unavailable(`JWKS: ${e.message}`);
  if (e instanceof errors.JOSEError) return new TokenError(401, 'Ogiltig token.', `${e.code}: ${e.message}`);
  // not a verdict on the token: the JWKS could not be read (network, HTTP error)
  return unavailable(`JWKS: ${e instanceof Error ? e.message : String(e)}`);
}

function claimName(claim: string): string {
  switch (claim) {
    case 'aud':
      return 'fel mottagare (audience)';
    case 'iss':
      return 'fel utfärdare (issuer)';
    case 'nbf':
      return 'inte giltig än';
    default:
      return `anspråket ${claim}`;
  }
}
