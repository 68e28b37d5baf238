/**
 * The ledningsgrupp's Sammanfattning against the real Cosmos SDK (embedded server): every save a
 * version, a stale writer and an overlong text refused in Swedish with nothing written, an owner
 * refused by the access policy.
 */
import { personPrincipal, operatorPrincipal } from '../../services/access/access-policy';
import { FakeClock } from '../../services/ports/clock';
import { MAX_SUMMARY_LENGTH, RoundSummaryService } from '../../services/summary/round-summary-service';
import { startTestStore, type TestStore } from '../support/embedded-store';

const LISTS = { admins: ['admin-1'], ledningsgrupp: ['lg-1'] };
const lg = personPrincipal({ id: 'lg-1', name: 'Åsa Ledningsgrupp' }, LISTS);
const owner = personPrincipal({ id: 'owner-1', name: 'Olle Ägare' }, LISTS);

describe('RoundSummaryService (embedded Cosmos)', () => {
  let t: TestStore;
  const clock = new FakeClock('2026-01-12T08:00:00.000Z');
  let service: RoundSummaryService;
  beforeAll(async () => {
    t = await startTestStore();
    service = new RoundSummaryService({ summaries: t.store.summaries, clock });
  });
  afterAll(async () => t?.close());

  it('keeps every version with who and when; the latest is current', async () => {
    expect(await service.get('2025-T3')).toBeNull();
    await service.write(lg, { roundId: '2025-T3', text: 'Utkast.', expectedVersions: 0, source: 'teams' });
    clock.advance(60_000);
    const second = await service.write(operatorPrincipal({ id: 'cli', name: 'Driften' }), { roundId: '2025-T3', text: ' Slutlig text. \r\n', source: 'cli' });
    expect(second.current).toEqual({ text: 'Slutlig text.', by: { id: 'cli', name: 'Driften' }, at: '2026-01-12T08:01:00.000Z', source: 'cli' });
    expect(second.history).toEqual([
      { text: 'Utkast.', by: { id: 'lg-1', name: 'Åsa Ledningsgrupp' }, at: '2026-01-12T08:00:00.000Z', source: 'teams' },
      second.current,
    ]);
    expect(await service.get('2025-T3')).toEqual(second);
    // another round's summary is its own
    expect(await service.get('2025-T2')).toBeNull();
  });

  it('refuses a writer who saw an older version, and one who expects none where one exists', async () => {
    await expect(service.write(lg, { roundId: '2025-T3', text: 'Min ändring.', expectedVersions: 1, source: 'teams' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('ändrats av någon annan'),
    });
    await expect(service.write(lg, { roundId: '2025-T3', text: 'Min ändring.', expectedVersions: 0, source: 'teams' })).rejects.toMatchObject({ code: 'conflict' });
    // a round nobody has written for: expecting a version is refused too, and nothing is created
    await expect(service.write(lg, { roundId: '2025-T1', text: 'x', expectedVersions: 2, source: 'teams' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await service.get('2025-T1')).toBeNull();
    expect((await service.get('2025-T3'))!.history).toHaveLength(2);
  });

  it('refuses an overlong text, naming its length and the limit, and writes nothing', async () => {
    const text = 'å'.repeat(MAX_SUMMARY_LENGTH + 5);
    await expect(service.write(lg, { roundId: '2025-T3', text, source: 'teams' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: `Sammanfattningen är ${MAX_SUMMARY_LENGTH + 5} tecken lång; den får vara högst ${MAX_SUMMARY_LENGTH} tecken. Inget har sparats.`,
    });
    // exactly the limit is fine
    await service.write(lg, { roundId: '2025-T2', text: 'a'.repeat(MAX_SUMMARY_LENGTH), source: 'teams' });
    expect((await service.get('2025-T3'))!.history).toHaveLength(2);
  });

  it('refuses an owner with the policy reason, and writes nothing', async () => {
    await expect(service.write(owner, { roundId: '2025-T3', text: 'Ägarens text.', source: 'teams' })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^Bara ledningsgruppen.*skriva omgångens sammanfattning/),
    });
    expect((await service.get('2025-T3'))!.current.text).toBe('Slutlig text.');
  });
});
