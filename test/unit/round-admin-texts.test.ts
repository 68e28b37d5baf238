import { ROUND_ADMIN_TEXTS as T } from '../../cards/round-admin-texts';
import type { WaveResult } from '../../services/dispatch/dispatcher';

const result = (r: Partial<WaveResult>): WaveResult => ({
  roundId: '2026-T1', wave: 'now-2026-04-21', kind: 'manual', recipients: 0, sent: 0, unreachable: 0, failed: 0, skipped: 0,
  alreadyDone: 0, deferred: 0, remindedToday: 0, complete: true, senderBusy: false, ...r,
});

describe('påminn nu answers', () => {
  it('counts who got a reminder, who could not be reached and who reported meanwhile', () => {
    expect(T.reminded('2026-T1', result({ recipients: 6, sent: 4, unreachable: 1, skipped: 1 }))).toBe(
      'Omgång **T1 2026**, 6 ägare med saknade rapporter: 4 fick en påminnelse nu, 1 gick inte att nå (se **läge**), 1 hann rapportera.',
    );
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
