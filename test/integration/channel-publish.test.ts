/**
 * The ledningsgrupp channel end to end through the real bot: an admin writes "@Tertial ledningsgrupp"
 * in a channel, then "@Tertial publicera 2025 T3"; the summary card and the threaded goal cards reach
 * the (local) connector; publishing again updates them and the number of posts is unchanged. A
 * ledningsgrupp member decides in a card (Action.Execute): the card is answered in place and the
 * channel's card is updated. Someone else cannot publish.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { ManualScheduler } from '../../services/ports/scheduler';
import { startChannelConnector, type ChannelConnector } from '../support/channel-connector';

const CHANNEL = '19:ledningsgrupp@thread.tacv2';
const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Controller' };
const MEMBER = { id: '29:lg', aadObjectId: 'aad-lg', name: 'Avdelningschef' };
const OTHER = { id: '29:other', aadObjectId: 'aad-other', name: 'Enhetschef' };

describe('ledningsgrupp channel through the bot endpoint', () => {
  let app: RunningApp;
  let connector: ChannelConnector;
  let n = 0;
  const scheduler = new ManualScheduler();

  const activity = (from: typeof ADMIN, extra: Record<string, unknown>) => {
    const id = `in-${++n}`;
    return {
      id,
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from,
      recipient: { id: '28:tertial', name: 'Tertial' },
      conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      channelData: { team: { id: '19:team@thread.tacv2', name: 'Förvaltningen' }, channel: { id: CHANNEL, name: 'Ledningsgrupp' }, tenant: { id: 'tenant-1' } },
      timestamp: new Date().toISOString(),
      ...extra,
    };
  };
  const say = async (from: typeof ADMIN, text: string) => {
    const res = await fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(from, { type: 'message', text: `<at>Tertial</at> ${text}` })),
    });
    expect(res.status).toBeLessThan(300);
  };
  const replies = () => connector.activities.filter((a) => typeof a.body.text === 'string').map((a) => a.body.text as string);

  beforeAll(async () => {
    connector = await startChannelConnector();
    const config = loadConfig({
      PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent',
      TERTIAL_ADMINS: ADMIN.aadObjectId, TERTIAL_LEDNINGSGRUPP: MEMBER.aadObjectId,
    });
    app = await startApp(config, { dispatch: true, scheduler });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('refuses to link or publish for someone who is not an admin', async () => {
    await say(OTHER, 'ledningsgrupp');
    await say(OTHER, 'publicera 2025 T3');
    expect(connector.cardPosts()).toHaveLength(0);
    expect(await app.store.publications.getLink()).toBeNull();
  });

  it('links the channel, publishes the summary and threaded goal cards, and updates them on a second publish', async () => {
    await say(ADMIN, 'ledningsgrupp');
    expect(await app.store.publications.getLink()).toMatchObject({ channelKey: CHANNEL, name: 'Ledningsgrupp' });
    expect(replies().some((t) => t.includes('ledningsgruppens kanal'))).toBe(true);

    await say(ADMIN, 'publicera 2025 T3');
    const posts = connector.cardPosts();
    expect(posts).toHaveLength(8);
    const [summary, ...goals] = posts;
    expect(JSON.stringify(summary!.body)).toContain('Målavstämning, tertial 3 2025');
    expect(summary!.replyTo).toBeNull();
    for (const g of goals) expect(g.replyTo).toBe(summary!.id);

    await say(ADMIN, 'publicera 2025 T3');
    expect(connector.cardPosts()).toHaveLength(8);
    expect(connector.cardPosts().every((p) => p.updates === 1)).toBe(true);
  });

  it('a ledningsgrupp member decides in the card: answered in place, channel card updated', async () => {
    const res = await fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        activity(MEMBER, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'tertial.assessment.decide',
              data: { year: 2025, tertial: 3, goalRef: '3.6.1', 'assessment-3.6.1': 'met', 'comment-3.6.1': 'Piloten är startad, vilket var årets mål.' },
            },
          },
        }),
      ),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value?: unknown };
    expect(JSON.stringify(body.value)).toContain('Piloten är startad, vilket var årets mål.');
    expect((await app.store.assessments.get('2025-T3', '3.6.1'))!.current).toMatchObject({ assessment: 'met', by: { id: 'aad-lg' } });
    // the channel's card is refreshed after the answer
    await app.afterTurns.idle();
    const card36 = connector.cardPosts().find((p) => JSON.stringify(p.body).includes('3.6.1 Starta'))!;
    expect(card36.updates).toBe(2);
    expect(connector.cardPosts()).toHaveLength(8);
  });

  it('a round that closes is published by the scheduler tick, once', async () => {
    const now = new Date();
    await app.store.rounds.create({
      id: '2025-T2', year: 2025, tertial: 2, deadline: '2025-09-10', waves: [0], sendTime: '09:00', graceDays: 7,
      state: 'closed', closedAt: new Date(now.getTime() - 60_000).toISOString(), createdAt: '2025-08-01T00:00:00.000Z', source: 'scheduled',
    });
    const before = connector.cardPosts().length;
    await scheduler.fire('publish-closed-rounds');
    const after = connector.cardPosts().length;
    expect(after - before).toBe(8);
    expect(JSON.stringify(connector.cardPosts()[before]!.body)).toContain('Målavstämning, tertial 2 2025');
    await scheduler.fire('publish-closed-rounds');
    expect(connector.cardPosts()).toHaveLength(after);
  });

  it('bedömningar in the personal chat: the goal cards for ledningsgrupp members, a polite no for others', async () => {
    const personal = async (from: typeof ADMIN, text: string) => {
      const res = await fetch(`${app.http.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...activity(from, { type: 'message', text }),
          conversation: { id: `a:personal-${from.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
          channelData: { tenant: { id: 'tenant-1' } },
        }),
      });
      expect(res.status).toBeLessThan(300);
      return connector.activities.filter((a) => a.channel === `a:personal-${from.aadObjectId}`);
    };
    const cards = (await personal(MEMBER, 'bedömningar 2025 T3')).filter((a) => Array.isArray(a.body.attachments));
    expect(cards).toHaveLength(7);
    expect(JSON.stringify(cards[0]!.body)).toContain('tertial.assessment.decide');
    const other = await personal(OTHER, 'bedömningar 2025 T3');
    expect(other.filter((a) => Array.isArray(a.body.attachments) && (a.body.attachments as unknown[]).length > 0)).toHaveLength(0);
    expect(other.map((a) => a.body.text).join(' ')).toContain('ledningsgruppen');
  });
});
