/**
 * With MicrosoftAppId configured, /api/messages requires a valid Bot Framework JWT. The signing keys
 * come from a local OpenID metadata stub (no network); the token is signed locally.
 */
import { generateKeyPairSync, createSign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { configureLogger } from '../../services/logging/logger';

configureLogger({ level: 'silent' });

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://local-issuer.tertial.test';
const b64url = (x: Buffer | string) => Buffer.from(x).toString('base64url');

function sign(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${b64url(signer.sign(privateKey))}`;
}

describe('JWT validation with an app id', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let metadata: http.Server;
  let cosmos: EmbeddedCosmos;
  let app: RunningApp;
  let url: string;
  const serviceUrl = 'http://127.0.0.1:9/_connector';

  beforeAll(async () => {
    metadata = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
      else res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'key-1', ...publicKey.export({ format: 'jwk' }), endorsements: ['msteams'] }] }));
    });
    await new Promise<void>((r) => metadata.listen(0, '127.0.0.1', r));
    const openId = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openid`;
    // with app credentials the app needs a store of its own (COSMOS_ENDPOINT): a separate embedded server
    cosmos = await startEmbeddedCosmos(0);
    const config = {
      ...loadConfig({ PORT: '0', COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', REPORT_LINK_KEY: 'k'.repeat(32) }),
      host: '127.0.0.1',
    };
    app = await startApp(config, { botAuth: { openIdMetadataUrl: openId, tokenIssuer: ISSUER } });
    url = `${app.http.url}/api/messages`;
  });
  afterAll(async () => {
    await app?.close();
    await cosmos?.close();
    await new Promise<void>((r) => metadata.close(() => r()));
  });

  // an invoke the bot answers without calling back to the connector
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl,
    id: 'act-1',
    from: { id: '29:u', aadObjectId: 'aad-u', name: 'U' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'a:conv', conversationType: 'personal' },
    value: { action: { type: 'Action.Execute', verb: 'no.such.verb', data: {} } },
  };
  const post = (headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now() - 60, exp: now() + 600, ...extra });

  it('answers 401 without a token', async () => {
    expect((await post()).status).toBe(401);
  });

  it('answers 401 for a malformed token', async () => {
    expect((await post({ authorization: 'Bearer not-a-jwt' })).status).toBe(401);
  });

  it('answers 401 for a token signed with another key, for another audience, or expired', async () => {
    expect((await post({ authorization: `Bearer ${sign(other.privateKey, 'key-1', claims())}` })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${sign(privateKey, 'key-1', claims({ aud: 'someone-else' }))}` })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${sign(privateKey, 'key-1', claims({ exp: now() - 3600, nbf: now() - 7200 }))}` })).status).toBe(401);
  });

  it('accepts a valid token (the turn runs: unknown verb answered politely)', async () => {
    const res = await post({ authorization: `Bearer ${sign(privateKey, 'key-1', claims())}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });
});

describe('without an app id', () => {
  it('refuses to start on a non-loopback interface', async () => {
    const config = { ...loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', DEMO_DATA: 'false' }), host: '0.0.0.0' };
    await expect(startApp(config)).rejects.toThrow(/refusing to serve unauthenticated/);
  });

  it('binds to 127.0.0.1 and accepts the anonymous Playground', async () => {
    const config = loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', DEMO_DATA: 'false' });
    expect(config.host).toBe('127.0.0.1');
  });
});
