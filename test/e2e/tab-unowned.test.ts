/**
 * E2E of the tab in Chromium: after someone has left (`tertial owners remove`), the progress view lists
 * their activities under "Utan ägare" with what was reported, and no longer lists the person.
 */
import { DEMO_KOMMUNCHEF, DEMO_USERS } from '../../demo/demo-users';
import { removeOwners } from '../../services/owners/owner-removal';
import { systemClock } from '../../services/ports/clock';
import { startTab, type TabHarness } from './support/tab-harness';

jest.setTimeout(180_000);

describe('the tab after someone has left', () => {
  let h: TabHarness;
  const leaving = DEMO_USERS[1]!; // HR-chef

  beforeAll(async () => {
    h = await startTab({ TERTIAL_ADMINS: DEMO_KOMMUNCHEF.aadObjectId });
    await removeOwners(h.app.store, systemClock, [leaving.aadObjectId], { id: 'cli', name: 'Controller' });
    await h.signIn(DEMO_KOMMUNCHEF);
  });
  afterAll(async () => h?.close());

  it('the progress view lists the activities without owner', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Framsteg' }).click();
    await page.getByRole('table').getByRole('rowheader', { name: DEMO_USERS[0]!.name }).waitFor();
    const [round] = await h.app.collection.openRounds();
    const plan = (await h.app.store.plans.get(round!.year))!;
    const theirs = plan.activities.filter((a) => !a.archived && a.units.includes(leaving.unit));
    await page.getByRole('heading', { name: `Utan ägare (${theirs.length})` }).waitFor();
    await page.getByText(`${theirs[0]!.ref} ${theirs[0]!.title}: ingen rapport`).waitFor();
    expect(await page.getByRole('rowheader', { name: leaving.name }).count()).toBe(0);
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-progress-unowned');
  });
});
