/**
 * A local stand-in for Entra ID's OpenID metadata and JWKS for the tab's SSO tokens (port 0), with a signing key of its own,
 * so tests can mint tokens the tab accepts, and tokens it must refuse (expired, wrong audience or
 * issuer, foreign key, `alg: none`). `down()` makes metadata and keys answer 503.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

export const STUB_TENANT = '11111111-2222-3333-4444-555555555555';
export const STUB_CLIENT_ID = '99999999-8888-7777-6666-555555555555';

export interface TokenOptions {
  oid: string;
  name?: string;
  audience?: string;
  issuer?: string;
  scope?: string | null;
  /** seconds from now; negative: already expired */
  expiresIn?: number;
  /** sign with a key the JWKS does not publish (under the published kid) */
  foreignKey?: boolean;
  extra?: JWTPayload;
}

export interface OpenIdStub {
  /** ENTRA_OPENID_CONFIG_URL */
  metadataUrl: string;
  issuer: string;
  token(options: TokenOptions): Promise<string>;
  /** an unsecured JWT (`alg: none`) with valid claims */
  unsignedToken(options: TokenOptions): string;
  /** metadata and keys answer 503 until up() */
  down(): void;
  up(): void;
  requests: number;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function startOpenIdStub(): Promise<OpenIdStub> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stub-key', alg: 'RS256', use: 'sig' };
  let failing = false;
  let base = '';
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (failing) return send(503, { error: 'temporarily_unavailable' });
    if (req.url === '/v2.0/.well-known/openid-configuration') {
      return send(200, { issuer: `${base}/{tenantid}/v2.0`, jwks_uri: `${base}/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.url === '/discovery/v2.0/keys') return send(200, { keys: [jwk] });
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/${STUB_TENANT}/v2.0`;

  const claims = (o: TokenOptions): JWTPayload => ({
    oid: o.oid,
    tid: STUB_TENANT,
    name: o.name ?? 'Test Person',
    ...(o.scope === null ? {} : { scp: o.scope ?? 'access_as_user' }),
    ...o.extra,
  });
  const times = (o: TokenOptions) => {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (o.expiresIn ?? 3600);
    return { iat: Math.min(now, exp - 60), exp };
  };

  return {
    metadataUrl: `${base}/v2.0/.well-known/openid-configuration`,
    issuer,
    get requests() {
      return state.requests;
    },
    set requests(n: number) {
      state.requests = n;
    },
    async token(o) {
      const { iat, exp } = times(o);
      const key: KeyLike = o.foreignKey ? foreign.privateKey : privateKey;
      return new SignJWT(claims(o))
        .setProtectedHeader({ alg: 'RS256', kid: 'stub-key', typ: 'JWT' })
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? STUB_CLIENT_ID)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(exp)
        .sign(key);
    },
    unsignedToken(o) {
      const { iat, exp } = times(o);
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(o), iss: o.issuer ?? issuer, aud: o.audience ?? STUB_CLIENT_ID, iat, nbf: iat, exp })}.`;
    },
    down: () => {
      failing = true;
    },
    up: () => {
      failing = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
