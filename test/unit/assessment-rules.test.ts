import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAssessmentRules } from '../../services/config/assessment-rules-file';
import { activityCondition, tertialEnd } from '../../services/assessment/activity-condition';
import { decideAssessment, proposeAssessment } from '../../services/assessment/propose-assessment';
import { ACTIVITY_CLASSES, ACTIVITY_CONDITIONS, DEFAULT_ASSESSMENT_RULES, parseAssessmentRules, type ActivityCondition } from '../../services/assessment/rules';
import type { GoalState } from '../../services/assessment/types';
import { STATUS_CODES, TERTIALS, type StatusCode } from '../../services/domain/vocabulary';
import { ValidationError } from '../../services/errors';

const goal = (acts: { status: StatusCode | null; start?: string | null; end?: string; comment?: string }[]): GoalState => ({
  ref: '9.1.1',
  kind: 'ks',
  title: 'Testmål',
  parentRef: '9.1',
  measures: [],
  activities: acts.map((a, i) => ({
    ref: `9.1.1.${i + 1}`,
    title: `Aktivitet ${i + 1}`,
    description: null,
    start: a.start ?? null,
    end: a.end ?? '2025-10-31',
    status: a.status,
    comments: a.comment ? [{ by: null, text: a.comment }] : [],
  })),
});

/** a few rule tables an organisation might adopt, all valid */
const VARIANTS = [
  DEFAULT_ASSESSMENT_RULES,
  parseAssessmentRules({ metRequires: { '1': 'all-done', '2': 'all-done' } }),
  parseAssessmentRules({ countsAs: { 'on-hold': 'not-done', unreported: 'not-done', 'in-progress': 'deviation' }, metRequires: { '3': 'no-deviation' } }),
  parseAssessmentRules({ levels: [{ assessment: 'partly-met', maxDeviatingShare: 0.25, description: 'x' }, { assessment: 'barely-met', description: 'y' }] }),
];

describe('stated rules hold under every rule table and tertial', () => {
  it.each(VARIANTS.map((r, i) => [i, r] as const))('variant %i: no activities → Ej uppfyllt; all done → Uppfyllt', (_i, rules) => {
    for (const tertial of TERTIALS.filter((t) => rules.assessed[String(t) as '1' | '2' | '3'])) {
      const ctx = { year: 2025, tertial };
      expect(proposeAssessment(goal([]), ctx, rules).proposed).toBe('not-met');
      for (let n = 1; n <= 6; n++) {
        expect(proposeAssessment(goal(Array.from({ length: n }, () => ({ status: 'done' as const }))), ctx, rules).proposed).toBe('met');
      }
    }
  });

  it('an exhaustive sweep of two-activity goals never proposes met unless nothing deviates, and missing only when nothing is reported', () => {
    const statuses = [...STATUS_CODES, null];
    const everyTertial = parseAssessmentRules({ assessed: { '1': true } });
    for (const a of statuses) for (const b of statuses) for (const tertial of TERTIALS) {
      const p = proposeAssessment(goal([{ status: a }, { status: b }]), { year: 2025, tertial }, everyTertial);
      const reported = [a, b].filter((s) => s !== null);
      if (reported.length === 0) expect(p.proposed).toBe('missing');
      else expect(p.proposed).not.toBe('missing');
      if (reported.some((s) => s === 'done-deviation' || s === 'in-progress-deviation' || s === 'on-hold')) expect(p.proposed).not.toBe('met');
    }
  });
});

describe('which tertials are assessed', () => {
  it('by default (Ånge) T1 is not assessed: every goal, whatever its activities, is Saknas, explained as such, with no draft comment', () => {
    const goals = [
      goal([]),
      goal([{ status: 'done' }]),
      goal([{ status: 'in-progress', end: '2025-12-31' }]),
      goal([{ status: 'done-deviation', comment: 'Försenad.' }, { status: null }]),
    ];
    for (const g of goals) {
      const p = proposeAssessment(g, { year: 2026, tertial: 1 });
      expect(p).toMatchObject({ proposed: 'missing', hit: { rule: 'not-assessed' }, draftComment: '' });
      expect(p.explanation).toBe('Enligt styrmodellen görs ingen målbedömning i tertial 1; aktiviteternas status och kommentarer redovisas. Förslag: Saknas.');
    }
    // T2 and T3 are assessed
    expect(proposeAssessment(goals[1]!, { year: 2026, tertial: 2 }).proposed).toBe('met');
    expect(proposeAssessment(goals[0]!, { year: 2026, tertial: 3 }).proposed).toBe('not-met');
  });

  it('an organisation may assess T1 or skip T2, never skip T3', () => {
    expect(parseAssessmentRules({ assessed: { '1': true } }).assessed).toEqual({ '1': true, '2': true, '3': true });
    const noT2 = parseAssessmentRules({ assessed: { '2': false } });
    expect(proposeAssessment(goal([{ status: 'done' }]), { year: 2026, tertial: 2 }, noT2).proposed).toBe('missing');
    expect(() => parseAssessmentRules({ assessed: { '3': false } })).toThrow(/assessed\.3/);
    expect(() => parseAssessmentRules({ assessed: { '1': 'nej' } })).toThrow(ValidationError);
  });
});

