/**
 * E2E in the Agents Playground (Chromium), what an admin sees over a year: after HR-chef has left
 * (`tertial owners remove`), `läge` lists the activities nobody owns any more under "Utan ägare"; the
 * ledningsgrupp's goal cards of the imported T3 2025 round name the earlier system as the source of
 * its decisions instead of "Import" and the import's date.
 */
import { DEMO_KOMMUNCHEF, DEMO_USERS } from '../../demo/demo-users';
import { removeOwners } from '../../services/owners/owner-removal';
import { systemClock } from '../../services/ports/clock';
import { screenshot, startE2e, type E2eHarness, postMentioningBot } from './support/playground-harness';

jest.setTimeout(240_000);

describe('a year in the Playground: people leaving, imported history', () => {
  let h: E2eHarness;
  const admin = DEMO_KOMMUNCHEF;
  const leaving = DEMO_USERS[1]!; // HR-chef

  beforeAll(async () => {
    h = await startE2e({ currentUser: admin, env: { TERTIAL_ADMINS: admin.aadObjectId, TERTIAL_LEDNINGSGRUPP: admin.aadObjectId }, viewport: { width: 1280, height: 1600 } });
  });
  afterAll(async () => h?.close());

  it('läge lists the activities of someone who left under "Utan ägare"', async () => {
    await removeOwners(h.app.store, systemClock, [leaving.aadObjectId], { id: 'cli', name: 'Controller' });
    await h.openPersonalChat();
    await h.sendMessage('läge');
    await h.page.getByText(/Läge T\d \d{4}/).first().waitFor({ timeout: 30_000 });
    await h.page.getByText('Utan ägare', { exact: true }).first().waitFor({ timeout: 15_000 });
    const [round] = await h.app.collection.openRounds();
    const plan = (await h.app.store.plans.get(round!.year))!;
    const first = plan.activities.find((a) => !a.archived && a.units.includes(leaving.unit))!;
    await h.page.getByText(`${first.ref} ${first.title}`).first().waitFor();
    expect(await h.page.getByText(leaving.name, { exact: true }).count()).toBe(0);
    await screenshot(h.page, 'lage-utan-agare.png');
  });

  it('the imported round’s goal cards name the earlier system as the decisions’ source', async () => {
    await h.page.getByRole('treeitem', { name: 'Ledningsgrupp - Målavstämning' }).click();
    await postMentioningBot(h.page, 'ledningsgrupp');
    await h.page.getByText(/är nu ledningsgruppens kanal/).first().waitFor({ timeout: 30_000 });
    await postMentioningBot(h.page, 'publicera 2025 T3');
    await h.page.getByText(/Publicerat T3 2025: 8 nya kort/).first().waitFor({ timeout: 60_000 });
    await h.page.getByText('Tidigare system (importerat beslut)').first().waitFor({ timeout: 30_000 });
    expect(await h.page.getByText(/^Import, \d{4}-\d{2}-\d{2}$/).count()).toBe(0);
    await screenshot(h.page, 'goal-card-imported.png');
  });
});
