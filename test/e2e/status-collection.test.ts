/**
 * End to end in the Microsoft 365 Agents Playground (msteams channel), driven in Debian's Chromium:
 * an owner gets the reminder on opening the chat, reports a status with a comment, sees the card
 * replaced by the receipt, and the report is in the store (`tertial export`). A user who does not
 * own the activity cannot report it.
 */
import { runCli } from '../../cli/run-cli';
import { renderReportFormCard } from '../../cards/report-form-card';
import { DEMO_KOMMUNCHEF, DEMO_PLAYGROUND_USER } from '../../demo/demo-users';
import { startE2e, type E2eHarness } from './support/playground-harness';

jest.setTimeout(120_000);

async function exportYear(h: E2eHarness, year: number): Promise<{ reports: { roundId: string; activityRef: string; ownerId: string; current: { status: string; comment: string | null; by: { id: string } } }[] }> {
  let out = '';
  const code = await runCli(['export', '--year', String(year), '--json'], { store: h.app.store, stdout: { write: (t: string) => (out += t) }, stderr: { write: () => undefined } });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('status collection in the Agents Playground', () => {
  describe('an owner', () => {
    let h: E2eHarness;
    beforeAll(async () => {
      h = await startE2e({ currentUser: DEMO_PLAYGROUND_USER });
    });
    afterAll(async () => h?.close());

    it('gets the reminder, reports a status with a comment, and sees the card updated in place', async () => {
      const page = h.page;
      await h.openPersonalChat();
      // the reminder arrives by itself when the chat opens
      await page.getByText(/Tertialuppföljning T\d \d{4}/).first().waitFor({ timeout: 30_000 });
      const [round] = await h.app.collection.openRounds();
      expect(round).toBeDefined();
      const items = await h.app.collection.itemsFor(DEMO_PLAYGROUND_USER.aadObjectId, round!);
      const first = items[0]!;
      await page.getByText(first.activity.title, { exact: false }).first().waitFor();

      await page.getByRole('button', { name: 'Rapportera' }).first().click();
      await page.getByText('Förra tertialen').waitFor({ timeout: 15_000 });
      await page.getByRole('radio', { name: 'Pågående med avvikelse' }).check();
      const comment = 'Lokalen **försenad** ${status} {{DATE(2026-01-01T00:00:00Z, SHORT)}} _kursiv_';
      await page.locator('textarea').first().fill(comment);
      await page.getByRole('button', { name: 'Skicka' }).click();

      // the form is replaced by the receipt, in the same message
      await page.getByText(/Rapport sparad/).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Ändra' }).waitFor();
      await page.getByText('Pågående med avvikelse').first().waitFor();
      // markdown and template syntax are shown literally
      await page.getByText('**försenad** ${status}', { exact: false }).first().waitFor();
      expect(await page.getByRole('button', { name: 'Skicka' }).count()).toBe(0);

      const stored = await h.app.store.reports.get(round!.id, first.activity.ref, DEMO_PLAYGROUND_USER.aadObjectId);
      expect(stored?.current.status).toBe('in-progress-deviation');
      expect(stored?.current.comment).toBe(comment);
      expect(stored?.current.by.id).toBe(DEMO_PLAYGROUND_USER.aadObjectId);

      const exported = await exportYear(h, round!.year);
      const row = exported.reports.find((r) => r.roundId === round!.id && r.activityRef === first.activity.ref && r.ownerId === DEMO_PLAYGROUND_USER.aadObjectId);
      expect(row?.current).toMatchObject({ status: 'in-progress-deviation', comment });
    });

    it('answers the commands typed in the chat: mina aktiviteter, hjälp, and anything else', async () => {
      const page = h.page;
      const cardsBefore = await page.getByText(/Tertialuppföljning T\d \d{4}/).count();
      await h.sendMessage('mina aktiviteter');
      await page.waitForFunction(
        (n) => document.body.innerText.split(/Tertialuppföljning T\d \d{4}/).length - 1 > n,
        cardsBefore,
        { timeout: 15_000 },
      );
      await h.sendMessage('hjälp');
      await page.getByText(/Det här kan du skriva:/).first().waitFor({ timeout: 15_000 });
      await h.sendMessage('vad är klockan');
      await page.getByText(/Det förstod jag inte/).first().waitFor({ timeout: 15_000 });
    });

    it('stored the Playground conversation reference, so proactive sends reach the chat', async () => {
      const conv = await h.app.conversations.getUser(DEMO_PLAYGROUND_USER.aadObjectId);
      expect(conv?.serviceUrl).toContain(`:${h.app.playground!.port}`);
      const result = await h.app.messenger.sendToUser(DEMO_PLAYGROUND_USER.aadObjectId, {
        summary: 'test',
        card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Proaktiv hälsning från testet' }] },
      });
      expect(result.outcome).toBe('sent');
      await h.page.getByText('Proaktiv hälsning från testet').waitFor({ timeout: 15_000 });
    });
  });

  describe('a user who does not own the activity', () => {
    let h: E2eHarness;
    beforeAll(async () => {
      h = await startE2e({ currentUser: { aadObjectId: DEMO_KOMMUNCHEF.aadObjectId, name: DEMO_KOMMUNCHEF.name, email: DEMO_KOMMUNCHEF.email } });
    });
    afterAll(async () => h?.close());

    it('cannot report it: refused with the reason, nothing stored', async () => {
      const page = h.page;
      await h.openPersonalChat();
      await page.getByText(/Hej Kommunchef|Hej!/).first().waitFor({ timeout: 30_000 });
      // a form for Enhetschef Fritid's activity lands in the kommunchef's chat (e.g. forwarded)
      const [round] = await h.app.collection.openRounds();
      const items = await h.app.collection.itemsFor(DEMO_PLAYGROUND_USER.aadObjectId, round!);
      const item = items[0]!;
      const sent = await h.app.messenger.sendToUser(DEMO_KOMMUNCHEF.aadObjectId, renderReportFormCard(item, round!));
      expect(sent.outcome).toBe('sent');

      await page.getByRole('radio', { name: 'Avslutad enligt plan' }).check({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Skicka' }).click();
      await page.getByText(/inte ägare till aktivitet/).first().waitFor({ timeout: 15_000 });

      expect(await h.app.store.reports.get(round!.id, item.activity.ref, DEMO_KOMMUNCHEF.aadObjectId)).toBeNull();
      expect(await h.app.store.reports.listByRound(round!.id)).toEqual([]);
    });
  });
});
