/**
 * Owners without the app: "not installed" is unreachable with a reason an admin can act on, and with
 * proactive install on, the app is installed through Graph (a local stand-in) and the reminder sent.
 */
import { InstallingMessenger } from '../../services/conversations/installing-messenger';
import { GraphAppInstaller } from '../../services/graph/graph-app-installer';
import { NOT_INSTALLED_REASON, type Messenger, type OutgoingCard, type SendResult } from '../../services/ports/messenger';
import { explainReachProblem } from '../../services/rounds/reach-problems';
import { startGraphStub, type GraphStub } from '../support/graph-stub';

const CATALOG_ID = 'e2b9a6f0-6c3d-4e0a-9a51-1f2d3c4b5a69';
const card: OutgoingCard = { card: { type: 'AdaptiveCard', version: '1.5', body: [] }, summary: 'Påminnelse' };

/** Teams as the Bot Connector sees it: a person is reachable once the app is installed for them (in the Graph stub) */
class ConnectorByInstallState implements Messenger {
  readonly sends: string[] = [];
  constructor(
    private readonly stub: GraphStub,
    private readonly lagging = new Set<string>(),
  ) {}
  async sendToUser(aadObjectId: string): Promise<SendResult> {
    this.sends.push(aadObjectId);
    if (this.stub.users.get(aadObjectId) === 'installed' && !this.lagging.has(aadObjectId)) {
      return { outcome: 'sent', activityId: `act-${this.sends.length}`, conversationId: this.stub.chatIdOf(aadObjectId) };
    }
    return { outcome: 'unreachable', status: 403, reason: `${NOT_INSTALLED_REASON}: HTTP 403 Forbidden`, notInstalled: true };
  }
  async postToChannel(): Promise<SendResult> {
    throw new Error('not used');
  }
  async updateInChannel(): Promise<SendResult> {
    throw new Error('not used');
  }
}

/** the reason as the send loop stores it in the outbox, explained for the admin */
const explain = (r: SendResult) => (r.outcome === 'unreachable' ? explainReachProblem('unreachable', `${r.status}: ${r.reason}`) : null);

describe('owners without the app', () => {
  let stub: GraphStub;
  let installer: GraphAppInstaller;
  beforeAll(async () => {
    stub = await startGraphStub(CATALOG_ID);
    installer = new GraphAppInstaller({ credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3600_000 }) }, catalogAppId: CATALOG_ID, baseUrl: stub.baseUrl });
  });
  afterAll(() => stub.close());

  it('without proactive install: unreachable, and the admin is told to use an app setup policy', async () => {
    stub.users.set('aad-plain', 'new');
    const result = await new ConnectorByInstallState(stub).sendToUser('aad-plain');
    expect(result).toMatchObject({ outcome: 'unreachable', notInstalled: true });
    expect(explain(result)).toEqual({ reason: 'har inte Tertial installerat', nextStep: expect.stringContaining('Konfigurationsprinciper') });
    expect(stub.users.get('aad-plain')).toBe('new');
  });

  it('installs the app for a person without it, then sends', async () => {
    stub.users.set('aad-new', 'new');
    const connector = new ConnectorByInstallState(stub);
    const result = await new InstallingMessenger(connector, installer).sendToUser('aad-new', card);
    expect(result).toMatchObject({ outcome: 'sent', conversationId: stub.chatIdOf('aad-new') });
    expect(connector.sends).toEqual(['aad-new', 'aad-new']);
    expect(stub.requests.some((r) => r.method === 'POST' && r.url.includes('/users/aad-new/'))).toBe(true);
  });

  it('already installed (409) but not reached yet: a retry for later, not a failure', async () => {
    stub.users.set('aad-lag', 'installed');
    const connector = new ConnectorByInstallState(stub, new Set(['aad-lag']));
    const result = await new InstallingMessenger(connector, installer).sendToUser('aad-lag', card);
    expect(result).toMatchObject({ outcome: 'retry', retryAfterMs: 15_000 });
  });

  it('blocked by the organisation policy (403): unreachable, with what the admin must allow', async () => {
    stub.users.set('aad-blocked', 'blocked');
    const connector = new ConnectorByInstallState(stub);
    const result = await new InstallingMessenger(connector, installer).sendToUser('aad-blocked', card);
    expect(result).toMatchObject({ outcome: 'unreachable', status: 403, notInstalled: true });
    expect(explain(result)).toEqual({ reason: 'har inte Tertial, och organisationens policy stoppar installationen', nextStep: expect.stringContaining('behörighetsprincipen') });
    expect(connector.sends).toEqual(['aad-blocked']);
  });

  it('Graph permission without admin consent (403): unreachable, and the admin is told to grant consent, not to change a policy', async () => {
    stub.users.set('aad-unconsented', 'no-consent');
    const result = await new InstallingMessenger(new ConnectorByInstallState(stub), installer).sendToUser('aad-unconsented', card);
    expect(result).toMatchObject({ outcome: 'unreachable', status: 403, notInstalled: true });
    const problem = explain(result)!;
    expect(problem.reason).toBe('har inte Tertial, och proaktiv installation saknar administratörsmedgivande i Microsoft Graph');
    expect(problem.nextStep).toContain('TeamsAppInstallation.ReadWriteSelfForUser.All');
    expect(problem.nextStep).toContain('administratörsmedgivande');
    expect(problem.nextStep).not.toContain('behörighetsprincipen');
  });

  it('a wrong catalogue id (404 while the person exists): not flagged as having left, the admin is told to fix TEAMS_CATALOG_APP_ID', async () => {
    stub.users.set('aad-present', 'new');
    const wrong = new GraphAppInstaller({ credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3600_000 }) }, catalogAppId: 'not-in-catalogue', baseUrl: stub.baseUrl });
    const result = await new InstallingMessenger(new ConnectorByInstallState(stub), wrong).sendToUser('aad-present', card);
    expect(result).toMatchObject({ outcome: 'unreachable', notInstalled: true });
    const problem = explain(result)!;
    expect(problem.reason).toBe('har inte Tertial, och proaktiv installation hittar inte Tertial i appkatalogen');
    expect(problem.nextStep).toContain('TEAMS_CATALOG_APP_ID');
    expect(problem.reason).not.toContain('lämnat');
  });

  it('a person gone from the tenant (404) is flagged as having left', async () => {
    const connector = new ConnectorByInstallState(stub);
    const result = await new InstallingMessenger(connector, installer).sendToUser('aad-left', card);
    expect(result).toMatchObject({ outcome: 'unreachable', status: 404 });
    expect(explain(result)).toEqual({ reason: 'har lämnat organisationen (kontot finns inte längre)', nextStep: expect.stringContaining('tertial owners remove') });
  });

  it('a person who has the app is sent to without asking Graph', async () => {
    stub.users.set('aad-has', 'installed');
    stub.requests.length = 0;
    const result = await new InstallingMessenger(new ConnectorByInstallState(stub), installer).sendToUser('aad-has', card);
    expect(result.outcome).toBe('sent');
    expect(stub.requests).toEqual([]);
  });
});
