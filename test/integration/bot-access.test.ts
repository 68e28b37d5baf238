/**
 * Every bot entry point asks the access policy: chat commands and card invokes refuse a role the
 * table does not allow, answer with the policy's Swedish reason, and change nothing. Through the
 * real app (embedded Cosmos, demo data) on POST /api/messages; replies reach a local connector.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { REPORT_VERBS } from '../../cards/card-verbs';
import { PROGRESS_VERBS } from '../../cards/card-verbs';
import { ASSESSMENT_VERBS } from '../../cards/card-verbs';
import { DEMO_USERS } from '../../demo/demo-users';
import { loadConfig } from '../../services/config/config';
import { startChannelConnector, type ChannelConnector } from '../support/channel-connector';
import { personalChat } from '../support/personal-chat';

const FRITID = DEMO_USERS[0]!;
const HR = DEMO_USERS[1]!;
const ADMIN = { aadObjectId: 'aad-admin', name: 'Controller' };

describe('the bot asks the access policy at every entry point', () => {
  let app: RunningApp;
  let connector: ChannelConnector;
  let roundId: string;
  const { say, invoke } = personalChat(() => app.http.url, () => connector);

  beforeAll(async () => {
    connector = await startChannelConnector();
    app = await startApp(
      loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent', TERTIAL_ADMINS: ADMIN.aadObjectId }),
    );
    roundId = (await app.collection.openRounds())[0]!.id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it.each([
    ['omgång skapa 2030 T1 2030-04-30', 'Bara administratörer kan schemalägga och stänga omgångar.'],
    ['läge', 'Bara administratörer kan följa omgångarna.'],
    ['påminn nu', 'Bara administratörer kan skicka påminnelser.'],
    ['publicera 2025 T3', 'Bara administratörer kan publicera.'],
    ['ledningsgrupp', 'Bara administratörer kan koppla ledningsgruppens kanal.'],
    ['bedömningar 2025 T3', 'Bara ledningsgruppen och administratörer kan se och bekräfta bedömningar.'],
  ])('chat: an owner writing "%s" is refused with the reason', async (text, reason) => {
    expect(await say(FRITID, text)).toBe(reason);
  });

  it('chat: the refused commands changed nothing, and hjälp lists only what the asker may do', async () => {
    expect((await app.store.rounds.list()).map((r) => r.id)).not.toContain('2030-T1');
    expect(await app.store.publications.getLink()).toBeNull();
    const ownerHelp = await say(FRITID, 'hjälp');
    expect(ownerHelp).toContain('**status**');
    expect(ownerHelp).not.toContain('**omgång**');
    expect(await say(ADMIN, 'hjälp')).toContain('**omgång**');
  });

  it('chat: an admin is allowed the same command (the refusal is the policy, not a broken command)', async () => {
    expect(await say(ADMIN, 'omgång')).not.toMatch(/^Bara /);
  });

  it('chat: an admin scheduling a round hears what `tertial round create` prints: no plan for the year, waves on the same day', async () => {
    // 2030-04-29 is a Monday: the waves 2 and 1 days before fall on the weekend and move to the same Friday
    const reply = await say(ADMIN, 'omgång skapa 2030 T1 2030-04-29 vågor 2,1,0');
    const round = await app.store.rounds.get('2030-T1');
    expect(round).not.toBeNull();
    expect(reply).toContain('Det finns ingen plan för 2030: ingen får en påminnelse');
    expect(reply).toContain('Vågen 1 dagar före sista svarsdag flyttas från 2030-04-28 (helg eller helgdag) till 2030-04-26 och infaller samma dag som vågen 2 dagar före');
  });

  it('card: an owner cannot open or submit another owner’s report; nothing is stored', async () => {
    const open = await invoke(FRITID, REPORT_VERBS.open, { roundId, activityRef: HR.activities[0], ownerId: HR.aadObjectId });
    expect(open).toEqual({ type: 'application/vnd.microsoft.activity.message', text: 'Du kan bara se dina egna aktiviteter.' });
    const submit = await invoke(FRITID, REPORT_VERBS.submit, { roundId, activityRef: '3.1.1.1', ownerId: HR.aadObjectId, status: 'done', comment: '' });
    expect(submit.text).toBe('Inte sparat: Du kan bara rapportera för dig själv.');
    expect(await app.store.reports.listByRound(roundId)).toEqual([]);
  });

  it('card: an admin may open an owner’s form (the same data, a role the table allows)', async () => {
    const items = await app.collection.itemsFor(HR.aadObjectId, (await app.collection.openRounds())[0]!);
    const open = await invoke(ADMIN, REPORT_VERBS.open, { roundId, activityRef: items[0]!.activity.ref, ownerId: HR.aadObjectId });
    expect(open.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('card: an owner cannot send "Påminn igen" from a progress card', async () => {
    const answer = await invoke(FRITID, PROGRESS_VERBS.remindOwner, { roundId, ownerId: HR.aadObjectId });
    expect(answer.text).toBe('Bara administratörer kan skicka påminnelser.');
  });

  it('card: an owner cannot confirm or change a goal assessment; nothing is stored', async () => {
    const before = await app.store.assessments.get('2025-T3', '3.1.1');
    const confirm = await invoke(FRITID, ASSESSMENT_VERBS.confirm, { year: 2025, tertial: 3, goalRef: '3.1.1' });
    expect(confirm.text).toBe('Bara ledningsgruppen och administratörer kan bekräfta eller ändra bedömningar.');
    const change = await invoke(FRITID, ASSESSMENT_VERBS.decide, { year: 2025, tertial: 3, goalRef: '3.1.1', 'assessment-3.1.1': 'met', 'comment-3.1.1': 'x' });
    expect(change.text).toBe('Bara ledningsgruppen och administratörer kan bekräfta eller ändra bedömningar.');
    expect(await app.store.assessments.get('2025-T3', '3.1.1')).toEqual(before);
  });
});
