import { decideFromMeasures, proposeAssessment } from '../../services/assessment/propose-assessment';
import { parseAssessmentRules } from '../../services/assessment/rules';
import type { GoalState, MeasureState } from '../../services/assessment/types';
import { formatMeasureValue, parseSwedishNumber, reachesTarget } from '../../services/measures/measure-values';

const sick = (value: number | null): MeasureState => ({
  ref: '4.1.M1',
  name: 'Sjukfrånvaro',
  unit: '%',
  kind: 'number',
  direction: 'lower',
  baseline: { period: '2023', value: 9.9 },
  target: { value: 9.5 },
  outcome: value === null ? null : { period: '2025', value, comment: null },
});
const nki = (value: number | null): MeasureState => ({
  ref: '4.1.M2',
  name: 'Nöjd medarbetarindex',
  unit: '',
  kind: 'number',
  direction: 'higher',
  baseline: null,
  target: { value: 75 },
  outcome: value === null ? null : { period: '2025', value, comment: null },
});
const plan = (value: string | null): MeasureState => ({
  ref: '4.1.M3',
  name: 'Handlingsplan antagen',
  unit: '',
  kind: 'text',
  direction: null,
  baseline: null,
  target: { value: 'Ja' },
  outcome: value === null ? null : { period: '2025', value, comment: null },
});

const goal = (measures: MeasureState[], activities: GoalState['activities'] = []): GoalState => ({
  ref: '4.1',
  kind: 'economic',
  title: 'Sjukfrånvaron ska minska',
  parentRef: null,
  activities,
  measures,
});
const t3 = { year: 2025, tertial: 3 as const };

describe('measure values', () => {
  it('reach their target by direction; text by equality; numbers are written the Swedish way', () => {
    expect(reachesTarget(sick(9.32), 9.32)).toBe(true);
    expect(reachesTarget(sick(9.32), 9.6)).toBe(false);
    expect(reachesTarget(nki(80), 80)).toBe(true);
    expect(reachesTarget(nki(70), 70)).toBe(false);
    expect(reachesTarget(plan('ja'), ' ja ')).toBe(true);
    expect(reachesTarget(plan('Nej'), 'Nej')).toBe(false);
    expect(formatMeasureValue({ unit: '%' }, 9.32)).toBe('9,32 %');
    expect(formatMeasureValue({ unit: 'kr' }, 12500)).toBe('12 500 kr');
    expect(formatMeasureValue({ unit: '' }, 'Ja')).toBe('Ja');
    expect(parseSwedishNumber('9,32')).toBe(9.32);
    expect(parseSwedishNumber('-1,5')).toBe(-1.5);
    expect(parseSwedishNumber('1 250')).toBe(1250);
    expect(parseSwedishNumber('9,3,2')).toBeNull();
    expect(parseSwedishNumber('ja')).toBeNull();
  });
});

describe('a goal with measures only', () => {
  it('reached: Uppfyllt, and the explanation names the measure with its outcome and target', () => {
    const p = proposeAssessment(goal([sick(9.32)]), t3);
    expect(p.proposed).toBe('met');
    expect(p.hit).toEqual({ rule: 'measure-level', index: 0 });
    expect(p.explanation).toContain('Sjukfrånvaro 9,32 % mot målet 9,5 %: uppnått');
    expect(p.draftComment).toContain('Målet bedöms som uppfyllt.');
    expect(p.measures).toEqual([{ ref: '4.1.M1', reached: true }]);
  });

  it('not reached: Ej uppfyllt; half reached: Delvis; some: Knappt', () => {
    const miss = proposeAssessment(goal([sick(9.8)]), t3);
    expect(miss.proposed).toBe('not-met');
    expect(miss.explanation).toContain('Sjukfrånvaro 9,8 % mot målet 9,5 %: ej uppnått');
    expect(proposeAssessment(goal([sick(9.2), nki(70)]), t3).proposed).toBe('partly-met');
    expect(proposeAssessment(goal([sick(9.2), nki(70), plan('Nej')]), t3).proposed).toBe('barely-met');
    expect(proposeAssessment(goal([sick(9.2), nki(80), plan('Ja')]), t3).proposed).toBe('met');
  });

  it('missing outcome: a measure without one is left out; with none at all the proposal is Saknas', () => {
    const none = proposeAssessment(goal([sick(null), nki(null)]), t3);
    expect(none).toMatchObject({ proposed: 'missing', hit: { rule: 'no-outcomes' } });
    expect(none.explanation).toContain('Sjukfrånvaro: utfall saknas');
    const one = proposeAssessment(goal([sick(9.1), nki(null)]), t3);
    expect(one.proposed).toBe('met');
    expect(one.measures).toEqual([
      { ref: '4.1.M1', reached: true },
      { ref: '4.1.M2', reached: null },
    ]);
  });

  it('a goal with measures and no activities is not "Ej uppfyllt for want of activities"', () => {
    expect(proposeAssessment(goal([sick(9.1)]), t3).explanation).not.toContain('saknar kopplade aktiviteter');
  });

  it('T1 is still not assessed', () => {
    expect(proposeAssessment(goal([sick(9.1)]), { year: 2025, tertial: 1 }).proposed).toBe('missing');
  });
});

describe('a goal with measures and activities', () => {
  const act = (status: 'done' | 'done-deviation') => ({ ref: '4.1.1', title: 'Friskvårdssatsning', description: null, start: null, end: '2025-12-31', status, comments: [] });

  it('by default takes the lower of the two proposals and says so', () => {
    const p = proposeAssessment(goal([sick(9.1)], [act('done-deviation')]), t3);
    expect(p.hit).toEqual({ rule: 'combined', measures: 'met', activities: 'barely-met' });
    expect(p.proposed).toBe('barely-met');
    expect(p.explanation).toContain('Mått: Sjukfrånvaro 9,1 % mot målet 9,5 %: uppnått.');
    expect(p.explanation).toContain('den lägre av måttens uppfyllt och aktiviteternas knappt uppfyllt');
    const both = proposeAssessment(goal([sick(9.1)], [act('done')]), t3);
    expect(both.proposed).toBe('met');
    const worse = proposeAssessment(goal([sick(9.9)], [act('done')]), t3);
    expect(worse.proposed).toBe('not-met');
  });

  it('without outcomes the activities decide; with combine "measures" the measures decide', () => {
    expect(proposeAssessment(goal([sick(null)], [act('done')]), t3).proposed).toBe('met');
    const measuresDecide = parseAssessmentRules({ combine: 'measures' });
    expect(proposeAssessment(goal([sick(9.1)], [act('done-deviation')]), t3, measuresDecide).proposed).toBe('met');
  });

  it('the measure table can be overridden and stays total', () => {
    const strict = parseAssessmentRules({ measureLevels: [{ assessment: 'met', minReachedShare: 1, description: 'alla' }, { assessment: 'not-met', description: 'annars' }] });
    expect(decideFromMeasures([{ reached: true }, { reached: false }], strict).proposed).toBe('not-met');
    expect(() => parseAssessmentRules({ measureLevels: [{ assessment: 'met', minReachedShare: 1, description: 'x' }] })).toThrow(/measureLevels\.0/);
  });
});