describe('activity condition by dates', () => {
  it('Ej påbörjad is on plan in T1/T2 while its start date lies ahead, a deviation once it has passed', () => {
    expect(activityCondition({ status: 'not-started', start: '2025-09-01', end: '2025-12-31' }, tertialEnd(2025, 1))).toBe('not-started-on-plan');
    expect(activityCondition({ status: 'not-started', start: '2025-09-01', end: '2025-12-31' }, tertialEnd(2025, 2))).toBe('not-started-on-plan');
    expect(activityCondition({ status: 'not-started', start: '2025-09-01', end: '2025-12-31' }, tertialEnd(2025, 3))).toBe('not-started-late');
    expect(activityCondition({ status: 'not-started', start: '2025-03-01', end: '2025-12-31' }, tertialEnd(2025, 1))).toBe('not-started-late');
    // without a start date: on plan while its end date lies after the tertial
    expect(activityCondition({ status: 'not-started', start: null, end: '2025-11-28' }, tertialEnd(2025, 2))).toBe('not-started-on-plan');
    expect(activityCondition({ status: 'not-started', start: null, end: '2025-11-28' }, tertialEnd(2025, 3))).toBe('not-started-late');
  });

  it('where T1 is assessed, a goal whose activities are on plan or planned for later is Uppfyllt; in T3 unfinished work is not', () => {
    const g = goal([{ status: 'done' }, { status: 'not-started', start: '2025-09-01' }, { status: 'in-progress', end: '2025-12-31' }]);
    const t1Assessed = parseAssessmentRules({ assessed: { '1': true } });
    expect(proposeAssessment(g, { year: 2025, tertial: 1 }, t1Assessed).proposed).toBe('met');
    expect(proposeAssessment(g, { year: 2025, tertial: 1 }, t1Assessed).explanation).toContain('ej påbörjad enligt plan');
    expect(proposeAssessment(g, { year: 2025, tertial: 2 }).proposed).toBe('met');
    expect(proposeAssessment(g, { year: 2025, tertial: 3 }).proposed).toBe('partly-met'); // start passed: 1 of 3 deviates
  });
});

describe('levels: the more deviation, the lower', () => {
  const ctx = { year: 2025, tertial: 3 as const };
  it('orders proposals by deviation share', () => {
    const order = ['met', 'partly-met', 'barely-met', 'not-met'];
    const rank = (conds: ActivityCondition[]) => order.indexOf(decideAssessment(conds, ctx).proposed);
    expect(rank(['done', 'done', 'done', 'done'])).toBe(0);
    expect(rank(['done', 'done', 'done', 'done-deviation'])).toBe(1);
    expect(rank(['done', 'done', 'on-hold', 'done-deviation'])).toBe(1);
    expect(rank(['done', 'in-progress-deviation', 'on-hold', 'done-deviation'])).toBe(2);
    expect(rank(['not-started-late', 'not-started-late'])).toBe(3);
  });
});

describe('rule overrides are validated', () => {
  it('rejects unknown keys, bad classes and shares, and a table without a catch-all level, naming the problem', () => {
    const bad: unknown[] = [
      { countsAs: { done: 'deviation' } },
      { countsAs: { 'on-hold': 'sometimes' } },
      { levels: [{ assessment: 'partly-met', maxDeviatingShare: 1.5, description: 'x' }] },
      { levels: [{ assessment: 'partly-met', maxDeviatingShare: 0.5, description: 'x' }] },
      { metRequires: { '4': 'all-done' } },
      { colour: 'blue' },
      'not an object',
    ];
    for (const b of bad) {
      expect(() => parseAssessmentRules(b)).toThrow(ValidationError);
    }
    try {
      parseAssessmentRules({ countsAs: { 'on-hold': 'sometimes' } });
    } catch (e) {
      expect((e as ValidationError).details.join()).toContain('countsAs.on-hold');
    }
  });
  it('accepts every class for every condition but done', () => {
    for (const c of ACTIVITY_CONDITIONS.filter((x) => x !== 'done')) for (const cls of ACTIVITY_CLASSES) {
      expect(parseAssessmentRules({ countsAs: { [c]: cls } }).countsAs[c]).toBe(cls);
    }
  });
});

