/**
 * With MicrosoftAppId configured, /api/messages requires a valid Bot Framework JWT. The signing keys
 * come from a local OpenID metadata stub (no network); the token is signed locally.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { configureLogger } from '../../services/logging/logger';
import { startOpenIdStub, type OpenIdStub } from '../support/openid-stub';
import { botClaims, nowSeconds, postInvoke, TEST_CREDENTIALS } from '../support/signed-invoke';

configureLogger({ level: 'silent' });

describe('JWT validation with an app id', () => {
  let openId: OpenIdStub;
  let cosmos: EmbeddedCosmos;
  let app: RunningApp;

  beforeAll(async () => {
    openId = await startOpenIdStub();
    // with app credentials the app needs a store of its own (COSMOS_ENDPOINT): a separate embedded server
    cosmos = await startEmbeddedCosmos(0);
    const config = { ...loadConfig({ PORT: '0', COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key, ...TEST_CREDENTIALS }), host: '127.0.0.1' };
    app = await startApp(config, { botAuth: { openIdMetadataUrl: openId.url, tokenIssuer: openId.issuer } });
  });
  afterAll(async () => {
    await app?.close();
    await cosmos?.close();
    await openId?.close();
  });

  const post = (headers: Record<string, string> = {}) => postInvoke(app.http.url, headers);
  const claims = (extra: Record<string, unknown> = {}) => botClaims(openId.issuer, extra);

  it('answers 401 without a token', async () => {
    expect((await post()).status).toBe(401);
  });

  it('answers 401 for a malformed token', async () => {
    expect((await post({ authorization: 'Bearer not-a-jwt' })).status).toBe(401);
  });

  it('answers 401 for a token signed with another key, for another audience, or expired', async () => {
    expect((await post({ authorization: `Bearer ${openId.forge(claims())}` })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${openId.sign(claims({ aud: 'someone-else' }))}` })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${openId.sign(claims({ exp: nowSeconds() - 3600, nbf: nowSeconds() - 7200 }))}` })).status).toBe(401);
  });

  it('accepts a valid token (the turn runs: unknown verb answered politely)', async () => {
    const res = await post({ authorization: `Bearer ${openId.sign(claims())}` });
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
