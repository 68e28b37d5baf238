/**
 * E2E in the Agents Playground (Chromium): first contact gives exactly one reminder. Opening the chat
 * brings the greeting with the round's reminder; the reminder wave that is due at the next scheduler
 * tick leaves that person out for the day (they have just been shown the round), while the others in
 * the wave are still handled by it.
 */
import { DEMO_PLAYGROUND_USER } from '../../demo/demo-users';
import { REMINDED_TODAY_REASON } from '../../services/dispatch/outbox-claims';
import { ShiftedClock } from '../support/shifted-clock';
import { startE2e, type E2eHarness } from './support/playground-harness';

jest.setTimeout(120_000);

// a Tuesday, 10:30 in Stockholm: a working day inside the send window, with the demo round's wave due
const TUESDAY_MORNING = '2026-12-01T09:30:00Z';

/** how many leaf elements in the page read exactly `text` */
const countText = (page: E2eHarness['page'], text: string) =>
  page.evaluate((t) => Array.from(document.querySelectorAll('*')).filter((e) => e.childElementCount === 0 && e.textContent === t).length, text);

describe('first contact', () => {
  let h: E2eHarness;
  beforeAll(async () => {
    h = await startE2e({ currentUser: DEMO_PLAYGROUND_USER, clock: new ShiftedClock(TUESDAY_MORNING) });
  });
  afterAll(async () => h?.close());

  it('gives exactly one reminder: the greeting brings it, and the due wave leaves the person out that day', async () => {
    const page = h.page;
    const owner = DEMO_PLAYGROUND_USER.aadObjectId;
    await h.openPersonalChat();
    const [round] = await h.app.collection.openRounds();
    expect(round).toBeDefined();
    const total = (await h.app.collection.itemsFor(owner, round!)).length;
    const progress = `0 av ${total} klara`;
    await page.getByText(progress, { exact: true }).first().waitFor({ timeout: 30_000 });
    expect(await countText(page, progress)).toBe(1);

    // the scheduler's tick: the round's latest due wave goes out now
    const results = await h.app.dispatcher.tick();
    const pass = results.find((r) => r.roundId === round!.id);
    expect(pass).toBeDefined();
    expect(pass!.remindedToday).toBe(1);
    expect(pass!.recipients).toBeGreaterThan(0);
    const entries = await h.app.store.outbox.listRound(round!.id);
    const mine = entries.filter((e) => e.ownerId === owner && e.wave === pass!.wave);
    expect(mine).toEqual([expect.objectContaining({ state: 'skipped', reason: REMINDED_TODAY_REASON })]);
    // the others in the wave were handled by it (here: not installed, so unreachable)
    const others = entries.filter((e) => e.ownerId !== owner && e.wave === pass!.wave);
    expect(others).toHaveLength(pass!.recipients);
    expect(others.every((e) => e.state === 'unreachable')).toBe(true);

    // a second tick the same day changes nothing either
    await h.app.dispatcher.tick();
    await page.waitForTimeout(3_000);
    expect(await countText(page, progress)).toBe(1);
    expect((await h.app.store.outbox.listRound(round!.id)).filter((e) => e.ownerId === owner && e.state === 'sent')).toEqual([]);
  });
});
