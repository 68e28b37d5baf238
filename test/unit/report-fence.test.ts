import type { Round, Substitution } from '../../services/domain/model';
import { mergeFence, reportFence } from '../../services/rounds/report-fence';
import { makeHandover, makeRound } from '../support/dispatch-fixtures';

const handover = (owner: string, substitute: string, over: Partial<Substitution> = {}) => makeHandover({ id: owner, name: owner }, { id: substitute, name: substitute }, over);

describe('reportFence: which reports a round change fences', () => {
  const base: Round = makeRound({ substitutions: [handover('anna', 'bo'), handover('cia', 'dan', { activityRef: '1.1.2' })] });

  it.each<[string, Partial<Round>]>([
    ['closed', { state: 'closed', closedAt: '2026-04-10T08:00:00.000Z' }],
    ['cancelled', { state: 'cancelled', closedAt: '2026-04-10T08:00:00.000Z' }],
    ['reopened', { state: 'scheduled', closedAt: null }],
    ['deadline moved', { deadline: '2026-04-20' }],
    ['waves changed', { waves: [7, 0] }],
    ['send time changed', { sendTime: '10:00' }],
    ['grace shortened', { graceDays: 1 }],
  ])('%s: every report', (_, change) => {
    const before = change.state === 'scheduled' ? { ...base, state: 'closed' as const, closedAt: '2026-04-10T08:00:00.000Z' } : base;
    expect(reportFence(before, { ...before, ...change })).toEqual({ all: true });
  });

  it('no change, or the same handovers in a new array: nothing', () => {
    expect(reportFence(base, { ...base })).toBeNull();
    expect(reportFence(base, { ...base, substitutions: base.substitutions!.map((s) => ({ ...s })) })).toBeNull();
    expect(reportFence(makeRound(), makeRound({ substitutions: [] }))).toBeNull();
  });

  it('a handover ended, narrowed, widened or added: that owner’s reports only', () => {
    const [anna, cia] = base.substitutions!;
    expect(reportFence(base, { ...base, substitutions: [{ ...anna!, endedAt: '2026-04-10T08:00:00.000Z' }, cia!] })).toEqual({ all: false, owners: ['anna'] });
    expect(reportFence(base, { ...base, substitutions: [{ ...anna!, activityRef: '1.1.1' }, cia!] })).toEqual({ all: false, owners: ['anna'] });
    expect(reportFence(base, { ...base, substitutions: [anna!, { ...cia!, activityRef: null }] })).toEqual({ all: false, owners: ['cia'] });
    expect(reportFence(base, { ...base, substitutions: [anna!, cia!, handover('eva', 'bo')] })).toEqual({ all: false, owners: ['eva'] });
    expect(reportFence(base, { ...base, substitutions: [anna!, { ...cia!, substituteId: 'bo' }] })).toEqual({ all: false, owners: ['cia'] });
  });

  it('the name on a handover or who recorded it changes nothing a submit rests on', () => {
    const [anna, cia] = base.substitutions!;
    expect(reportFence(base, { ...base, substitutions: [{ ...anna!, substituteName: 'Bo B' }, cia!] })).toBeNull();
  });

  it('a handover change together with a state change: every report', () => {
    expect(reportFence(base, { ...base, state: 'closed', substitutions: [] })).toEqual({ all: true });
  });

  it('mergeFence: a fence still owed and a new one together', () => {
    expect(mergeFence(null, null)).toBeNull();
    expect(mergeFence(undefined, { all: false, owners: ['a'] })).toEqual({ all: false, owners: ['a'] });
    expect(mergeFence({ all: false, owners: ['b', 'a'] }, { all: false, owners: ['c', 'a'] })).toEqual({ all: false, owners: ['a', 'b', 'c'] });
    expect(mergeFence({ all: false, owners: ['a'] }, { all: true })).toEqual({ all: true });
    expect(mergeFence({ all: true }, null)).toEqual({ all: true });
  });
});
