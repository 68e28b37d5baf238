import type { TurnContext } from 'botbuilder';
import { createBotAdapter } from '../../bot/bot-adapter';
import { conversationKeyOf } from '../../bot/request-hook';
import { loadConfig } from '../../services/config/config';

const activity = (serviceUrl: string) =>
  ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl,
    id: 'a1',
    from: { id: '29:u', aadObjectId: 'u' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:c', conversationType: 'personal' },
  }) as never;

describe('bot adapter: connector clients are reused across turns', () => {
  it('gives turns at one service URL the same connector and user-token client, another service URL its own', async () => {
    const adapter = createBotAdapter(loadConfig({ PORT: '0' }));
    const seen: { connector: unknown; userToken: unknown }[] = [];
    const capture = async (context: TurnContext) => {
      seen.push({ connector: context.turnState.get(adapter.ConnectorClientKey), userToken: context.turnState.get(adapter.UserTokenClientKey) });
    };
    await adapter.handle('', activity('http://127.0.0.1:9/a'), capture);
    await adapter.handle('', activity('http://127.0.0.1:9/a'), capture);
    await adapter.handle('', activity('http://127.0.0.1:9/b'), capture);
    expect(seen).toHaveLength(3);
    expect(seen[0]!.connector).toBeDefined();
    expect(seen[1]!.connector).toBe(seen[0]!.connector);
    expect(seen[2]!.connector).not.toBe(seen[0]!.connector);
    expect(seen[1]!.userToken).toBe(seen[0]!.userToken);
  });
});

describe('the limiter key of a connector request', () => {
  it('is its conversation, decoded; a request for no conversation gets a key of its own', () => {
    expect(conversationKeyOf('https://smba.trafficmanager.net/teams/v3/conversations/a%3Aconv-1/activities/x')).toBe('a:conv-1');
    expect(conversationKeyOf('http://127.0.0.1:1/v3/conversations/19%3Achan%40thread.tacv2%3Bmessageid%3D1/activities')).toBe('19:chan@thread.tacv2;messageid=1');
    const a = conversationKeyOf('https://smba.trafficmanager.net/teams/v3/conversations');
    const b = conversationKeyOf('https://smba.trafficmanager.net/teams/v3/conversations');
    expect(a).not.toBe(b);
  });
});
