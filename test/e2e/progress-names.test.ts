/**
 * E2E in the Agents Playground (Chromium): an admin's `läge` names people. After `påminn nu` the demo
 * owners who never opened Tertial could not be reached (no conversation, no TEAMS_TENANT_ID): `läge`
 * lists them by name with the reason and the next step, and "Påminn igen" on a row answers in place.
 */
import { DEMO_USERS } from '../../demo/demo-users';
import { screenshot, startE2e, type E2eHarness } from './support/playground-harness';

jest.setTimeout(180_000);

describe('läge names people', () => {
  let h: E2eHarness;
  const admin = DEMO_USERS[0]!;

  beforeAll(async () => {
    h = await startE2e({ currentUser: admin, env: { TERTIAL_ADMINS: admin.aadObjectId }, viewport: { width: 1280, height: 1600 } });
  });
  afterAll(async () => h?.close());

  it('lists an owner the reminder did not reach by name, with the reason and what to do', async () => {
    const page = h.page;
    await h.openPersonalChat();
    await page.getByText(/Tertialuppföljning T\d \d{4}/).first().waitFor({ timeout: 30_000 });
    await h.sendMessage('påminn nu');
    await page.getByText(/fick en påminnelse nu/).first().waitFor({ timeout: 60_000 });

    await h.sendMessage('läge');
    await page.getByText(/Läge T\d \d{4}/).first().waitFor({ timeout: 30_000 });
    const other = DEMO_USERS[1]!; // HR-chef never opened the chat
    await page.getByText(/Påminnelsen nådde inte fram \(\d+\)/).first().waitFor({ timeout: 15_000 });
    await page.getByText(other.name, { exact: true }).first().waitFor();
    await page.getByText(/har aldrig öppnat Tertial, och appen kan inte starta en chatt själv/).first().waitFor();
    await page.getByText(/Be personen öppna Tertial i Teams en gång/).first().waitFor();
    await page.getByText(/Svarsfrekvens/).first().waitFor();
    expect(await page.getByRole('button', { name: 'Påminn igen' }).count()).toBeGreaterThan(1);
    await screenshot(page, 'admin-lage.png');

    // "Påminn igen" on the first row (someone not reached): tried once more through the dispatcher, the outcome on top of the card
    await page.getByRole('button', { name: 'Påminn igen' }).first().click();
    await page.getByText(/Påminnelsen nådde inte fram till .+: har aldrig öppnat Tertial/).first().waitFor({ timeout: 30_000 });
    const [round] = await h.app.collection.openRounds();
    const again = (await h.app.store.outbox.listRound(round!.id)).filter((e) => e.wave.startsWith('again-'));
    expect(again).toHaveLength(1);
    // not installed is unreachable (the admin can act on it), never a failure; claimed under the sender lease like a wave's entry
    expect(again[0]).toMatchObject({ state: 'unreachable', leaseOwner: null, attempts: [expect.objectContaining({ status: 403 })] });
    expect(again[0]!.leaseGeneration).toBeGreaterThan(0);

    // pressed again on the card drawn with that outcome: a deliberate second try, recorded as its own entry
    await page.getByRole('button', { name: 'Påminn igen' }).first().click();
    const againCount = async () => (await h.app.store.outbox.listRound(round!.id)).filter((e) => e.wave.startsWith('again-') && e.state === 'unreachable').length;
    for (const until = Date.now() + 30_000; (await againCount()) < 2 && Date.now() < until; ) await page.waitForTimeout(200);
    expect(await againCount()).toBe(2);

    // the admin themself (reached by "påminn nu" earlier today) on the last row: reminded again, on purpose, the same day
    const headings = page.getByText(/Tertialuppföljning T\d \d{4}/);
    const cards = await headings.count();
    await page.getByRole('button', { name: 'Påminn igen' }).last().click();
    await page.getByText(`Påminnelse skickad till ${admin.name} nu.`).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction((n) => document.body.innerText.match(/Tertialuppföljning T\d \d{4}/g)!.length > n, cards, { timeout: 30_000 });
    await page.getByText(`Påminnelse skickad till ${admin.name} nu.`).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-lage-reminded-again.png');
    const mine = (await h.app.store.outbox.listRound(round!.id)).filter((e) => e.ownerId === admin.aadObjectId && e.state === 'sent');
    expect(mine.map((e) => e.wave.replace(/-.*/, '')).sort()).toEqual(['again', 'now']);
  });
});
