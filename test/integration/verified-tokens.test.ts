/**
 * An accepted Bot Framework token is checked once and its result reused for the same token, channel and
 * service URL until the token expires; anything else is checked in full. Keys come from the local OpenID
 * stub; the adapter runs its real JWT validation.
 */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { createBotAdapter, VERIFIED_TOKEN_MAX_MS, type TertialAdapter } from '../../bot/bot-adapter';
import { loadConfig } from '../../services/config/config';
import { startOpenIdStub, type OpenIdStub } from '../support/openid-stub';
import { botClaims, nowSeconds, TEST_CREDENTIALS, TEST_SERVICE_URL, unknownVerbInvoke } from '../support/signed-invoke';

describe('a token once accepted', () => {
  let openId: OpenIdStub;
  let adapter: TertialAdapter;
  let checks: jest.SpyInstance;

  beforeAll(async () => {
    openId = await startOpenIdStub();
    const config = loadConfig({ PORT: '0', COSMOS_ENDPOINT: 'https://127.0.0.1:9', COSMOS_KEY: 'a2V5', ...TEST_CREDENTIALS });
    adapter = createBotAdapter(config, { openIdMetadataUrl: openId.url, tokenIssuer: openId.issuer });
  });
  beforeEach(() => {
    checks = jest.spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await openId?.close();
  });

  const activity = (extra: Partial<Activity> = {}) => ({ ...unknownVerbInvoke, ...extra }) as unknown as Activity;
  /** runs a turn with `authHeader`; true when the token was accepted and the turn ran */
  const turn = async (authHeader: string, act = activity()) => {
    let ran = false;
    await adapter.handle(authHeader, act, async () => {
      ran = true;
    });
    return ran;
  };
  let issued = 0;
  /** a token of its own (its jti), so no test meets another's remembered check */
  const bearer = (extra: Record<string, unknown> = {}) => `Bearer ${openId.sign(botClaims(openId.issuer, { jti: `t${++issued}`, ...extra }))}`;

  it('is checked once for its requests on the same channel and service URL', async () => {
    const token = bearer();
    for (let i = 0; i < 5; i++) expect(await turn(token)).toBe(true);
    expect(checks).toHaveBeenCalledTimes(1);
    // requests at the same moment share the check in flight
    const other = bearer();
    expect(await Promise.all([turn(other), turn(other), turn(other)])).toEqual([true, true, true]);
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('is checked in full, and refused, on another service URL or channel', async () => {
    const token = bearer();
    expect(await turn(token)).toBe(true);
    await expect(turn(token, activity({ serviceUrl: 'https://elsewhere.example/' }))).rejects.toThrow(/ServiceUrl claim/);
    expect(checks).toHaveBeenCalledTimes(2);
    await expect(turn(token, activity({ channelId: 'webchat' }))).rejects.toThrow(/endorse/i);
    expect(checks).toHaveBeenCalledTimes(3);
    // the accepted one still stands for its own service URL
    expect(await turn(token, activity({ serviceUrl: TEST_SERVICE_URL }))).toBe(true);
    expect(checks).toHaveBeenCalledTimes(3);
  });

  it('is never remembered when refused: a forged token is checked, and refused, every time', async () => {
    const forged = `Bearer ${openId.forge(botClaims(openId.issuer))}`;
    await expect(turn(forged)).rejects.toThrow();
    await expect(turn(forged)).rejects.toThrow();
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('is checked again once it expires, and at the latest after VERIFIED_TOKEN_MAX_MS', async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    const shortLived = bearer({ exp: nowSeconds() + 30 });
    expect(await turn(shortLived)).toBe(true);
    clock.mockReturnValue(now + 20_000);
    expect(await turn(shortLived)).toBe(true);
    expect(checks).toHaveBeenCalledTimes(1);
    // past its exp: the full check again (which, within its clock tolerance, still accepts it)
    clock.mockReturnValue(now + 31_000);
    await turn(shortLived).catch(() => false);
    expect(checks).toHaveBeenCalledTimes(2);

    const longLived = bearer({ exp: nowSeconds() + 3600 });
    clock.mockReturnValue(now);
    expect(await turn(longLived)).toBe(true);
    clock.mockReturnValue(now + VERIFIED_TOKEN_MAX_MS - 1000);
    expect(await turn(longLived)).toBe(true);
    expect(checks).toHaveBeenCalledTimes(3);
    clock.mockReturnValue(now + VERIFIED_TOKEN_MAX_MS + 1000);
    expect(await turn(longLived)).toBe(true);
    expect(checks).toHaveBeenCalledTimes(4);
  });
});
