import { CollectionService } from '../../services/collection/collection-service';
import { MAX_COMMENT_LENGTH } from '../../services/collection/submit-report';
import { configureLogger } from '../../services/logging/logger';
import { ADMIN, collectionFixture, fixtureRound, FRITID, HR, STRANGER } from '../support/collection-fixture';

configureLogger({ level: 'silent' });

const fritid = { aadObjectId: FRITID, name: 'Enhetschef Fritid', isAdmin: false };
const stranger = { aadObjectId: STRANGER, name: 'Ingen ägare', isAdmin: false };
const admin = { aadObjectId: ADMIN, name: 'Controller', isAdmin: true };
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

  it('keeps each owner’s report of a shared activity separate', async () => {
    const { service, reports } = await setup();
    await service.submit(fritid, { ...valid, activityRef: '3.1.1.2', status: 'done' });
    await service.submit({ aadObjectId: HR, name: 'HR-chef', isAdmin: false }, { ...valid, activityRef: '3.1.1.2', status: 'on-hold', comment: 'Väntar på budget' });
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
    ['unknown activity', () => setup(), fritid, { ...valid, activityRef: '9.9.9.9' }, 'not-found', /Okänd aktivitet 9\.9\.9\.9/],
    ['archived activity', () => setup(), fritid, { ...valid, activityRef: '3.1.1.9' }, 'not-found', /Okänd aktivitet 3\.1\.1\.9/],
    ['unknown round', () => setup(), fritid, { ...valid, roundId: '2026-T1' }, 'not-found', /Okänd omgång 2026-T1/],
    ['wrong owner', () => setup(), stranger, valid, 'forbidden', /inte ägare till aktivitet 3\.1\.1\.1/],
    ['owner of another activity', () => setup(), fritid, { ...valid, activityRef: '4.1.1' }, 'forbidden', /inte ägare/],
    ['reporting for someone else without being admin', () => setup(), fritid, { ...valid, ownerId: HR }, 'forbidden', /bara rapportera för dig själv/],
    ['closed round (closed by an admin)', () => setup(fixtureRound({ state: 'closed', closedAt: '2026-11-20T00:00:00.000Z' })), fritid, valid, 'round-closed', /inte öppen/],
    ['closed round (past deadline + grace)', () => setup(fixtureRound({ deadline: '2026-11-01' })), fritid, valid, 'round-closed', /inte öppen/],
    ['round not yet open', () => setup(fixtureRound({ deadline: '2027-04-30' })), fritid, valid, 'round-closed', /inte öppen/],
    ['invalid status', () => setup(), fritid, { ...valid, status: 'almost-done' }, 'invalid-input', /Ogiltig status "almost-done"/],
    ['missing status', () => setup(), fritid, { roundId: '2026-T3', activityRef: '3.1.1.1', comment: 'x' }, 'invalid-input', /status/],
    ['missing comment for a deviation', () => setup(), fritid, { ...valid, status: 'in-progress-deviation', comment: '   ' }, 'invalid-input', /kommentar krävs.*Pågående med avvikelse/i],
    ['missing comment for Avslutad med avvikelse', () => setup(), fritid, { ...valid, status: 'done-deviation', comment: undefined }, 'invalid-input', /kommentar krävs/i],
    ['missing comment for Vänteläge', () => setup(), fritid, { ...valid, status: 'on-hold', comment: '' }, 'invalid-input', /kommentar krävs.*Vänteläge/i],
    ['oversized comment', () => setup(), fritid, { ...valid, comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }, 'invalid-input', /för lång: 2001 tecken, högst 2000/],
    ['malformed payload', () => setup(), fritid, { roundId: 42, activityRef: null }, 'invalid-input', /kunde inte läsas/],
    ['not an object at all', () => setup(), fritid, 'rubbish', 'invalid-input', /kunde inte läsas/],
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

  it('accepts a comment of exactly the maximum length', async () => {
    const { service } = await setup();
    expect((await service.submit(fritid, { ...valid, comment: 'y'.repeat(MAX_COMMENT_LENGTH) })).ok).toBe(true);
  });
});
