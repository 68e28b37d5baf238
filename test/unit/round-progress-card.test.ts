import { MAX_LISTED, renderRoundProgressCard } from '../../cards/round-progress-card';
import type { OutboxEntry } from '../../services/ports/outbox';
import { buildProgress } from '../../services/rounds/round-progress';
import { waveName } from '../../services/rounds/wave-names';
import { makeOwners, makePlan, makeRound, ownerId } from '../support/dispatch-fixtures';

const entry = (owner: string, state: OutboxEntry['state'], reason: string | null = null): OutboxEntry => ({
  id: `w28:${owner}`, roundId: '2026-T1', wave: 'w28', ownerId: owner, state, leaseOwner: null, leaseUntil: null,
  attempts: [{ at: '2026-04-02T07:00:01Z', outcome: state === 'sent' ? 'sent' : 'unreachable', status: state === 'sent' ? 200 : 403, reason }],
  takeovers: 0, possibleDuplicate: false, claimedAt: '2026-04-02T07:00:00Z', updatedAt: '2026-04-02T07:00:01Z',
  sentAt: state === 'sent' ? '2026-04-02T07:00:01Z' : null, activityId: null, reason,
});

describe('round progress and its card', () => {
  const plan = makePlan(2026, 4);
  const owners = makeOwners(4);
  owners[1]!.name = 'Enhetschef {{DATE(2026-01-01)}} *fet*';
  const reports = [{ roundId: '2026-T1', activityRef: '1.1.1', ownerId: ownerId(0), current: { status: 'done' as const, comment: null, by: { id: ownerId(0), name: 'x' }, at: '2026-04-03T10:00:00Z', source: 'teams' as const }, history: [] }];
  const entries = [entry(ownerId(0), 'sent'), entry(ownerId(1), 'sent'), entry(ownerId(2), 'unreachable', '403: MessageWritesBlocked'), entry(ownerId(3), 'sent')];
  const now = new Date('2026-04-05T10:00:00Z');
  const progress = buildProgress(makeRound(), plan, owners, reports, entries, now);

  it('sums per owner: reported, missing, deliveries, unreachable with the reason', () => {
    expect(progress.totals).toEqual({ owners: 4, ownersDone: 1, reported: 1, missing: 3, unreachableOwners: 1, notReachedOwners: 1, sent: 3, failed: 0 });
    expect(progress.owners[2]!.unreachable).toEqual({ reason: '403: MessageWritesBlocked', at: '2026-04-02T07:00:01Z' });
    expect(progress.owners[2]!.notReached).toEqual({
      state: 'unreachable',
      at: '2026-04-02T07:00:01Z',
      reason: 'har blockerat Tertial i Teams',
      nextStep: 'Be personen häva blockeringen i chatten med Tertial (… → Avblockera), sedan Påminn igen; eller rapportera åt hen.',
    });
    expect(progress.owners[0]!.deliveries).toEqual([{ wave: 'w28', state: 'sent', at: '2026-04-02T07:00:01Z', attempts: 1, reason: null, problem: null, possibleDuplicate: false, via: null }]);
    expect(progress.waves[0]).toMatchObject({ wave: 'w28', sent: 3, unreachable: 1 });
  });

  it('names who has not answered and who was not reached, with the reason, the next step, the response rate and "Påminn igen"', () => {
    const { card, summary } = renderRoundProgressCard(progress, now, { canRemind: true, pressKey: 'press-0001' });
    const text = JSON.stringify(card);
    expect(summary).toBe('Läge T1 2026: 1 av 4 ägare klara, påminnelsen nådde inte fram till 1');
    expect(card.version).toBe('1.5');
    expect(text).toContain('"value":"1 av 4 ägare klara (25 %)"');
    expect(text).toContain('Påminnelsen nådde inte fram (1)');
    expect(text).toContain(`"text":"${owners[2]!.name}"`);
    expect(text).toContain(' har blockerat Tertial i Teams (2026-04-02 09:00) · 1 av 1 saknas');
    expect(text).toContain('Be personen häva blockeringen');
    expect(text).toContain('Har inte svarat (2)');
    expect(text).toContain(' · 1 av 1 saknas · påmind 2026-04-02 09:00');
    expect(text).toContain('Enhetschef {\u2060{DATE(2026-01-01)}} *fet*');
    expect(text).toContain('planerad');
    // every "Påminn igen" carries the drawing's press key: pressed twice, it sends once
    const remind = [...text.matchAll(/"title":"Påminn igen","verb":"tertial.progress.remind","data":\{"roundId":"2026-T1","ownerId":"([^"]+)","press":"press-0001"\}/g)].map((m) => m[1]);
    expect(remind.sort()).toEqual([ownerId(1), ownerId(2), ownerId(3)].sort());
    expect(JSON.stringify(renderRoundProgressCard(progress, now).card)).not.toContain('"title":"Påminn igen"');
  });

  it("counts a substitute's reminder under its owner: påmind via ersättare, the name literal", () => {
    const handed = makeRound({
      substitutions: [{ ownerId: ownerId(3), ownerName: 'Ägare 3', substituteId: ownerId(1), substituteName: owners[1]!.name, activityRef: '1.1.4', by: { id: ownerId(3), name: 'Ägare 3' }, at: '2026-03-30T08:00:00Z', endedAt: null, endedBy: null }],
    });
    const viaSubstitute = { ...entry(`${ownerId(3)}+${ownerId(1)}`, 'sent'), id: `w28:${ownerId(3)}+${ownerId(1)}` };
    const p = buildProgress(handed, plan, owners, reports, [entry(ownerId(0), 'sent'), entry(ownerId(1), 'sent'), viaSubstitute], now);
    expect(p.owners.map((o) => o.deliveries.length)).toEqual([1, 1, 0, 1]);
    const text = JSON.stringify(renderRoundProgressCard(p, now).card);
    expect(text).toContain(' · 1 av 1 saknas · påmind via ersättare Enhetschef {\u2060{DATE(2026-01-01)}} *fet* 2026-04-02 09:00');
    expect(text).toContain(' · 1 av 1 saknas · inte påmind än'); // owner 2: nothing went out
  });

  it('a failed send is listed as not reached too, with what to do', () => {
    const failed = buildProgress(makeRound(), plan, owners, reports, [entry(ownerId(1), 'failed', 'error: ingen konversation sparad och inget TEAMS_TENANT_ID: kan inte starta en 1:1-chatt')], now);
    expect(failed.totals).toMatchObject({ unreachableOwners: 0, notReachedOwners: 1 });
    const text = JSON.stringify(renderRoundProgressCard(failed, now).card);
    expect(text).toContain('har aldrig öppnat Tertial');
    expect(text).toContain('Be personen öppna Tertial i Teams en gång');
  });

  it('says when reminders are going out right now', () => {
    expect(JSON.stringify(renderRoundProgressCard(progress, now).card)).not.toContain('skickas just nu');
    const sending = buildProgress(makeRound(), plan, owners, reports, entries, now, { holder: 'bot-2', leaseUntil: '2026-04-05T10:02:00Z' });
    expect(sending.sender).toEqual({ holder: 'bot-2', leaseUntil: '2026-04-05T10:02:00Z' });
    expect(JSON.stringify(renderRoundProgressCard(sending, now).card)).toContain('påminnelser skickas just nu');
  });

  it('stays far under 40 KB for a round with thousands of owners', () => {
    const big = buildProgress(makeRound(), makePlan(2026, 3000), makeOwners(3000), [], [], now);
    const { card } = renderRoundProgressCard(big, now);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(20_000);
    expect(JSON.stringify(card)).toContain(`och ${3000 - MAX_LISTED} ägare till`);
  });
});

describe('wave names', () => {
  it.each([
    ['w28', 'våg 28'],
    ['w0', 'våg 0'],
    ['w-2', 'våg -2'],
    ['now-2026-03-02', 'Påminn nu'],
    ['again-0a1b2c3d4e5f6a7b', 'Påminn igen'],
    ['something-else', 'something-else'],
  ])('names %s as %s', (key, name) => {
    expect(waveName(key)).toBe(name);
  });
});
