/**
 * E2E in the Agents Playground: an admin types `påminn nu` and the reminder reaches the demo owner
 * through the dispatcher's outbox (the real TeamsMessenger, proactively, into the personal chat).
 */
import { DEMO_USERS } from '../../demo/demo-users';
import { manualWaveKey } from '../../services/dispatch/dispatcher';
import { stockholmDate } from '../../services/rounds/stockholm-time';
import { startE2e, type E2eHarness } from './support/playground-harness';

jest.setTimeout(180_000);

describe('påminn nu in the Playground', () => {
  let h: E2eHarness;
  const owner = DEMO_USERS[0]!;

  beforeAll(async () => {
    // the signed-in demo owner is also an admin
    h = await startE2e({ currentUser: owner, env: { TERTIAL_ADMINS: owner.aadObjectId } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an admin\'s "påminn nu" delivers the reminder card to the demo owner, once', async () => {
    await h.openPersonalChat();
    const headings = h.page.getByText(/Tertialuppföljning T\d \d{4}/);
    await headings.first().waitFor({ timeout: 30_000 }); // the greeting shows the open items
    const before = await headings.count();

    await h.sendMessage('påminn nu');
    await h.page.getByText(/fick en påminnelse nu/).first().waitFor({ timeout: 60_000 });
    await h.page.waitForFunction((n) => document.body.innerText.match(/Tertialuppföljning T\d \d{4}/g)!.length > n, before, { timeout: 30_000 });

    const rounds = await h.app.store.rounds.list();
    const open = rounds.find((r) => r.state === 'scheduled')!;
    const wave = manualWaveKey(stockholmDate(new Date()));
    const entry = await h.app.store.outbox.get(open.id, `${wave}:${owner.aadObjectId}`);
    expect(entry?.entry).toMatchObject({ state: 'sent', ownerId: owner.aadObjectId, possibleDuplicate: false });

    // asking again the same day sends nothing twice
    const count = await headings.count();
    await h.sendMessage('påminn nu');
    await h.page.getByText(/redan fått dagens påminnelse/).first().waitFor({ timeout: 60_000 });
    expect(await headings.count()).toBe(count);

    // the admin's progress card shows the round and its deliveries
    await h.sendMessage('läge');
    await h.page.getByText(/Läge T\d \d{4}/).first().waitFor({ timeout: 30_000 });
    await h.page.getByText('Påminnelser skickade').first().waitFor({ timeout: 30_000 });
  });

  it('marks omgång, läge and påminn nu admin-only in the command table (the bot refuses others)', async () => {
    const { COMMANDS } = await import('../../bot/commands');
    const { isAllowed, personPrincipal } = await import('../../services/access/access-policy');
    const member = personPrincipal({ id: 'aad-member', name: 'Medarbetare' }, { admins: [], ledningsgrupp: [] });
    const admin = personPrincipal({ id: 'aad-admin', name: 'Controller' }, { admins: ['aad-admin'], ledningsgrupp: [] });
    const refused = Object.values(COMMANDS).filter((c) => c.action && !isAllowed(member, c.action) && isAllowed(admin, c.action));
    expect(refused.map((c) => c.names[0])).toEqual(expect.arrayContaining(['omgång', 'läge', 'påminn nu']));
  });
});
