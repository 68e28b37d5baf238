/**
 * E2E of the Teams tab in Chromium (outside Teams: local sign-in on loopback). The kommunchef, admin
 * and ledningsgrupp member:
 *  - uploads a plan with an error, sees the error, uploads the fixed file and confirms the import;
 *  - creates a round and sees its calendar with Swedish holidays and weekends marked;
 *  - publishes 2025 T3 to the ledningsgrupp channel, changes an assessment on the board, and the
 *    channel's card shows the new assessment and comment.
 * axe-core finds no serious or critical violation in any view. The channel is a local connector.
 */
import fs from 'node:fs';
import { DEMO_KOMMUNCHEF, DEMO_USERS } from '../../demo/demo-users';
import { startTab, type TabHarness } from './support/tab-harness';

jest.setTimeout(180_000);

const CHANNEL = '19:ledningsgrupp@thread.tacv2';
const ME = DEMO_KOMMUNCHEF;

describe('the tab in Chromium', () => {
  let h: TabHarness;
  const year = new Date().getFullYear() + 1;

  beforeAll(async () => {
    h = await startTab({ TERTIAL_ADMINS: ME.aadObjectId, TERTIAL_LEDNINGSGRUPP: ME.aadObjectId });
    // the ledningsgrupp channel is linked as in Teams: "@Tertial ledningsgrupp" in the channel
    const res = await fetch(`${h.app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'link-1',
        channelId: 'msteams',
        serviceUrl: h.connector.serviceUrl,
        from: { id: '29:kc', aadObjectId: ME.aadObjectId, name: ME.name },
        recipient: { id: '28:tertial', name: 'Tertial' },
        conversation: { id: `${CHANNEL};messageid=link-1`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        channelData: { team: { id: '19:team@thread.tacv2', name: 'Förvaltningen' }, channel: { id: CHANNEL, name: 'Ledningsgrupp' }, tenant: { id: 'tenant-1' } },
        text: '<at>Tertial</at> ledningsgrupp',
        timestamp: new Date().toISOString(),
      }),
    });
    expect(res.status).toBeLessThan(300);
    expect((await h.app.store.publications.getLink())?.channelKey).toBe(CHANNEL);
    await h.signIn(ME);
  });
  afterAll(async () => h?.close());

  it('an admin uploads a plan with an error, sees it, fixes it and confirms', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Plan' }).click();
    const header = 'year;organisation;body;kf_ref;kf_title;goal_ref;goal_title;activity_ref;activity_title;start;end;units';
    const bad = [
      header,
      `${year};Ånge kommun;Kommunstyrelsen;1.1;Trygg kommun;1.1.1;Fler trygga platser;1.1.1.1;Belysning i centrum;${year}-01-15;${year}-02-30;Samhällsbyggnadsavdelningen`,
      `${year};Ånge kommun;Kommunstyrelsen;1.1;Trygg kommun;1.1.1;Fler trygga platser;1.1.1.2;Trygghetsvandringar;;${year}-11-30;Fritid Kultur Turism`,
    ].join('\n');
    await page.getByLabel('Planfil (CSV eller JSON)').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    const errors = page.getByRole('list', { name: 'Fel i planfilen' });
    await errors.waitFor();
    expect(await errors.innerText()).toMatch(/1\.1\.1\.1.*"end"/);
    await page.getByText('1 fel i filen').waitFor();
    expect(await page.getByRole('button', { name: 'Bekräfta import' }).count()).toBe(0);
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-plan-error');
    expect(await h.app.store.plans.get(year)).toBeNull();

    await page.getByLabel('Planfil (CSV eller JSON)').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace(`${year}-02-30`, `${year}-02-28`), 'utf8') });
    const preview = page.getByRole('table', { name: 'Vad importen ändrar' });
    await preview.waitFor();
    expect(await preview.getByRole('row', { name: /Aktiviteter/ }).innerText()).toMatch(/Aktiviteter\s+2\s+0\s+0\s+0/);
    await h.screenshot('tab-plan-preview');
    expect(await h.app.store.plans.get(year)).toBeNull();
    await page.getByRole('button', { name: 'Bekräfta import' }).click();
    await page.getByText(`Planen för ${year} är importerad: 2 nya`).waitFor();
    expect((await h.app.store.plans.get(year))!.activities.map((a) => a.ref)).toEqual(['1.1.1.1', '1.1.1.2']);
  });

  it('an admin creates a round and sees its calendar with weekends and holidays', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Omgångar' }).click();
    await page.getByLabel('År').fill(String(year));
    await page.getByLabel('Tertial').selectOption('1');
    await page.getByLabel('Sista svarsdag').fill(`${year}-04-30`);
    await page.getByLabel('Påminnelser, dagar före sista dag').fill('28, 14, 7, 2, 0, -2');
    await page.getByRole('button', { name: 'Skapa omgång' }).click();
    await page.getByText(`Omgången ${year}-T1 är skapad.`).waitFor();
    expect(await h.app.store.rounds.get(`${year}-T1`)).toMatchObject({ deadline: `${year}-04-30`, state: 'scheduled' });

    await page.getByRole('heading', { name: `Kalender för ${year}-T1` }).waitFor();
    const day = (d: string) => page.locator(`td[data-date="${d}"]`);
    expect(await day(`${year}-05-01`).getAttribute('aria-label')).toMatch(/första maj/);
    expect(await day(`${year}-04-30`).getAttribute('aria-label')).toMatch(/sista dag att rapportera/);
    const saturday = [...Array(7).keys()].map((i) => `${year}-04-0${i + 1}`).find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 6)!;
    expect(await day(saturday).getAttribute('aria-label')).toMatch(/helg/);
    // waves that land on one working day are sent once: the list has one line per day marked in the grid
    const reminders = await page.getByRole('list', { name: 'Påminnelser' }).getByRole('listitem').count();
    expect(reminders).toBeGreaterThanOrEqual(4);
    expect(await page.locator('td[aria-label*="påminnelse ("]').count()).toBe(reminders);
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-rounds');
  });

  it('an admin assigns a person to a unit and removes a person after seeing what they leave behind', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Ägare' }).click();
    await page.getByLabel('Enhet', { exact: true }).selectOption('Näringsliv');
    await page.getByRole('textbox', { name: /^Namn/ }).fill('Ny Näringslivsutvecklare');
    await page.getByRole('textbox', { name: /^Entra-objekt-id/ }).fill('0000cccc-0000-0000-0000-000000000003');
    await page.getByRole('button', { name: 'Tilldela' }).click();
    await page.getByText('Ny Näringslivsutvecklare ansvarar nu för Näringsliv.').waitFor();
    expect(await h.app.store.owners.get('0000cccc-0000-0000-0000-000000000003')).toMatchObject({ units: ['Näringsliv'] });

    const leaving = DEMO_USERS.find((u) => u.unit === 'Näringsliv')!;
    await page.getByRole('button', { name: `Ta bort ${leaving.name}` }).first().click();
    const warning = page.getByText(`Ta bort ${leaving.name} som ägare?`);
    await warning.waitFor();
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-owners', { fullPage: false });
    await page.getByRole('button', { name: 'Ja, ta bort' }).click();
    await page.getByText(`${leaving.name} är borttagen som ägare; rapporter och historik finns kvar.`).waitFor();
    expect(await h.app.store.owners.get(leaving.aadObjectId)).toMatchObject({ units: [], activities: [] });
  });

  it('the progress view lists owners with what they answered, and a CSV for Excel', async () => {
    const { page } = h;
    await page.getByRole('tab', { name: 'Framsteg' }).click();
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: DEMO_USERS[0]!.name }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned som CSV (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^framsteg-\d{4}-T[123]\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFÄgare;Entra-objekt-id;Rapporterade;Saknas')).toBe(true);
    expect(csv).toContain(`${DEMO_USERS[0]!.name};${DEMO_USERS[0]!.aadObjectId};`);

    // a reminder to one person, keyed by the press: it reaches that owner only (here no conversation is
    // stored and no tenant is configured, so the person is unreachable: the row says why and what to do)
    const owner = DEMO_USERS[1]!;
    await page.getByRole('button', { name: `Påminn ${owner.name}` }).click();
    await page.getByText(`Tertial når inte ${owner.name}; se kolumnen Nås inte för vad som kan göras.`).waitFor();
    const roundId = (await h.app.collection.openRounds())[0]!.id;
    const entries = await h.app.store.outbox.listRound(roundId);
    expect(entries.map((e) => [e.ownerId, e.wave.startsWith('again-'), e.state])).toEqual([[owner.aadObjectId, true, 'unreachable']]);
    const row = table.getByRole('row', { name: new RegExp(owner.name) });
    await row.getByText(/når inte fram/).first().waitFor();
    await row.getByText(/Be personen öppna Tertial i Teams en gång/).waitFor();
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-progress');
    await page.getByLabel('Sök ägare').fill('hr-');
    await page.getByText(/^Visar 1 av \d+$/).waitFor();
    expect(await table.getByRole('rowheader').allInnerTexts()).toEqual([owner.name]);
    await page.getByLabel('Sök ägare').fill('');
  });

  it('the ledningsgrupp changes an assessment and the channel card shows it', async () => {
    const { page, connector } = h;
    await page.getByRole('tab', { name: 'Bedömningar' }).click();
    await page.getByLabel('Omgång').selectOption('2025-T3');
    await page.getByRole('heading', { name: /Målavstämning, tertial 3 2025/ }).waitFor();
    await page.getByRole('button', { name: 'Publicera i kanalen' }).click();
    await page.getByText(/Publicerat i kanalen: 8 nya kort/).waitFor({ timeout: 60_000 });
    expect(connector.cardPosts()).toHaveLength(8);

    const comment = 'Piloten är inte startad; målet bedöms som ej uppfyllt.';
    await page.getByLabel('Bedömning för 3.6.1').selectOption('not-met');
    const box = page.getByLabel('Kommentar för 3.6.1');
    expect(await box.inputValue()).not.toBe(''); // the draft or the decided comment is prefilled
    await box.fill(comment);
    await page.getByRole('article', { name: /3\.6\.1/ }).getByRole('button', { name: 'Spara bedömning' }).click();
    await page.getByText('3.6.1: Ej uppfyllt sparad och kanalens kort uppdaterat.').waitFor({ timeout: 30_000 });

    expect((await h.app.store.assessments.get('2025-T3', '3.6.1'))!.current).toMatchObject({ assessment: 'not-met', comment, by: { id: ME.aadObjectId } });
    const card = connector.cardPosts().find((p) => JSON.stringify(p.body).includes('3.6.1'))!;
    expect(card.updates).toBeGreaterThanOrEqual(1);
    const body = JSON.stringify(card.body);
    expect(body).toContain(comment);
    expect(body).toContain('Ej uppfyllt');
    expect(connector.cardPosts()).toHaveLength(8);
    expect(await h.axeViolations()).toEqual([]);
    await page.getByRole('article', { name: /3\.6\.1/ }).evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await h.screenshot('tab-assessments', { fullPage: false });
  });

  it("the ledningsgrupp writes the round's Sammanfattning on the board, kept as a version with who wrote it", async () => {
    const { page } = h;
    const box = page.getByLabel('Ledningsgruppens sammanfattning');
    await box.scrollIntoViewIfNeeded();
    expect(await box.inputValue()).toBe('');
    const text = 'Kommunstyrelsen har nått de flesta av sina mål för 2025.\n\nTryggheten i skolan kräver fortsatt arbete under 2026.';
    await box.fill(text);
    await page.getByRole('button', { name: 'Spara sammanfattning' }).click();
    await page.getByText('Sammanfattningen är sparad och används i rapporten.').waitFor({ timeout: 30_000 });
    await page.getByText(/Senast sparad .* av /).waitFor();
    const stored = (await h.app.store.summaries.get('2025-T3'))!;
    expect(stored.current).toMatchObject({ text, by: { id: ME.aadObjectId }, source: 'teams' });
    expect(stored.history).toHaveLength(1);
    expect(await h.axeViolations()).toEqual([]);
    await page.getByRole('heading', { name: '5 Sammanfattning' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await h.screenshot('tab-summary', { fullPage: false });
  });

  it('works by keyboard: the skip link, the views with the arrow keys, a form with Tab', async () => {
    const { page } = h;
    await page.goto(`${h.app.http.url}/tab/`);
    await page.getByRole('tab', { name: 'Plan' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till innehållet');
    await page.getByRole('tab', { name: 'Plan' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Omgångar' }).evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ny omgång' }).waitFor();
    await page.getByLabel('År').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
  });

  it('an owner sees "Mina aktiviteter" and reports there', async () => {
    const { page } = h;
    const owner = DEMO_USERS[0]!;
    await page.getByRole('link', { name: 'Byt person' }).click();
    await page.getByLabel('Person').selectOption(owner.aadObjectId);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: /Mina aktiviteter, T[123] / }).first().waitFor();
    expect(await page.getByRole('tab', { name: 'Omgångar' }).count()).toBe(0);
    const first = page.getByRole('article').first();
    const ref = (await first.getByRole('heading').innerText()).split(' ')[0]!;
    // with no status chosen there is nothing to save
    await page.getByLabel(`Status för ${ref}`).selectOption('');
    expect(await first.getByRole('button', { name: 'Spara' }).isDisabled()).toBe(true);
    await page.getByLabel(`Status för ${ref}`).selectOption('in-progress');
    expect(await first.getByRole('button', { name: 'Spara' }).isDisabled()).toBe(false);
    await page.getByLabel(`Kommentar för ${ref}`).fill('Arbetet går enligt plan.');
    await first.getByRole('button', { name: 'Spara' }).click();
    await first.getByText(/^Sparad /).waitFor();
    const reports = await h.app.store.reports.listByOwner((await h.app.collection.openRounds())[0]!.id, owner.aadObjectId);
    expect(reports.find((r) => r.activityRef === ref)!.current).toMatchObject({ status: 'in-progress', comment: 'Arbetet går enligt plan.' });
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-mine', { fullPage: false });

    // the Teams theme is followed (outside Teams, ?theme= stands in for app.getContext): dark and contrast
    for (const theme of ['dark', 'contrast']) {
      await page.goto(`${h.app.http.url}/tab/?theme=${theme}`);
      await page.getByRole('heading', { name: /Mina aktiviteter, T[123] / }).first().waitFor();
      expect(await h.axeViolations()).toEqual([]);
      await h.screenshot(`tab-mine-${theme}`, { fullPage: false });
    }
  });

  it('an owner hands one activity to a colleague and takes it back; an admin enters a measure outcome and hands over for an owner', async () => {
    const { page } = h;
    const owner = DEMO_USERS[0]!;
    const colleague = DEMO_USERS[1]!;
    await page.goto(`${h.app.http.url}/tab/`);
    const handover = page.getByRole('region', { name: /^Ersättare, tertial/ });
    await handover.waitFor();
    const roundId = (await h.app.collection.openRounds())[0]!.id;
    const ref = (await handover.getByLabel('Vad lämnas över').locator('option').nth(1).getAttribute('value'))!;
    await handover.getByLabel('Vad lämnas över').selectOption(ref);
    await handover.getByLabel('Till vem').selectOption(colleague.aadObjectId);
    await handover.getByRole('button', { name: 'Lämna över' }).click();
    await handover.getByText(`${colleague.name} rapporterar för dig: ${ref}`, { exact: false }).first().waitFor();
    const live = async () => ((await h.app.store.rounds.get(roundId))!.substitutions ?? []).filter((s) => s.endedAt === null);
    expect(await live()).toEqual([expect.objectContaining({ ownerId: owner.aadObjectId, substituteId: colleague.aadObjectId, activityRef: ref })]);
    expect(await h.axeViolations()).toEqual([]);
    await handover.scrollIntoViewIfNeeded();
    await h.screenshot('tab-handover-owner', { fullPage: false });
    await handover.getByRole('button', { name: new RegExp(`^Ta tillbaka ${ref.replace(/\./g, '\\.')}`) }).click();
    await handover.getByText('Ingen ersättare just nu.').waitFor();
    expect(await live()).toEqual([]);

    // the admin: a measure of this year's plan gets its outcome in "Mått"
    const year = Number(roundId.slice(0, 4));
    const plan = (await h.app.store.plans.get(year))!;
    const goalRef = plan.goals.find((g) => !g.archived && g.kind === 'ks')!.ref;
    const mref = `${goalRef}.M1`;
    await h.app.store.plans.save({
      ...plan,
      goals: plan.goals.filter((g) => !g.archived),
      activities: plan.activities.filter((a) => !a.archived),
      measures: [{ year, ref: mref, goalRef, name: 'Andel nöjda besökare', unit: '%', kind: 'number', direction: 'higher', baseline: null, target: { value: 80 }, ownerId: null, order: 0, archived: false }],
    });
    await page.getByRole('link', { name: 'Byt person' }).click();
    await page.getByLabel('Person').selectOption(ME.aadObjectId);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('tab', { name: 'Mått' }).click();
    await page.getByLabel(`Period för ${mref}`).selectOption(`${year}-T3`);
    await page.getByLabel(`Utfall för ${mref} (%)`).fill('82,5');
    await page.getByLabel(`Kommentar för ${mref}`).fill('Enkät i november');
    await page.getByRole('button', { name: `Spara utfall för ${mref}` }).click();
    await page.getByText(`Sparat: ${mref} Andel nöjda besökare, ${year}-T3: 82,5 %`).waitFor();
    expect((await h.app.store.outcomes.get(year, mref, `${year}-T3`))!.current).toMatchObject({ value: 82.5, comment: 'Enkät i november', source: 'teams' });
    expect(await h.axeViolations()).toEqual([]);
    await h.screenshot('tab-measures', { fullPage: false });

    // and hands over all of an owner's activities in "Ägare"
    await page.getByRole('tab', { name: 'Ägare' }).click();
    await page.getByLabel('Ägare som är borta').selectOption(owner.aadObjectId);
    const forOwner = page.getByRole('region', { name: new RegExp(`^Ersättare, tertial .* för ${owner.name}`) });
    await forOwner.getByLabel('Till vem').selectOption(colleague.aadObjectId);
    await forOwner.getByRole('button', { name: 'Lämna över' }).click();
    await forOwner.getByText(`${colleague.name} rapporterar för ${owner.name}: alla aktiviteter`).waitFor();
    expect(await live()).toEqual([expect.objectContaining({ ownerId: owner.aadObjectId, substituteId: colleague.aadObjectId, activityRef: null, by: expect.objectContaining({ id: ME.aadObjectId }) })]);
    expect(await h.axeViolations()).toEqual([]);
    await forOwner.scrollIntoViewIfNeeded();
    await h.screenshot('tab-handover-admin', { fullPage: false });
  });
});
