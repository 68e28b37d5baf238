import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import { oneReminderOutcome, type WaveResult } from '../../services/dispatch/dispatcher';

const result = (r: Partial<WaveResult>): WaveResult => ({
  roundId: '2026-T1', wave: 'now-2026-04-21', kind: 'manual', recipients: 0, sent: 0, unreachable: 0, failed: 0, skipped: 0,
  alreadyDone: 0, alreadySent: 0, problems: [], deferred: 0, remindedToday: 0, complete: true, senderBusy: false, ...r,
});

describe('påminn nu answers', () => {
  it('counts who got a reminder, who could not be reached and who reported meanwhile', () => {
    const text = T.reminded('2026-T1', result({ recipients: 6, sent: 4, unreachable: 1, skipped: 1, problems: [{ ownerId: 'o5', name: 'Åsa *Berg*', state: 'unreachable', reason: '403: MessageWritesBlocked', earlier: false }] }));
    expect(text.split('\n')[0]).toBe('Omgång **T1 2026**, 6 ägare med saknade rapporter: 4 fick en påminnelse nu, 1 gick inte att nå, 1 hann rapportera.');
    // the person by name, as plain text, with the reason and what to do
    expect(text).toContain('Nådde inte fram:');
    expect(text).toMatch(/- Åsa \\\*Berg\\\*: [^\n]+\. [^\n]+/);
    expect(text).not.toContain('(redan tidigare i dag)');
  });

  it('a second run the same day claims no reminder nobody got: earlier failures are named as such, not counted as "fått dagens påminnelse"', async () => {
    const problems = Array.from({ length: 6 }, (_, i) => ({ ownerId: `o${i}`, name: `Ägare ${i}`, state: 'failed' as const, reason: 'ingen konversation sparad och inget TEAMS_TENANT_ID', earlier: true }));
    const text = T.reminded('2026-T1', result({ recipients: 6, alreadyDone: 6, alreadySent: 0, problems }));
    expect(text).not.toContain('redan fått dagens påminnelse');
    expect(text).toContain('0 fick en påminnelse nu, 6 misslyckades');
    for (let i = 0; i < 6; i++) expect(text).toMatch(new RegExp(`- Ägare ${i}: .+ \\(redan tidigare i dag\\)`));
  });

  it('names at most ten people and points to läge for the rest', () => {
    const problems = Array.from({ length: 14 }, (_, i) => ({ ownerId: `o${i}`, name: `Ägare ${i}`, state: 'unreachable' as const, reason: '403: x', earlier: false }));
    const text = T.reminded('2026-T1', result({ recipients: 14, unreachable: 14, problems }));
    expect(text.match(/^- Ägare/gm)).toHaveLength(10);
    expect(text).toContain('… och 4 till, se **läge**.');
  });

  it('says how many still wait when another instance took over the sending mid-way', () => {
    const text = T.reminded('2026-T1', result({ recipients: 10, sent: 3, complete: false, senderBusy: true }));
    expect(text).toContain('3 fick en påminnelse nu');
    expect(text).toContain('7 väntar: en annan instans tog över utskicken');
  });

  it('says nothing about waiting when the pass finished', () => {
    expect(T.reminded('2026-T1', result({ recipients: 2, sent: 2 }))).not.toContain('väntar');
  });
});

describe('"Påminn igen" outcome lines on the läge card', () => {
  const line = (r: Partial<WaveResult>) => T.remindedOne('Åsa Berg', oneReminderOutcome(result({ wave: 'again-press-0001', ...r })));

  it('says what the press did, green when it went well, red when the reminder did not arrive', () => {
    expect(line({ recipients: 1, sent: 1 })).toEqual({ text: 'Påminnelse skickad till Åsa Berg nu.', good: true });
    expect(line({ recipients: 1, alreadyDone: 1, alreadySent: 1 })).toEqual({ text: 'Åsa Berg har redan fått den här påminnelsen. Tryck Påminn igen en gång till för en ny.', good: true });
    expect(line({ recipients: 1, deferred: 1, complete: false })).toEqual({ text: 'Påminnelsen till Åsa Berg är på väg; läge visar om den kom fram.', good: true });
    expect(line({})).toEqual({ text: 'Åsa Berg har inget kvar att rapportera: ingen påminnelse skickades.', good: true });
    // not reached, now or at the earlier handling of the same press: why, in words
    const blocked = { ownerId: 'o1', name: 'Åsa Berg', state: 'unreachable' as const, reason: '403: HTTP 403 MessageWritesBlocked' };
    expect(line({ recipients: 1, unreachable: 1, problems: [{ ...blocked, earlier: false }] })).toEqual({ text: 'Påminnelsen nådde inte fram till Åsa Berg: har blockerat Tertial i Teams.', good: false });
    expect(line({ recipients: 1, alreadyDone: 1, problems: [{ ...blocked, earlier: true }] })).toEqual({ text: 'Påminnelsen nådde inte fram till Åsa Berg: har blockerat Tertial i Teams.', good: false });
    expect(line({ recipients: 1, failed: 1, problems: [{ ...blocked, state: 'failed', reason: 'gav upp efter 6 försök; senast: 503 HTTP 503', earlier: false }] }).text).toBe(
      'Påminnelsen nådde inte fram till Åsa Berg: kunde inte nås just då (Teams svarade inte).',
    );
  });
});
