/** Proactive install through Microsoft Graph, against a local Graph stand-in. */
import { GraphAppInstaller } from '../../services/graph/graph-app-installer';
import { startGraphStub, type GraphStub } from '../support/graph-stub';

const CATALOG_ID = 'e2b9a6f0-6c3d-4e0a-9a51-1f2d3c4b5a69';

describe('GraphAppInstaller', () => {
  let stub: GraphStub;
  let installer: GraphAppInstaller;
  const scopes: string[] = [];
  beforeAll(async () => {
    stub = await startGraphStub(CATALOG_ID);
    const credential = { getToken: async (scope: string | string[]) => (scopes.push(String(scope)), { token: 'stub-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
    installer = new GraphAppInstaller({ credential, catalogAppId: CATALOG_ID, baseUrl: stub.baseUrl });
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.requests.length = 0;
  });

  it('installs the app for a user without it and reads the chat, with an app token for Graph', async () => {
    stub.users.set('aad-new', 'new');
    expect(await installer.installForUser('aad-new')).toEqual({ outcome: 'installed', chatId: stub.chatIdOf('aad-new') });
    expect(stub.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'GET']);
    expect(stub.requests[0].body).toEqual({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` });
    expect(stub.requests.every((r) => r.authorization === 'Bearer stub-token')).toBe(true);
    expect(scopes).toContain('https://graph.microsoft.com/.default');
    expect(stub.users.get('aad-new')).toBe('installed');
  });

  it('an app that is already installed (409) still gives the chat', async () => {
    stub.users.set('aad-has', 'installed');
    expect(await installer.installForUser('aad-has')).toEqual({ outcome: 'already-installed', chatId: stub.chatIdOf('aad-has') });
  });

  it('403: blocked by the organisation policy, nothing more is asked', async () => {
    stub.users.set('aad-blocked', 'blocked');
    const result = await installer.installForUser('aad-blocked');
    expect(result).toMatchObject({ outcome: 'blocked', status: 403 });
    expect(result.outcome === 'blocked' && result.reason).toContain('app permission policy');
    expect(stub.requests).toHaveLength(1);
  });

  it('403 for a token without the permission or its admin consent: not permitted, not "blocked by policy"', async () => {
    stub.users.set('aad-unconsented', 'no-consent');
    const result = await installer.installForUser('aad-unconsented');
    expect(result).toMatchObject({ outcome: 'not-permitted', status: 403 });
    expect(result.outcome === 'not-permitted' && result.reason).toContain('Missing role permissions');
    expect(stub.requests).toHaveLength(1);
  });

  it("404: the user is gone from the tenant, checked by the user's installed apps answering 404 too", async () => {
    const result = await installer.installForUser('aad-left');
    expect(result).toMatchObject({ outcome: 'user-gone', status: 404 });
    expect(stub.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1.0/users/aad-left/teamwork/installedApps',
      'GET /v1.0/users/aad-left/teamwork/installedApps?$top=1',
    ]);
  });

  it('404 with a wrong catalogue id while the user exists: misconfigured, the user not flagged as gone', async () => {
    stub.users.set('aad-present', 'new');
    const wrong = new GraphAppInstaller({
      credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) },
      catalogAppId: '00000000-dead-beef-0000-000000000000',
      baseUrl: stub.baseUrl,
    });
    const result = await wrong.installForUser('aad-present');
    expect(result).toMatchObject({ outcome: 'misconfigured', status: 404 });
    expect(result.outcome === 'misconfigured' && result.reason).toContain('TEAMS_CATALOG_APP_ID');
    expect(stub.users.get('aad-present')).toBe('new');
  });

  it('429: retry after the time Graph asks for', async () => {
    stub.users.set('aad-slow', 'throttled');
    expect(await installer.installForUser('aad-slow')).toMatchObject({ outcome: 'retry', status: 429, retryAfterMs: 7000 });
  });

  it('an unreachable Graph is a retry, not an answer', async () => {
    const down = new GraphAppInstaller({
      credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) },
      catalogAppId: CATALOG_ID,
      baseUrl: 'http://127.0.0.1:9/v1.0',
    });
    expect(await down.installForUser('aad-new')).toMatchObject({ outcome: 'retry', status: null });
  });
});
