import { closesAt, dueWaves, roundPhase, waveSchedule } from '../../services/rounds/round-calendar';
import { stockholmInstant } from '../../services/rounds/stockholm-time';
import { isWorkingDay } from '../../services/rounds/working-days';
import { makeRound } from '../support/dispatch-fixtures';

const round = makeRound;

describe('round calendar', () => {
  it('moves waves off Easter to the working day before', () => {
    // deadline 2026-04-10: offset 7 is 2026-04-03 långfredagen, offset 4 is 2026-04-06 annandag påsk;
    // both move back to skärtorsdagen 2026-04-02 (a working day)
    const waves = waveSchedule(round({ deadline: '2026-04-10', waves: [7, 4, 0] }));
    expect(waves.map((w) => [w.offset, w.plannedDate, w.date])).toEqual([
      [7, '2026-04-03', '2026-04-02'],
      [0, '2026-04-10', '2026-04-10'],
    ]);
  });

  it('moves a wave after the deadline to the working day after, so it is not lost in the deadline\'s', () => {
    // deadline Friday 2027-04-30: two days after is Sunday 2 May (1 May is a holiday) → Monday 3 May
    const waves = waveSchedule(round({ deadline: '2027-04-30', waves: [2, 0, -2] }));
    expect(waves.map((w) => [w.offset, w.plannedDate, w.date])).toEqual([
      [2, '2027-04-28', '2027-04-28'],
      [0, '2027-04-30', '2027-04-30'],
      [-2, '2027-05-02', '2027-05-03'],
    ]);
    // and after Easter: -1 from skärtorsdagen 2026-04-02 is långfredagen → tisdag 2026-04-07
    expect(waveSchedule(round({ deadline: '2026-04-02', waves: [0, -1] })).map((w) => w.date)).toEqual(['2026-04-02', '2026-04-07']);
  });

  it('sends two waves that land on one day only once', () => {
    const waves = waveSchedule(round({ deadline: '2026-04-10', waves: [7, 4, 0] }));
    expect(waves.map((w) => w.date)).toEqual(['2026-04-02', '2026-04-10']);
    expect(waves.map((w) => w.offset)).toEqual([7, 0]);
  });

  it('moves a wave off midsummer eve and Christmas', () => {
    expect(isWorkingDay('2026-06-19')).toBe(false); // midsommarafton
    expect(waveSchedule(round({ deadline: '2026-06-19', waves: [0] }))[0]!.date).toBe('2026-06-18');
    // julafton (Thu), juldagen, annandag jul, weekend: 2026-12-28 (Mon) - 4 = 2026-12-24 → 2026-12-23
    expect(waveSchedule(round({ deadline: '2026-12-28', waves: [4] }))[0]!.date).toBe('2026-12-23');
  });

  it('sends at the local time across daylight saving', () => {
    expect(stockholmInstant('2026-01-15', '09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(stockholmInstant('2026-06-15', '09:00').toISOString()).toBe('2026-06-15T07:00:00.000Z');
  });

  it('is upcoming before the first wave, open until deadline + grace, closed after', () => {
    const r = round();
    const first = waveSchedule(r)[0]!.at;
    expect(roundPhase(r, new Date(first.getTime() - 1))).toBe('upcoming');
    expect(roundPhase(r, first)).toBe('open');
    expect(closesAt(r).toISOString()).toBe('2026-05-07T22:00:00.000Z');
    expect(roundPhase(r, new Date('2026-05-07T21:59:59Z'))).toBe('open');
    expect(roundPhase(r, new Date('2026-05-07T22:00:00Z'))).toBe('closed');
    expect(roundPhase({ ...r, state: 'closed' }, first)).toBe('closed');
    expect(roundPhase({ ...r, state: 'cancelled' }, first)).toBe('cancelled');
  });

  it('lists the waves due by now', () => {
    const r = round();
    expect(dueWaves(r, new Date('2026-04-20T12:00:00Z')).map((w) => w.offset)).toEqual([28, 14]);
  });
});
