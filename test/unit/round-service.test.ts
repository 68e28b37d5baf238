import { FakeClock } from '../../services/ports/clock';
import { RoundService } from '../../services/rounds/round-service';
import { deadlineWindow } from '../../services/rounds/round-rules';
import { MemoryRounds } from '../support/memory-repositories';

const setup = () => {
  const rounds = new MemoryRounds();
  const clock = new FakeClock('2026-03-02T10:00:00Z');
  return { rounds, clock, service: new RoundService({ rounds, clock }) };
};

const problemsOf = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
  } catch (e) {
    return (e as { details: string[] }).details;
  }
  throw new Error('expected a rejection');
};

describe('round service', () => {
  it('creates a round with the defaults', async () => {
    const { service } = setup();
    const r = await service.create({ year: 2026, tertial: 1, deadline: '2026-04-30' });
    expect(r).toMatchObject({ id: '2026-T1', waves: [28, 14, 7, 2, 0, -2], sendTime: '09:00', graceDays: 7, state: 'scheduled', source: 'scheduled' });
  });

  it.each([
    [{ tertial: 7 }, /tertial: 7 är ingen tertial/],
    [{ deadline: '2026-02-30' }, /2026-02-30 är inget riktigt datum \(skriv ÅÅÅÅ-MM-DD/],
    [{ year: 2025, tertial: 3, deadline: '2025-12-15' }, /stängt år/],
    [{ deadline: '2026-03-01' }, /sista svarsdag: 2026-03-01 har redan passerat/],
    [{ deadline: '2026-09-30' }, /passar inte T1 2026/],
    [{ waves: [14, -9] }, /-9 infaller efter att omgången stängt/],
    [{ waves: [14, 14] }, /14 står två gånger/],
    [{ waves: [1.5] }, /inget helt antal dagar/],
    [{ sendTime: '25:00' }, /ingen tid TT:MM/],
    [{ sendTime: '9:00' }, /ingen tid TT:MM/],
  ])('rejects %j and stores nothing', async (over, message) => {
    const { service, rounds } = setup();
    const problems = await problemsOf(service.create({ year: 2026, tertial: 1, deadline: '2026-04-30', ...over }));
    expect(problems.join('\n')).toMatch(message);
    expect(rounds.items.size).toBe(0);
  });

  it('lists every problem at once', async () => {
    const { service } = setup();
    const problems = await problemsOf(service.create({ year: 2026, tertial: 9, deadline: '2025-02-30', sendTime: 'x' }));
    expect(problems).toHaveLength(3);
  });

  it('has a sensible deadline window per tertial', () => {
    expect(deadlineWindow(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-07-31' });
    expect(deadlineWindow(2026, 2)).toEqual({ from: '2026-05-01', to: '2026-11-30' });
    expect(deadlineWindow(2025, 3)).toEqual({ from: '2025-09-01', to: '2026-03-31' });
  });

  it('refuses a second round of the same tertial', async () => {
    const { service } = setup();
    await service.create({ year: 2026, tertial: 1, deadline: '2026-04-30' });
    await expect(service.create({ year: 2026, tertial: 1, deadline: '2026-05-04' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('updates, closes and cancels with the rules applied', async () => {
    const { service, rounds } = setup();
    await service.create({ year: 2026, tertial: 1, deadline: '2026-04-30' });
    expect((await service.update(2026, 1, { sendTime: '08:30', waves: [7, 0] })).waves).toEqual([7, 0]);
    await expect(service.update(2026, 1, { waves: [-30] })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(rounds.items.get('2026-T1')!.waves).toEqual([7, 0]);
    const closed = await service.close(2026, 1);
    expect(closed).toMatchObject({ state: 'closed', closedAt: '2026-03-02T10:00:00.000Z' });
    await expect(service.update(2026, 1, { sendTime: '10:00' })).rejects.toMatchObject({ code: 'round-closed' });
    await expect(service.cancel(2026, 1)).rejects.toMatchObject({ code: 'round-closed' });
    await service.create({ year: 2026, tertial: 2, deadline: '2026-08-31' });
    expect((await service.cancel(2026, 2)).state).toBe('cancelled');
    expect((await service.list()).map((r) => [r.id, r.phase])).toEqual([
      ['2026-T1', 'closed'],
      ['2026-T2', 'cancelled'],
    ]);
  });

  it('says how to create a missing round', async () => {
    const { service } = setup();
    await expect(service.get(2026, 2)).rejects.toThrow(/tertial round create --year 2026 --tertial 2/);
  });
});
