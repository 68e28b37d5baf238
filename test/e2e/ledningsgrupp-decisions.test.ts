/**
 * E2E in the Agents Playground (Chromium), the ledningsgrupp channel: a decision on a goal card
 * refreshes the summary card in place (its counts agree with the goal cards); a change that keeps the
 * draft comment is refused on that goal's card with the form open; `publicera` without a round picks
 * the open one and asks first ("Vänta" publishes nothing, "Publicera ändå" publishes).
 */
import type { Page } from 'playwright-core';
import { DEMO_KOMMUNCHEF } from '../../demo/demo-users';
import { screenshot, startE2e, type E2eHarness, postMentioningBot } from './support/playground-harness';

jest.setTimeout(240_000);

const SUMMARY = 'Målavstämning, tertial 3 2025 — Kommunstyrelsen';

/** the text of the summary card as the page shows it */
const summaryText = (page: Page) =>
  page.evaluate((title) => {
    const cards = Array.from(document.querySelectorAll('.ac-adaptiveCard')).filter((c) => (c as HTMLElement).innerText.includes(title));
    return cards.map((c) => (c as HTMLElement).innerText).join('\n---\n');
  }, SUMMARY);

const levelCount = (text: string, label: string) => Number(new RegExp(`(?:^|\\n)${label}\\s*\\n?\\s*(\\d+)`).exec(text)?.[1] ?? NaN);

describe('ledningsgrupp decisions and publishing in the Playground', () => {
  let h: E2eHarness;
  beforeAll(async () => {
    const admin = DEMO_KOMMUNCHEF;
    h = await startE2e({ currentUser: admin, env: { TERTIAL_ADMINS: admin.aadObjectId, TERTIAL_LEDNINGSGRUPP: admin.aadObjectId }, viewport: { width: 1280, height: 1400 } });
  });
  afterAll(async () => h?.close());

  it('a decision refreshes the summary card; a refused one keeps the form open on that goal', async () => {
    const page = h.page;
    await h.openPersonalChat();
    await page.getByRole('treeitem', { name: 'Ledningsgrupp - Målavstämning' }).click();
    await postMentioningBot(page, 'ledningsgrupp');
    await page.getByText(/är nu ledningsgruppens kanal/).first().waitFor({ timeout: 30_000 });
    await postMentioningBot(page, 'publicera 2025 T3');
    await page.getByText(/Publicerat T3 2025: 8 nya kort/).first().waitFor({ timeout: 60_000 });
    await page.getByText(SUMMARY).first().waitFor({ timeout: 30_000 });

    const before = await summaryText(page);
    const metBefore = levelCount(before, '● Uppfyllt');
    const notMetBefore = levelCount(before, '○ Ej uppfyllt');
    expect(Number.isNaN(metBefore)).toBe(false);

    // the first goal card's first goal: open "Ändra bedömning"; it starts from the comment shown
    await page.getByRole('button', { name: 'Ändra bedömning' }).first().click();
    const form = page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('button', { name: 'Spara bedömning' }) }).first();
    const textarea = form.locator('textarea').first();
    await textarea.waitFor({ timeout: 15_000 });
    expect((await textarea.inputValue()).length).toBeGreaterThan(0);
    const isNotMet = await form.getByRole('radio', { name: 'Ej uppfyllt', exact: true }).first().isChecked();
    const target = isNotMet ? 'Uppfyllt' : 'Ej uppfyllt';
    await form.getByRole('radio', { name: target, exact: true }).first().check();
    await form.getByRole('button', { name: 'Spara bedömning' }).click();
    // refused only when the comment is still the proposal's draft; otherwise saved at once
    const refused = page.getByText(/Inte sparat: Kommentaren är oförändrad/).first();
    const saved = await Promise.race([
      refused.waitFor({ timeout: 15_000 }).then(() => false),
      page.waitForFunction((t) => !document.body.innerText.includes(t), 'Spara bedömning', { timeout: 15_000 }).then(() => true),
    ]).catch(() => true);
    if (!saved) {
      await page.getByText(/Inte sparat: Kommentaren är oförändrad/).first().scrollIntoViewIfNeeded();
      await screenshot(page, 'ledningsgrupp-refused-decision.png');
      // the form is still open on that goal, with the chosen level kept
      const open = page.locator('.ac-adaptiveCard').filter({ hasText: 'Inte sparat: Kommentaren är oförändrad' }).first();
      expect(await open.getByRole('radio', { name: target, exact: true }).first().isChecked()).toBe(true);
      await open.locator('textarea').first().fill('Ledningsgruppen bedömer målet annorlunda än förslaget: se protokollet.');
      await open.getByRole('button', { name: 'Spara bedömning' }).click();
    }

    // the summary card is redrawn in place with the new counts
    const delta = target === 'Uppfyllt' ? ['● Uppfyllt', metBefore + 1] : ['○ Ej uppfyllt', notMetBefore + 1];
    await page.waitForFunction(
      ([title, label, n]) => {
        const card = Array.from(document.querySelectorAll('.ac-adaptiveCard')).find((c) => (c as HTMLElement).innerText.includes(title as string)) as HTMLElement | undefined;
        return !!card && new RegExp(`(?:^|\\n)${label}\\s*\\n?\\s*${n}(?:\\n|$)`).test(card.innerText);
      },
      [SUMMARY, delta[0], delta[1]] as const,
      { timeout: 30_000 },
    );
    expect((await page.evaluate((t) => (document.body.innerText.match(new RegExp(t, 'g')) ?? []).length, SUMMARY))).toBe(1);
    await page.getByText(SUMMARY).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'ledningsgrupp-summary.png');
  });

  it('publicera without a round asks before publishing the open round, and says which it chose', async () => {
    const page = h.page;
    await postMentioningBot(page, 'publicera');
    await page.getByText(/Omgången T\d \d{4} är fortfarande öppen/).first().waitFor({ timeout: 30_000 });
    await page.getByText(/Du angav ingen omgång, så jag valde T\d \d{4}/).first().waitFor();
    const [open] = await h.app.collection.openRounds();
    const link = (await h.app.store.publications.getLink())!;
    expect(await h.app.store.publications.get(open!.id, link.channelKey)).toBeNull();
    await screenshot(page, 'ledningsgrupp-publish-question.png');

    await page.getByRole('button', { name: 'Vänta' }).last().click();
    await page.getByText(/Inte publicerat: T\d \d{4}/).first().waitFor({ timeout: 15_000 });
    expect(await h.app.store.publications.get(open!.id, link.channelKey)).toBeNull();

    await postMentioningBot(page, 'publicera');
    await page.getByRole('button', { name: 'Publicera ändå' }).last().click({ timeout: 30_000 });
    await page.getByText(new RegExp(`Publicerat T${open!.tertial} ${open!.year}: \\d+ nya kort`)).first().waitFor({ timeout: 60_000 });
    expect(Object.keys((await h.app.store.publications.get(open!.id, link.channelKey))!.posts).length).toBeGreaterThan(1);
  });
});
