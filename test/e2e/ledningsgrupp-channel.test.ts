/**
 * E2E in the Agents Playground (Chromium): in the team channel "Målavstämning" an admin writes
 * "@Tertial ledningsgrupp" (the channel is linked), then "@Tertial publicera 2025 T3": the summary card
 * and, in its thread, one card per KF goal (and the economic goals) appear. Publishing again updates
 * the cards: the number of cards in the channel is unchanged.
 */
import type { Page } from 'playwright-core';
import { DEMO_KOMMUNCHEF } from '../../demo/demo-users';
import { startE2e, type E2eHarness, postMentioningBot } from './support/playground-harness';

jest.setTimeout(240_000);

const SUMMARY = 'Målavstämning, tertial 3 2025 — Kommunstyrelsen';
const GOAL_CARD_SUBHEADING = /Målavstämning T3 2025 · \d+ mål/g;

const count = (page: Page, pattern: RegExp) => page.evaluate((src) => (document.body.innerText.match(new RegExp(src, 'g')) ?? []).length, pattern.source);

describe('the ledningsgrupp channel in the Playground', () => {
  let h: E2eHarness;

  beforeAll(async () => {
    const admin = DEMO_KOMMUNCHEF;
    h = await startE2e({ currentUser: admin, env: { TERTIAL_ADMINS: admin.aadObjectId, TERTIAL_LEDNINGSGRUPP: admin.aadObjectId } });
  });
  afterAll(async () => h?.close());

  it('links the channel, publishes the summary with threaded goal cards, and a second publish posts nothing new', async () => {
    await h.openPersonalChat();
    await h.page.getByRole('treeitem', { name: 'Ledningsgrupp - Målavstämning' }).click();

    await postMentioningBot(h.page, 'ledningsgrupp');
    await h.page.getByText(/är nu ledningsgruppens kanal/).first().waitFor({ timeout: 30_000 });
    expect((await h.app.store.publications.getLink())?.channelKey).toEqual(expect.any(String));

    await postMentioningBot(h.page, 'publicera 2025 T3');
    await h.page.getByText(/Publicerat T3 2025: 8 nya kort, 0 uppdaterade/).first().waitFor({ timeout: 60_000 });
    await h.page.getByText(SUMMARY).first().waitFor({ timeout: 30_000 });
    await h.page.waitForFunction((src) => (document.body.innerText.match(new RegExp(src, 'g')) ?? []).length >= 7, GOAL_CARD_SUBHEADING.source, { timeout: 30_000 });
    await h.page.getByText('◔ Knappt uppfyllt', { exact: true }).first().waitFor(); // the demo round carries Ånge's published assessments
    expect(await count(h.page, new RegExp(SUMMARY))).toBe(1);
    expect(await count(h.page, GOAL_CARD_SUBHEADING)).toBe(7);
    const link = (await h.app.store.publications.getLink())!;
    const first = await h.app.store.publications.get('2025-T3', link.channelKey);
    expect(Object.keys(first!.posts)).toHaveLength(8);

    await postMentioningBot(h.page, 'publicera 2025 T3');
    await h.page.getByText(/Publicerat T3 2025: 0 nya kort, 8 uppdaterade/).first().waitFor({ timeout: 60_000 });
    expect(await count(h.page, new RegExp(SUMMARY))).toBe(1);
    expect(await count(h.page, GOAL_CARD_SUBHEADING)).toBe(7);
    const again = await h.app.store.publications.get('2025-T3', link.channelKey);
    expect(Object.fromEntries(Object.entries(again!.posts).map(([k, p]) => [k, p.activityId]))).toEqual(
      Object.fromEntries(Object.entries(first!.posts).map(([k, p]) => [k, p.activityId])),
    );
  });
});
