/** Europe/Stockholm dates and times, across the daylight saving changes. */
import { addDays, isValidIsoDate, stockholmDate, stockholmInstant, weekday } from '../../services/rounds/stockholm-time';

describe('Stockholm time', () => {
  it('turns a local date and time into the instant, in winter and summer time', () => {
    expect(stockholmInstant('2025-01-15', '09:00').toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(stockholmInstant('2025-06-15', '09:00').toISOString()).toBe('2025-06-15T07:00:00.000Z');
    expect(stockholmInstant('2025-06-15').toISOString()).toBe('2025-06-14T22:00:00.000Z');
  });

  it('moves a time the spring change skips forward, and reads a repeated autumn time as standard time', () => {
    expect(stockholmInstant('2025-03-30', '02:30').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(stockholmInstant('2025-03-30', '03:00').toISOString()).toBe('2025-03-30T01:00:00.000Z');
    expect(stockholmInstant('2025-10-26', '02:30').toISOString()).toBe('2025-10-26T01:30:00.000Z');
    expect(stockholmInstant('2025-10-26', '03:00').toISOString()).toBe('2025-10-26T02:00:00.000Z');
  });

  it('gives the Stockholm calendar date of an instant near midnight', () => {
    expect(stockholmDate(new Date('2025-06-14T21:59:59Z'))).toBe('2025-06-14');
    expect(stockholmDate(new Date('2025-06-14T22:00:00Z'))).toBe('2025-06-15');
    expect(stockholmDate(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
  });

  it('adds calendar days across months, leap days and years; names weekdays from Sunday', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-31', -31)).toBe('2025-02-28');
    expect([weekday('2025-11-23'), weekday('2025-11-24'), weekday('2025-11-29')]).toEqual([0, 1, 6]);
  });

  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(['2024-02-29', '2025-12-31'].map(isValidIsoDate)).toEqual([true, true]);
    expect(['2025-02-29', '2025-04-31', '2025-13-01', '2025-1-01', '2025-01-01T00:00', 'igår'].map(isValidIsoDate)).toEqual([false, false, false, false, false, false]);
  });
});