describe('TERTIAL_ASSESSMENT_RULES file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses the defaults without a file, merges a valid override, and refuses a bad one by name', () => {
    expect(readAssessmentRules(undefined)).toBe(DEFAULT_ASSESSMENT_RULES);
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ name: 'Exempelkommun', metRequires: { '1': 'all-done' } }));
    const rules = readAssessmentRules(good);
    expect(rules.name).toBe('Exempelkommun');
    expect(rules.metRequires).toEqual({ '1': 'all-done', '2': 'no-deviation', '3': 'all-done' });
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ countsAs: { done: 'deviation' } }));
    expect(() => readAssessmentRules(bad)).toThrow(/TERTIAL_ASSESSMENT_RULES.*countsAs\.done/);
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ nope');
    expect(() => readAssessmentRules(broken)).toThrow(/kan inte läsa .* som JSON/);
  });
});

describe('draft comment length', () => {
  it('describes at most six deviations one by one and counts the rest', () => {
    const g = goal([
      { status: 'done', comment: 'Klart.' },
      ...Array.from({ length: 10 }, (_, i) => ({ status: 'done-deviation' as const, comment: `Orsak ${i + 1}. Mer text.` })),
    ]);
    const p = proposeAssessment(g, { year: 2025, tertial: 3 });
    expect(p.draftComment.match(/är avslutad med avvikelse: Orsak \d+\./g)).toHaveLength(6);
    expect(p.draftComment).toContain('Ytterligare fyra aktiviteter har avvikelser');
    expect(p.draftComment).not.toContain('Mer text');
    expect(p.draftComment.endsWith('Målet bedöms som knappt uppfyllt.')).toBe(true);
  });
});

describe('an activity with several owners', () => {
  it('combines their statuses and names each comment by the owner’s units', async () => {
    const { goalStates } = await import('../../services/assessment/round-state');
    const plan = {
      meta: { year: 2026, organisation: 'Ånge kommun', body: 'Kommunstyrelsen', importedAt: '2026-01-01T00:00:00.000Z' },
      goals: [
        { year: 2026, ref: '3.2', kind: 'kf' as const, title: 'KF', parentRef: null, order: 0, archived: false },
        { year: 2026, ref: '3.2.2', kind: 'ks' as const, title: 'KS', parentRef: '3.2', order: 1, archived: false },
      ],
      activities: [
        { year: 2026, ref: '3.2.2.1', goalRef: '3.2.2', title: 'Mötesplatser', description: null, start: null, end: '2026-12-31', units: ['Utbildningsavdelningen', 'Näringsliv'], order: 0, archived: false },
      ],
    };
    const version = (status: StatusCode, comment: string, id: string, name: string) => ({ status, comment, by: { id, name }, at: '2026-05-02T08:00:00.000Z', source: 'teams' as const });
    const reports = [
      { roundId: '2026-T1', activityRef: '3.2.2.1', ownerId: 'u1', current: version('in-progress', 'Planering pågår.', 'u1', 'Anna'), history: [] },
      { roundId: '2026-T1', activityRef: '3.2.2.1', ownerId: 'u2', current: version('in-progress-deviation', 'Försenat av upphandling.', 'u2', 'Bo'), history: [] },
    ];
    const owners = [
      { aadObjectId: 'u1', name: 'Anna', email: null, units: ['Utbildningsavdelningen'], activities: [] },
      { aadObjectId: 'u2', name: 'Bo', email: null, units: ['Samhällsbyggnadsavdelningen', 'Näringsliv'], activities: [] },
    ];
    const [g] = goalStates(plan, reports, owners);
    expect(g!.activities[0]!.status).toBe('in-progress-deviation');
    expect(g!.activities[0]!.comments).toEqual([
      { by: 'Utbildningsavdelningen', text: 'Planering pågår.' },
      { by: 'Näringsliv', text: 'Försenat av upphandling.' },
    ]);
    // without owners: the reporters' names
    expect(goalStates(plan, reports)[0]!.activities[0]!.comments.map((c) => c.by)).toEqual(['Anna', 'Bo']);
  });
});
