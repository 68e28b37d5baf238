/**
 * The bot stores conversation references from installationUpdate, conversationUpdate and messages,
 * per user and per team channel; an uninstall marks the user unreachable. Activities are posted to
 * /api/messages (anonymous, loopback); the bot's replies go to a local fake connector.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { configureLogger } from '../../services/logging/logger';

configureLogger({ level: 'silent' });

describe('conversation references from activities', () => {
  let app: RunningApp;
  let connector: http.Server;
  let serviceUrl: string;
  const replies: string[] = [];

  beforeAll(async () => {
    connector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        replies.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${replies.length}` }));
      });
    });
    await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
    serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    app = await startApp(loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', DEMO_DATA: 'true' }));
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((r) => connector.close(() => r()));
  });

  const post = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelId: 'msteams', serviceUrl, recipient: { id: '28:bot', name: 'Tertial' }, id: `in-${Math.random()}`, ...activity }),
    });
    expect(res.status).toBeLessThan(300);
  };
  const personal = (aad: string) => ({
    from: { id: `29:${aad}`, aadObjectId: aad, name: 'Enhetschef Fritid' },
    conversation: { id: `a:personal-${aad}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
  });

  it('a message stores the user’s reference; an uninstall marks them unreachable; a new install makes them reachable', async () => {
    const aad = '00000000-0000-0000-0000-000000000001';
    await post({ type: 'message', text: 'hjälp', ...personal(aad) });
    expect(await app.conversations.getUser(aad)).toMatchObject({ conversationId: `a:personal-${aad}`, serviceUrl, tenantId: 'tenant-1', state: 'installed' });
    expect(replies.some((r) => r.includes('Det här kan du skriva:'))).toBe(true);

    await post({ type: 'installationUpdate', action: 'remove', ...personal(aad) });
    const after = await app.conversations.getUser(aad);
    expect(after?.state).toBe('unreachable');
    expect(after?.unreachable?.reason).toMatch(/avinstallerad/);
    expect((await app.conversations.unreachableUsers()).map((u) => u.aadObjectId)).toEqual([aad]);

    await post({ type: 'installationUpdate', action: 'add', ...personal(aad) });
    expect((await app.conversations.getUser(aad))?.state).toBe('installed');
  });

  it('conversationUpdate (members added) in a personal chat stores the reference and sends the open items', async () => {
    const aad = '00000000-0000-0000-0000-000000000002';
    const before = replies.length;
    await post({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }], ...personal(aad) });
    expect((await app.conversations.getUser(aad))?.conversationId).toBe(`a:personal-${aad}`);
    const sent = replies.slice(before).join('\n');
    expect(sent).toContain('Hej HR-chef');
    expect(sent).toContain('application/vnd.microsoft.card.adaptive');
  });

  it('the app added to a team stores the channel reference per team channel; removal marks it', async () => {
    const channelData = { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2', name: 'Ledningsgrupp' }, channel: { id: '19:general@thread.tacv2', name: 'Allmänt' } };
    await post({
      type: 'installationUpdate',
      action: 'add',
      from: { id: '29:admin', aadObjectId: 'aad-admin' },
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      channelData,
    });
    const channel = await app.conversations.getChannel('19:general@thread.tacv2');
    expect(channel).toMatchObject({ teamId: '19:team@thread.tacv2', teamName: 'Ledningsgrupp', state: 'installed', serviceUrl });
    await post({
      type: 'installationUpdate',
      action: 'remove',
      from: { id: '29:admin', aadObjectId: 'aad-admin' },
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      channelData,
    });
    expect((await app.conversations.getChannel('19:general@thread.tacv2'))?.state).toBe('removed');
  });
});
