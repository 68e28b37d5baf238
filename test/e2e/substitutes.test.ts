/**
 * End to end in the Agents Playground: an owner writes "delegera", picks a colleague and "Alla mina
 * aktiviteter", hands over; the round records it and the card shows it in force; "Ta tillbaka" ends it.
 */
import { DEMO_PLAYGROUND_USER, DEMO_USERS } from '../../demo/demo-users';
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
});
