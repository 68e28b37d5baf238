import type { Round } from '../../services/domain/model';
import { ValidationError } from '../../services/errors';
import { chooseRound } from '../../bot/commands/round-choice';

const round = (year: number, tertial: 1 | 2 | 3, deadline: string, state: Round['state'] = 'scheduled'): Round => ({
  id: `${year}-T${tertial}`, year, tertial, deadline, waves: [14, 0], sendTime: '09:00', graceDays: 7, state, closedAt: null, createdAt: '2025-01-01T00:00:00.000Z', source: 'scheduled',
});

describe('chooseRound', () => {
  const rounds = [round(2025, 3, '2026-01-09', 'closed'), round(2026, 1, '2026-05-08'), round(2026, 2, '2026-09-08'), round(2025, 2, '2025-09-08', 'cancelled')];
  it('reads "2025 T3", "2025 3" and "T3 2025"', () => {
    for (const text of ['2025 T3', '2025 3', 'T3 2025', ' 2025t3 ']) expect(chooseRound(text, rounds, new Date())).toEqual({ year: 2025, tertial: 3 });
  });
  it('without arguments: the latest round that has opened and is not cancelled', () => {
    expect(chooseRound('', rounds, new Date('2026-05-01T10:00:00Z'))).toEqual({ year: 2026, tertial: 1 });
    expect(chooseRound('', rounds, new Date('2026-01-02T10:00:00Z'))).toEqual({ year: 2025, tertial: 3 });
  });
  it('refuses anything else with a hint', () => {
    expect(() => chooseRound('förra', rounds, new Date())).toThrow(ValidationError);
    expect(() => chooseRound('2025 T4', rounds, new Date())).toThrow(/2025 T3/);
    expect(() => chooseRound('', [], new Date())).toThrow(ValidationError);
  });
});
