import { parseDateText, readDate } from '../../services/rounds/swedish-date';
import { roundNotes } from '../../services/rounds/round-notes';

describe('dates as admins write them', () => {
  it.each([
    [['2026-04-30'], 2026, 1, '2026-04-30', 1],
    [['2026-4-3'], 2026, 1, '2026-04-03', 1],
    [['30', 'april'], 2026, 1, '2026-04-30', 2],
    [['30', 'April', 'vågor', '14'], 2026, 1, '2026-04-30', 2],
    [['31', 'jan', '2027'], 2026, 3, '2027-01-31', 3],
    [['15', 'januari'], 2026, 3, '2027-01-15', 2], // T3's window runs into the next year
    [['1.', 'sept'], 2026, 3, '2026-09-01', 2],
  ] as const)('%j for T%i %i → %s', (words, year, tertial, date, used) => {
    expect(readDate(words, { year, tertial: tertial as unknown as 1 })).toEqual({ date, words: used });
  });

  it('says how to write a date it does not understand', () => {
    expect(() => readDate(['30', 'aprill'], { year: 2026, tertial: 1 })).toThrow('”30 aprill” är inget datum jag förstår. Skriv det som ÅÅÅÅ-MM-DD (2026-04-30) eller med månadens namn (30 april 2026).');
    expect(() => readDate(['31', 'april'], { year: 2026, tertial: 1 })).toThrow(/”31 april” är inget datum/);
    expect(() => parseDateText('i morgon', { year: 2026, tertial: 1 })).toThrow(/”i morgon” är inget datum/);
    expect(readDate(['vågor', '14'], { year: 2026, tertial: 1 })).toBeNull();
  });
});

describe('notes on a round just scheduled', () => {
  it('warns when the year has no plan', () => {
    expect(roundNotes({ year: 2027, deadline: '2027-04-30', waves: [14], sendTime: '09:00' }, false)).toEqual([
      'Det finns ingen plan för 2027: ingen får en påminnelse förrän planen är importerad (tertial import plan FIL).',
    ]);
    expect(roundNotes({ year: 2027, deadline: '2027-04-30', waves: [14], sendTime: '09:00' }, true)).toEqual([]);
  });

  it('says when the wave on the last day moves onto another wave and is sent with it', () => {
    // 2026-05-31 is a Sunday: wave 0 moves to Friday 2026-05-29, the day of wave 2
    const notes = roundNotes({ year: 2026, deadline: '2026-05-31', waves: [28, 14, 7, 2, 0, -2], sendTime: '09:00' }, true);
    expect(notes).toEqual(['Vågen på sista svarsdagen flyttas från 2026-05-31 (helg eller helgdag) till 2026-05-29 och infaller samma dag som vågen 2 dagar före: de skickas som en påminnelse 2026-05-29.']);
  });
});
