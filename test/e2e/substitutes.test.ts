/**
 * End to end in the Agents Playground: an owner writes "delegera", picks a colleague and "Alla mina
 * aktiviteter", hands over; the round records it and the card shows it in force; "Ta tillbaka" ends it.
 * Then the signed-in person stands in for a colleague: a report from one of their reminders "för" the
 * colleague redraws the latest of them in place; its receipt counts the one activity handed over, and
 * its list button shows that activity.
 */
import { DEMO_PLAYGROUND_USER, DEMO_USERS } from '../../demo/demo-users';
import { personPrincipal } from '../../services/access/access-policy';
import { systemClock } from '../../services/ports/clock';
import { SubstituteService } from '../../services/substitutes/substitute-service';
import { screenshot, startE2e, type E2eHarness } from './support/playground-harness';

jest.setTimeout(120_000);

describe('substitutes in the Agents Playground', () => {
  let h: E2eHarness;
  beforeAll(async () => {
    h = await startE2e({ currentUser: DEMO_PLAYGROUND_USER });
  });
  afterAll(async () => h?.close());

  it('delegera: hand everything to a colleague, see it in force, take it back', async () => {
    const page = h.page;
    await h.openPersonalChat();
    await page.getByText(/Tertialuppföljning T\d \d{4}/).first().waitFor({ timeout: 30_000 });
    // a colleague among the Playground's users (it keeps the last five): an owner, so Tertial knows the name
    const colleague = DEMO_USERS[DEMO_USERS.length - 1]!;
    await h.sendMessage('delegera');
    await page.getByText(/Ersättare i T\d \d{4}/).first().waitFor({ timeout: 15_000 });
    // the person picker: a filtered choice set; type the colleague's name and pick it
    const picker = page.getByRole('combobox').first();
    await picker.click();
    await picker.fill(colleague.name);
    await page.getByRole('option', { name: colleague.name }).first().click();
    await screenshot(page, 'delegera-card.png');
    await page.getByRole('button', { name: 'Lämna över' }).click();
    await page.getByText(new RegExp(`Sparat: ${colleague.name} rapporterar för dig`)).first().waitFor({ timeout: 15_000 });
    const [round] = await h.app.collection.openRounds();
    const stored = (await h.app.store.rounds.get(round!.id))!.substitutions!;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ownerId: DEMO_PLAYGROUND_USER.aadObjectId, substituteId: colleague.aadObjectId, substituteName: colleague.name, activityRef: null, endedAt: null });
    await screenshot(page, 'delegera-sparat.png');
    await page.getByRole('button', { name: 'Ta tillbaka' }).first().click();
    await page.getByText(/Tillbakataget: du rapporterar själv igen/).first().waitFor({ timeout: 15_000 });
    expect((await h.app.store.rounds.get(round!.id))!.substitutions![0]!.endedAt).not.toBeNull();
  });

  it('a substitute reports from an earlier reminder "för" the owner: the latest one is redrawn in place', async () => {
    const page = h.page;
    const colleague = DEMO_USERS[1]!;
    const [round] = await h.app.collection.openRounds();
    const open = (await h.app.collection.itemsFor(colleague.aadObjectId, round!)).filter((i) => !i.own);
    expect(open.length).toBeGreaterThan(0);
    const handed = open[0]!.activity;
    // the colleague hands one activity to the signed-in person (the tab's Ersättare does the same)
    const substitutes = new SubstituteService({ repos: h.app.store, clock: systemClock, conversations: h.app.store.conversations });
    const principal = personPrincipal({ id: colleague.aadObjectId, name: colleague.name }, { admins: [], ledningsgrupp: [] });
    await substitutes.delegate(principal, { roundId: round!.id, ownerId: colleague.aadObjectId, substituteId: DEMO_PLAYGROUND_USER.aadObjectId, substituteName: DEMO_PLAYGROUND_USER.name, activityRef: handed.ref });
    // two reminders for the colleague: the part handed over reaches the signed-in person "för" them, twice
    // (the colleague's own part finds no chat here: they never opened the Playground)
    for (const press of ['e2e-press-0001', 'e2e-press-0002']) {
      const result = await h.app.dispatcher.remindOwner(round!.year, round!.tertial, colleague.aadObjectId, press);
      expect(result.problems.filter((p) => p.ownerId !== colleague.aadObjectId)).toEqual([]);
    }
    const forCards = page.locator('.ac-adaptiveCard').filter({ hasText: `för ${colleague.name}` });
    await page.waitForFunction((n) => Array.from(document.querySelectorAll('.ac-adaptiveCard')).filter((c) => (c as HTMLElement).innerText.includes(n)).length >= 2, `för ${colleague.name}`, { timeout: 30_000 });
    expect(await forCards.count()).toBe(2);
    expect(await page.getByText('0 av 1 klara', { exact: true }).count()).toBe(2);

    // report from the FIRST of them
    await forCards.first().getByRole('button', { name: 'Rapportera' }).click();
    await page.getByRole('radio', { name: 'Pågående enligt plan' }).first().check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByText(/Rapport sparad/).first().waitFor({ timeout: 15_000 });
    // the latest "för" card now shows it reported, in place; no card shows it unreported any more
    await page.getByText('1 av 1 klara', { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('0 av 1 klara', { exact: true }).count()).toBe(0);
    const latest = forCards.last();
    await latest.getByText('Status: Pågående enligt plan').waitFor({ timeout: 15_000 });
    expect(await latest.getByText(handed.ref, { exact: false }).count()).toBeGreaterThan(0);
    await latest.scrollIntoViewIfNeeded();
    await screenshot(page, 'ersattare-living-reminder.png');

    // the receipt counts the one activity handed over, and its list button shows it, "för" the colleague
    const receipt = page.locator('.ac-adaptiveCard').filter({ hasText: 'Rapport sparad' }).first();
    await receipt.getByText(`Aktiviteten du har fått av ${colleague.name} är rapporterad. Tack!`).waitFor({ timeout: 15_000 });
    expect(await receipt.getByRole('button', { name: 'Nästa aktivitet' }).count()).toBe(0);
    await receipt.scrollIntoViewIfNeeded();
    await screenshot(page, 'ersattare-kvitto.png');
    await receipt.getByRole('button', { name: `Visa aktiviteterna för ${colleague.name}` }).click();
    // the answer replaces the receipt (in the place of the first "för" card): the handed activity only, not a refusal
    await page.locator('.ac-adaptiveCard').filter({ hasText: 'Rapport sparad' }).waitFor({ state: 'detached', timeout: 15_000 });
    expect(await forCards.count()).toBe(2);
    const list = forCards.first();
    expect(await list.getByRole('button', { name: 'Ändra' }).count()).toBe(1);
    expect(await list.getByRole('button', { name: 'Rapportera' }).count()).toBe(0);
    expect(await list.getByText(handed.ref, { exact: false }).count()).toBeGreaterThan(0);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'ersattare-kvitto-lista.png');
  });
});
