/**
 * A local stand-in for the Bot Framework's OpenID metadata and signing keys (login.botframework.com),
 * and a signer of tokens with its key, so JWT validation runs without the network.
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const STUB_ISSUER = 'https://local-issuer.tertial.test';

export interface OpenIdStub {
  /** the OpenID metadata document's URL (for BotAdapterOverrides.openIdMetadataUrl) */
  url: string;
  issuer: string;
  /** an RS256 token signed with the stub's published key */
  sign(claims: Record<string, unknown>): string;
  /** an RS256 token signed with a key the stub does not publish (same kid) */
  forge(claims: Record<string, unknown>): string;
  close(): Promise<void>;
}

const b64url = (x: Buffer | string) => Buffer.from(x).toString('base64url');

function signWith(privateKey: import('node:crypto').KeyObject, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'key-1' }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${b64url(signer.sign(privateKey))}`;
}

export async function startOpenIdStub(): Promise<OpenIdStub> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: STUB_ISSUER, jwks_uri: `${base}/keys` }));
    else res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'key-1', ...publicKey.export({ format: 'jwk' }), endorsements: ['msteams'] }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    issuer: STUB_ISSUER,
    sign: (claims) => signWith(privateKey, claims),
    forge: (claims) => signWith(other.privateKey, claims),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
