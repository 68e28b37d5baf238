import { ConversationService } from '../../services/conversations/conversation-service';
import { FakeClock } from '../../services/ports/clock';
import { startTestStore, type TestStore } from '../support/embedded-store';

const sighting = (aadObjectId: string, conversationId = `a:${aadObjectId}`) => ({
  aadObjectId,
  name: 'Enhetschef',
  tenantId: 't',
  conversationId,
  serviceUrl: 'https://smba.example/teams/',
  reference: { conversation: { id: conversationId } },
});

describe('conversation references (embedded Cosmos)', () => {
  let t: TestStore;
  const clock = new FakeClock('2026-11-23T09:00:00Z');
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(async () => t.close());

  it('stores a user reference, survives a new service (another instance), and updates on change', async () => {
    await new ConversationService(t.store.conversations, clock).recordUser(sighting('u1'));
    const other = new ConversationService((await t.openAnother()).conversations, clock);
    expect(await other.getUser('u1')).toMatchObject({ aadObjectId: 'u1', conversationId: 'a:u1', state: 'installed', unreachable: null });
    await other.recordUser(sighting('u1', 'a:u1-new'));
    expect((await t.store.conversations.getUser('u1'))?.conversationId).toBe('a:u1-new');
  });

  it('an uninstall marks the user unreachable with the reason; talking again makes them reachable', async () => {
    const s = new ConversationService(t.store.conversations, clock);
    await s.recordUser(sighting('u2'));
    await s.markUserUnreachable('u2', 'appen avinstallerad');
    expect((await s.unreachableUsers()).map((u) => [u.aadObjectId, u.unreachable?.reason])).toEqual([['u2', 'appen avinstallerad']]);
    await s.recordUser(sighting('u2'));
    expect(await s.unreachableUsers()).toEqual([]);
  });

  it('a user marked unreachable by another instance is reachable again when they talk to this one', async () => {
    const a = new ConversationService(t.store.conversations, clock);
    const b = new ConversationService((await t.openAnother()).conversations, clock);
    await a.recordUser(sighting('u3'));
    await b.markUserUnreachable('u3', 'blockerad');
    expect((await a.getUser('u3'))?.state).toBe('unreachable');
    await a.recordUser(sighting('u3'));
    expect((await a.getUser('u3'))?.state).toBe('installed');
  });

  it('stores channels and marks a removed team’s channels', async () => {
    const s = new ConversationService(t.store.conversations, clock);
    await s.recordChannel({ key: '19:a@thread', teamId: 'team', teamName: 'Ledningsgrupp', channelName: null, tenantId: 't', serviceUrl: 'x', reference: {} });
    await s.markTeamRemoved('team');
    expect((await s.getChannel('19:a@thread'))?.state).toBe('removed');
  });
});
