/**
 * "Påminn igen" on the `läge` card, through the real app (embedded Cosmos, demo data) on POST
 * /api/messages, replies and proactive messages to a local connector: the reminder goes through the
 * dispatcher (outbox claim under the sender lease, recorded once), the same invoke twice sends once, a
 * press on the card drawn with the outcome sends again, and nothing leaves while another instance
 * holds the sender lease.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { PROGRESS_VERBS } from '../../cards/card-verbs';
import { DEMO_USERS } from '../../demo/demo-users';
import { loadConfig } from '../../services/config/config';
import { startChannelConnector, type ChannelConnector } from '../support/channel-connector';
import { personalChat, type Person } from '../support/personal-chat';

const OWNER = DEMO_USERS[0]!;
const ADMIN = { aadObjectId: 'aad-admin', name: 'Controller' };

describe('"Påminn igen" goes through the dispatcher', () => {
  let app: RunningApp;
  let connector: ChannelConnector;
  let roundId: string;
  const chat = personalChat(() => app.http.url, () => connector);
  const say = (from: Person, text: string) => chat.say(from, text);
  /** the invoke's answer: the card's JSON, or a message's text */
  const invoke = async (data: Record<string, unknown>): Promise<string> => (await chat.invoke(ADMIN, PROGRESS_VERBS.remindOwner, data)).text;
  /** messages the bot posted into the owner's chat */
  const toOwner = () => chat.chatOf(OWNER);
  const pressKeyOf = (cardJson: string) => {
    const keys = new Set([...cardJson.matchAll(/"press":"([^"]*)"/g)].map((m) => m[1]));
    expect(keys.size).toBe(1);
    return [...keys][0]!;
  };
  /** the outcome line on top of the card (green or red) */
  const notice = (cardJson: string) =>
    (JSON.parse(cardJson) as { body: { inlines?: { text: string; color?: string }[] }[] }).body
      .flatMap((b) => b.inlines ?? [])
      .filter((i) => i.color === 'Good' || i.color === 'Attention')
      .map((i) => i.text)
      .join(' ');
  const againEntries = async () => (await app.store.outbox.listRound(roundId)).filter((e) => e.ownerId === OWNER.aadObjectId && e.wave.startsWith('again-'));

  beforeAll(async () => {
    connector = await startChannelConnector();
    app = await startApp(loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent', TERTIAL_ADMINS: ADMIN.aadObjectId }));
    roundId = (await app.collection.openRounds())[0]!.id;
    await say(OWNER, 'hej'); // the owner's chat exists: the bot can write to it
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('the same invoke twice sends once; the card drawn with the outcome sends again; the reminder becomes the living one', async () => {
    await say(ADMIN, 'läge');
    const lage = chat.chatOf(ADMIN).at(-1)!;
    const press = pressKeyOf(JSON.stringify(lage.body));
    expect(press).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const before = toOwner().length;

    // a double click, or Teams retrying the invoke: the same data twice, at once
    const data = { roundId, ownerId: OWNER.aadObjectId, press };
    const answers = await Promise.all([invoke(data), invoke(data)]);
    expect(toOwner().length).toBe(before + 1);
    const lines = answers.map((a) => notice(a));
    expect(lines.filter((l) => l.includes(`Påminnelse skickad till ${OWNER.name} nu.`))).toHaveLength(1);
    // and once more after both answered: the earlier outcome, nothing sent
    const retried = await invoke(data);
    expect(notice(retried)).toContain(`${OWNER.name} har redan fått den här påminnelsen.`);
    expect(toOwner().length).toBe(before + 1);

    // recorded once, by the dispatcher: claimed under the sender lease's generation, then marked sent
    const [entry, ...more] = await againEntries();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ wave: `again-${press}`, state: 'sent', possibleDuplicate: false, leaseOwner: null, activityId: toOwner().at(-1)!.id });
    expect(entry!.leaseGeneration).toBeGreaterThan(0);
    // it is the owner's living reminder now: their next report redraws it
    expect(await app.reminders.latest(OWNER.aadObjectId, roundId)).toEqual({ activityId: entry!.activityId, at: entry!.sentAt });

    // a deliberate press on the redrawn card (a new key) sends again, the same day
    const next = pressKeyOf(retried);
    expect(next).not.toBe(press);
    const again = await invoke({ ...data, press: next });
    expect(notice(again)).toContain(`Påminnelse skickad till ${OWNER.name} nu.`);
    expect(toOwner().length).toBe(before + 2);
    expect((await againEntries()).map((e) => e.state)).toEqual(['sent', 'sent']);
  });

  it('while another instance holds the sender lease nothing is sent, and the card says why', async () => {
    const now = new Date();
    expect(await app.store.outbox.takeSenderLease('tertial-2', now.toISOString(), new Date(now.getTime() + 60_000).toISOString())).not.toBeNull();
    try {
      const before = toOwner().length;
      const entries = (await againEntries()).length;
      const answer = await invoke({ roundId, ownerId: OWNER.aadObjectId, press: 'held-press-0001' });
      expect(notice(answer)).toContain('En annan instans (tertial-2) skickar påminnelser just nu');
      expect(toOwner().length).toBe(before);
      expect(await againEntries()).toHaveLength(entries);
    } finally {
      await app.store.outbox.releaseSenderLease('tertial-2');
    }
  });

  it('a card drawn before presses had keys sends nothing and is redrawn with them', async () => {
    const before = toOwner().length;
    const answer = await invoke({ roundId, ownerId: OWNER.aadObjectId });
    expect(notice(answer)).toBe('Kortet var från en äldre version av Tertial: ingen påminnelse skickades. Tryck Påminn igen en gång till.');
    expect(pressKeyOf(answer)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(toOwner().length).toBe(before);
  });
});
