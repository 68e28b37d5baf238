import { personPrincipal } from '../../services/access/access-policy';
import { CollectionService } from '../../services/collection/collection-service';
import { MAX_COMMENT_LENGTH } from '../../services/collection/submit-report';
import { configureLogger } from '../../services/logging/logger';
import { ADMIN, collectionFixture, fixtureRound, FRITID, HR, STRANGER } from '../support/collection-fixture';

configureLogger({ level: 'silent' });

const lists = { admins: [ADMIN], ledningsgrupp: [] };
const person = (id: string, name: string) => personPrincipal({ id, name }, lists);
const fritid = person(FRITID, 'Enhetschef Fritid');
const stranger = person(STRANGER, 'Ingen ägare');
const admin = person(ADMIN, 'Controller');
const valid = { roundId: '2026-T3', activityRef: '3.1.1.1', status: 'in-progress', comment: 'Allt enligt plan' };

async function setup(round = fixtureRound()) {
  const f = await collectionFixture({ round });
  const service = new CollectionService(f, f.clock);
  return { ...f, service };
}

describe('report submission from a card', () => {
  it('stores a valid report as a new version with who and when', async () => {
    const { service, reports } = await setup();
    const first = await service.submit(fritid, valid);
    expect(first.ok).toBe(true);
    const second = await service.submit(fritid, { ...valid, status: 'done', comment: '' });
    expect(second.ok).toBe(true);
    const stored = await reports.get('2026-T3', '3.1.1.1', FRITID);
    expect(stored?.history.map((v) => v.status)).toEqual(['in-progress', 'done']);
    expect(stored?.current).toEqual({ status: 'done', comment: null, by: { id: FRITID, name: 'Enhetschef Fritid' }, at: '2026-11-23T10:00:00.000Z', source: 'teams' });
  });

  it('stores a status code sent with spaces around it as the code', async () => {
    const { service, reports } = await setup();
    expect((await service.submit(fritid, { ...valid, status: ' done ', comment: '' })).ok).toBe(true);
    expect((await reports.get('2026-T3', '3.1.1.1', FRITID))?.current.status).toBe('done');
  });

  it('counts the owner’s progress for the receipt from their own reports', async () => {
    const { service } = await setup();
    const round = fixtureRound();
    expect(await service.progress(FRITID, round)).toEqual({ total: 2, done: 0, nextRef: '3.1.1.1' });
    const first = await service.submit(fritid, valid);
    expect(first.ok).toBe(true);
    expect(await service.progress(FRITID, round, first.ok ? first.report : undefined)).toEqual({ total: 2, done: 1, nextRef: '3.1.1.2' });
    // another owner's report of the shared activity is not the owner's progress
    await service.submit(person(HR, 'HR-chef'), { ...valid, activityRef: '3.1.1.2', status: 'on-hold', comment: 'Väntar' });
    expect(await service.progress(FRITID, round)).toEqual({ total: 2, done: 1, nextRef: '3.1.1.2' });
  });

  it('reads the owner’s reports for the receipt once; this instance’s submits keep the count current', async () => {
    const { service, reports } = await setup();
    const round = fixtureRound();
    const listByOwner = jest.spyOn(reports, 'listByOwner');
    expect(await service.progress(FRITID, round)).toEqual({ total: 2, done: 0, nextRef: '3.1.1.1' });
    const first = await service.submit(fritid, valid);
    // the count follows the submit even without the report handed to progress()
    expect(await service.progress(FRITID, round)).toEqual({ total: 2, done: 1, nextRef: '3.1.1.2' });
    const second = await service.submit(fritid, { ...valid, activityRef: '3.1.1.2', status: 'done' });
    expect(await service.progress(FRITID, round, second.ok ? second.report : undefined)).toEqual({ total: 2, done: 2, nextRef: null });
    expect(first.ok && second.ok).toBe(true);
    expect(listByOwner).toHaveBeenCalledTimes(1);
  });

  it('keeps each owner’s report of a shared activity separate', async () => {
    const { service, reports } = await setup();
    await service.submit(fritid, { ...valid, activityRef: '3.1.1.2', status: 'done' });
    await service.submit(person(HR, 'HR-chef'), { ...valid, activityRef: '3.1.1.2', status: 'on-hold', comment: 'Väntar på budget' });
    const all = await reports.listByRound('2026-T3');
    expect(all.map((r) => [r.ownerId, r.current.status]).sort()).toEqual([
      [FRITID, 'done'],
      [HR, 'on-hold'],
    ]);
  });

  it('keeps markdown and template syntax in a comment as plain text', async () => {
    const { service, reports } = await setup();
    const comment = '**fet** _kursiv_ [länk](http://x) ${status} {{DATE(2026-01-01T00:00:00Z, SHORT)}} <b>html</b>';
    expect((await service.submit(fritid, { ...valid, comment })).ok).toBe(true);
    expect((await reports.get('2026-T3', '3.1.1.1', FRITID))?.current.comment).toBe(comment);
  });

  it('lets an admin report for an owner (by: the admin), not for a non-owner', async () => {
    const { service, reports } = await setup();
    const ok = await service.submit(admin, { ...valid, ownerId: FRITID });
    expect(ok.ok).toBe(true);
    expect((await reports.get('2026-T3', '3.1.1.1', FRITID))?.current.by).toEqual({ id: ADMIN, name: 'Controller' });
    const refused = await service.submit(admin, { ...valid, ownerId: STRANGER });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
  });

  const rejections: [string, () => Promise<Awaited<ReturnType<typeof setup>>>, object, unknown, string, RegExp][] = [
    ['unknown activity', () => setup(), fritid, { ...valid, activityRef: '9.9.9.9' }, 'not-found', /Aktivitet 9\.9\.9\.9 finns inte i planen för 2026/],
    ['archived activity', () => setup(), fritid, { ...valid, activityRef: '3.1.1.9' }, 'not-found', /Aktivitet 3\.1\.1\.9 finns inte/],
    ['unknown round', () => setup(), fritid, { ...valid, roundId: '2026-T1' }, 'not-found', /Omgången T1 2026 finns inte/],
    ['wrong owner', () => setup(), stranger, valid, 'forbidden', /inte ägare till aktivitet 3\.1\.1\.1/],
    ['owner of another activity', () => setup(), fritid, { ...valid, activityRef: '4.1.1' }, 'forbidden', /inte ägare/],
    ['reporting for someone else without being admin', () => setup(), fritid, { ...valid, ownerId: HR }, 'forbidden', /bara rapportera för dig själv/],
    ['closed round (closed by an admin)', () => setup(fixtureRound({ state: 'closed', closedAt: '2026-11-20T00:00:00.000Z' })), fritid, valid, 'round-closed', /inte öppen/],
    ['closed round (past deadline + grace)', () => setup(fixtureRound({ deadline: '2026-11-01' })), fritid, valid, 'round-closed', /inte öppen/],
    ['round not yet open', () => setup(fixtureRound({ deadline: '2027-04-30' })), fritid, valid, 'round-closed', /inte öppen/],
    ['invalid status', () => setup(), fritid, { ...valid, status: 'almost-done' }, 'invalid-input', /^Den statusen finns inte\. Välj en av: Ej påbörjad, /],
    ['missing status', () => setup(), fritid, { roundId: '2026-T3', activityRef: '3.1.1.1', comment: 'x' }, 'invalid-input', /status/],
    ['missing comment for a deviation', () => setup(), fritid, { ...valid, status: 'in-progress-deviation', comment: '   ' }, 'invalid-input', /kommentar krävs.*Pågående med avvikelse/i],
    ['missing comment for Avslutad med avvikelse', () => setup(), fritid, { ...valid, status: 'done-deviation', comment: undefined }, 'invalid-input', /kommentar krävs/i],
    ['missing comment for Vänteläge', () => setup(), fritid, { ...valid, status: 'on-hold', comment: '' }, 'invalid-input', /kommentar krävs.*Vänteläge/i],
    ['oversized comment', () => setup(), fritid, { ...valid, comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }, 'invalid-input', /Kommentaren är 2\u00a0001 tecken lång; högst 2\u00a0000/],
    ['malformed payload', () => setup(), fritid, { roundId: 42, activityRef: null }, 'invalid-input', /Fältet omgång har fel form/],
    ['a status of the wrong shape', () => setup(), fritid, { ...valid, status: 'x'.repeat(41) }, 'invalid-input', /Fältet status är för långt: 41 tecken, högst 40/],
    ['a huge activity ref', () => setup(), fritid, { ...valid, activityRef: 'x'.repeat(900_000) }, 'invalid-input', /Fältet aktivitet är för långt: 900\u00a0000 tecken, högst 40/],
    ['a bad activity ref', () => setup(), fritid, { ...valid, activityRef: '[a](http://x)' }, 'invalid-input', /^Svaret kunde inte läsas: aktivitet saknas eller är ogiltig\.$/],
    ['an empty round id', () => setup(), fritid, { ...valid, roundId: '' }, 'invalid-input', /^Svaret kunde inte läsas: omgång saknas eller är ogiltig\.$/],
    ['an empty round id beside an unknown status: the malformed field first', () => setup(), fritid, { ...valid, roundId: '', status: 'almost-done' }, 'invalid-input', /^Svaret kunde inte läsas: omgång saknas eller är ogiltig\.$/],
    ['an unknown status with spaces around it', () => setup(), fritid, { ...valid, status: ' klar ' }, 'invalid-input', /^Den statusen finns inte\. Välj en av: Ej påbörjad, Pågående enligt plan, Pågående med avvikelse, Avslutad enligt plan, Avslutad med avvikelse, Vänteläge\.$/],
    ['not an object at all', () => setup(), fritid, 'rubbish', 'invalid-input', /kunde inte läsas/],
    ['a comment of the wrong type', () => setup(), fritid, { ...valid, comment: { text: 'x' } }, 'invalid-input', /Fältet kommentar har fel form/],
  ];

  it.each(rejections)('refuses: %s, with a Swedish reason, storing nothing', async (_name, make, who, data, code, reason) => {
    const { service, reports } = await make();
    const outcome = await service.submit(who as typeof fritid, data);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe(code);
    expect(outcome.reason).toMatch(reason);
    expect(reports.items.size).toBe(0);
  });

  it('refuses an oversized field without repeating it, and never shows zod\'s English', async () => {
    const { service } = await setup();
    const huge = '[klicka](https://example.com) ${x} '.repeat(30_000);
    for (const data of [{ ...valid, comment: huge }, { ...valid, status: huge }, { ...valid, ownerId: huge }, { ...valid, roundId: huge }]) {
      const outcome = await service.submit(fritid, data);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.reason.length).toBeLessThan(300);
      expect(outcome.reason).not.toContain('klicka');
    }
    for (const data of [{ roundId: 1 }, { ...valid, roundId: 'x' }, { ...valid, activityRef: '' }, {}]) {
      const outcome = await service.submit(fritid, data);
      if (outcome.ok) return;
      expect(outcome.reason).not.toMatch(/Expected|Invalid|received|String must/);
    }
  });

  it('counts a comment\'s length as the person sees it (CRLF is one line break)', async () => {
    const { service } = await setup();
    const crlf = `${'a'.repeat(998)}\r\n${'b'.repeat(1001)}`; // 2,001 characters sent, 2,000 seen
    expect((await service.submit(fritid, { ...valid, comment: crlf })).ok).toBe(true);
  });

  it('accepts a comment of exactly the maximum length', async () => {
    const { service } = await setup();
    expect((await service.submit(fritid, { ...valid, comment: 'y'.repeat(MAX_COMMENT_LENGTH) })).ok).toBe(true);
  });
});
