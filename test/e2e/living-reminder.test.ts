/**
 * E2E in the Agents Playground (Chromium): the owner's latest reminder is a living card. The greeting
 * brings one reminder, `status` a second (now the latest); a report made from the first card redraws
 * the second in place with the new progress, and the receipt says what is left.
 */
import { DEMO_PLAYGROUND_USER } from '../../demo/demo-users';
import { screenshot, startE2e, type E2eHarness } from './support/playground-harness';

jest.setTimeout(120_000);

describe('one living reminder per person', () => {
  let h: E2eHarness;
  beforeAll(async () => {
    h = await startE2e({ currentUser: DEMO_PLAYGROUND_USER, viewport: { width: 1280, height: 1500 } });
  });
  afterAll(async () => h?.close());

  it('after a report the latest reminder card shows the new progress', async () => {
    const page = h.page;
    await h.openPersonalChat();
    const [round] = await h.app.collection.openRounds();
    const items = await h.app.collection.itemsFor(DEMO_PLAYGROUND_USER.aadObjectId, round!);
    const total = items.length;
    expect(total).toBeGreaterThan(1);
    const before = `0 av ${total} klara`;
    const after = `1 av ${total} klara`;
    await page.getByText(before, { exact: true }).first().waitFor({ timeout: 30_000 });

    await h.sendMessage('status');
    await page.waitForFunction((t) => Array.from(document.querySelectorAll('*')).filter((e) => e.childElementCount === 0 && e.textContent === t).length >= 2, before, { timeout: 15_000 });
    const latest = await h.app.reminders.latest(DEMO_PLAYGROUND_USER.aadObjectId, round!.id);
    expect(latest?.activityId).toEqual(expect.any(String));

    // report from the FIRST card (the greeting's), not the latest
    await page.getByRole('button', { name: 'Rapportera' }).first().click();
    await page.getByText('Förra tertialen').waitFor({ timeout: 15_000 });
    await page.getByRole('radio', { name: 'Avslutad enligt plan' }).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByText(/Rapport sparad/).waitFor({ timeout: 15_000 });
    await page.getByText(`${after}: ${total - 1} ${total - 1 === 1 ? 'aktivitet' : 'aktiviteter'} kvar att rapportera.`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Nästa aktivitet' }).waitFor();

    // the latest reminder (from `status`) was redrawn in place: it now says 1 av N klara, and no card says 0 av N any more
    await page.getByText(after, { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await page.getByText(before, { exact: true }).count()).toBe(0);
    expect(await h.app.reminders.latest(DEMO_PLAYGROUND_USER.aadObjectId, round!.id)).toEqual(latest);
    await page.getByText(/Rapport sparad/).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'enhetschef-living-reminder.png');
  });
});
