import { renderGoalCard } from '../../cards/ledningsgrupp-goal-card';
import { fitGoalCard, MAX_CARD_BYTES } from '../../cards/ledningsgrupp-cards';
import { renderSummaryCard } from '../../cards/ledningsgrupp-summary-card';
import { type GoalCardGoal } from '../../cards/channel-card-models';
import { assessmentInputId } from '../../cards/card-verbs';
import { cardSize } from '../../cards/literal-text';

const goal = (i: number, comment: string): GoalCardGoal => ({
  ref: `3.1.${i}`,
  title: `Mål ${i} med en ganska lång titel om hälsofrämjande arbetsplatser och jämställdhet`,
  assessment: 'partly-met',
  proposed: 'partly-met',
  isProposal: true,
  comment,
  statusCounts: { done: 2, 'done-deviation': 1, unreported: 1 },
  decidedBy: null,
  decidedAt: null,
  decidedSource: null,
});
const base = { roundId: '2025-T3', year: 2025, tertial: 3 as const, chapter: { ref: '3.1', title: 'KF-mål', kind: 'kf' as const }, actions: true };

describe('ledningsgrupp goal card', () => {
  it('binds goals, proposals marked Förslag, status counts and the decide inputs', () => {
    const card = renderGoalCard({ ...base, goals: [goal(1, 'Kommentar')], commentLimit: null });
    const json = JSON.stringify(card.card);
    expect(card.card.version).toBe('1.5');
    expect(json).toContain('{"type":"Column","width":"auto","style":"warning","items":[{"type":"TextBlock","text":"◕ Delvis uppfyllt (förslag)","weight":"Bolder"}]}');
    expect(json).toContain('2 avslutad enligt plan · 1 avslutad med avvikelse · 1 utan rapport');
    expect(json).toContain(`"id":"${assessmentInputId('3.1.1')}"`);
    expect(json).toContain('"verb":"tertial.assessment.confirm"');
  });

  it('shows why the level was proposed, and starts "Ändra bedömning" from the draft comment', () => {
    const card = renderGoalCard({ ...base, goals: [{ ...goal(1, 'Utkast: målet bedöms som delvis uppfyllt.'), why: '2 av 4 aktiviteter avslutade enligt plan' }], commentLimit: null });
    const json = JSON.stringify(card.card);
    expect(json).toContain('"text":"Varför förslaget: 2 av 4 aktiviteter avslutade enligt plan"');
    expect(json).toMatch(/"id":"comment-3\.1\.1"[^}]*"value":"Utkast: målet bedöms som delvis uppfyllt\."/);
    const decided = JSON.stringify(renderGoalCard({ ...base, goals: [{ ...goal(1, 'K'), isProposal: false, why: 'x' }], commentLimit: null }).card);
    expect(decided).not.toContain('Varför förslaget');
  });

  it('a refused decision keeps the form open on that goal with what was entered and the reason', () => {
    const editing = { goalRef: '3.1.2', assessment: 'not-met', comment: 'Halvfärdig **motivering**', error: 'Inte sparat: skriv om kommentaren' };
    const card = renderGoalCard({ ...base, goals: [goal(1, 'A'), goal(2, 'B')], commentLimit: null, editing });
    const json = JSON.stringify(card.card);
    // the second goal's inputs sit inline (not in a collapsed ShowCard), prefilled; the first goal's form stays collapsed
    const inline = JSON.stringify((card.card.body as { items?: unknown[] }[])[3]!.items);
    expect(inline).toContain('"type":"Container","style":"emphasis"');
    expect(inline).toMatch(/"id":"assessment-3\.1\.2"[^}]*"value":"not-met"/);
    expect(inline).toContain('"value":"Halvfärdig **motivering**"');
    expect(inline).toContain('"type":"TextRun","text":"Inte sparat: skriv om kommentaren","color":"Attention"');
    expect(json.match(/"type":"Action.ShowCard"/g)).toHaveLength(1);
  });

  it('names who decided and when; a decision imported from an earlier system names its source, not the import date', () => {
    const decided = { ...goal(1, 'K'), isProposal: false, decidedBy: 'Avdelningschef', decidedAt: '2026-01-20T10:00:00.000Z' };
    const teams = JSON.stringify(renderGoalCard({ ...base, goals: [{ ...decided, decidedSource: 'teams' }], commentLimit: null }).card);
    expect(teams).toContain('"title":"Beslut","value":"Avdelningschef, 2026-01-20"');
    const imported = JSON.stringify(renderGoalCard({ ...base, goals: [{ ...decided, decidedBy: 'Import', decidedSource: 'import' }], commentLimit: null }).card);
    expect(imported).toContain('"title":"Beslut","value":"Tidigare system (importerat beslut)"');
    expect(imported).not.toContain('Import, ');
    expect(imported).not.toContain('2026-01-20');
  });

  it('offers Saknas as a decision; a T1 Saknas proposal can be confirmed, a Saknas for want of reports cannot', () => {
    const choices = (card: ReturnType<typeof renderGoalCard>) => JSON.stringify(card.card);
    const notAssessed: GoalCardGoal = { ...goal(1, ''), assessment: 'missing', proposed: 'missing', confirmable: true };
    const t1 = renderGoalCard({ ...base, tertial: 1, goals: [notAssessed], commentLimit: null });
    expect(choices(t1)).toContain('"title":"Saknas (ingen bedömning)","value":"missing"');
    expect(choices(t1)).toContain('"verb":"tertial.assessment.confirm"');
    expect(choices(t1)).toContain('"value":"missing","isRequired":true');
    const unreported = renderGoalCard({ ...base, goals: [{ ...notAssessed, confirmable: false }], commentLimit: null });
    expect(choices(unreported)).not.toContain('"verb":"tertial.assessment.confirm"');
    expect(choices(unreported)).toContain('"value":"","isRequired":true');
  });

  it('keeps user text literal: template syntax in a comment is not evaluated', () => {
    const card = renderGoalCard({ ...base, goals: [goal(1, '${$root.year} **fet** {{DATE(x)}} ${ref}')], commentLimit: null }).card;
    const json = JSON.stringify(card);
    expect(json).toContain('${$root.year} **fet** {\u2060{DATE(x)}} ${ref}');
    // user text sits in a TextRun, where Teams interprets no markdown
    expect(json).toMatch(/"type":"TextRun","text":"\$\{\$root\.year\} \*\*fet\*\*/);
  });

  it('stays under the size limit with 12 goals of 4,000-character comments by shortening them', () => {
    const long = 'Arbetet har påverkats av förändrade förutsättningar och åtgärder pågår. '.repeat(60).slice(0, 4000);
    const goals = Array.from({ length: 12 }, (_, i) => goal(i + 1, long));
    expect(cardSize(renderGoalCard({ ...base, goals, commentLimit: null }).card)).toBeGreaterThan(MAX_CARD_BYTES);
    const fitted = fitGoalCard({ ...base, goals });
    expect(cardSize(fitted.card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(JSON.stringify(fitted.card)).toContain('förkortad; hela kommentaren finns i rapporten');
  });
});

describe('ledningsgrupp summary card', () => {
  it('shows counts per level, proposals, unreported activities and the report link', () => {
    const card = renderSummaryCard({
      fullTitle: 'Målavstämning, tertial 3 2025 — Kommunstyrelsen',
      organisation: 'Ånge kommun',
      roundId: '2025-T3',
      year: 2025,
      tertial: 3,
      counts: { met: 8, 'partly-met': 4, 'barely-met': 5, 'not-met': 3, missing: 0 },
      total: 20,
      proposals: 2,
      unreported: 1,
      reportUrl: 'https://example.org/r.docx',
      publishedAt: '2026-01-20T10:00:00.000Z',
    });
    const json = JSON.stringify(card.card);
    expect(json).toContain('"text":"● Uppfyllt","weight":"Bolder"}]},{"type":"Column","width":"60px","style":"good","items":[{"type":"TextBlock","text":"8"');
    expect(json).toContain('"style":"good"');
    expect(json).not.toContain('Saknas');
    expect(json).toContain('2 av 20 bedömningar är förslag');
    expect(json).toContain('1 aktivitet saknar rapport.');
    expect(json).toContain('"url":"https://example.org/r.docx"');
    expect(card.summary).toBe('Målavstämning, tertial 3 2025 — Kommunstyrelsen: 8 av 20 mål uppfyllda');
  });
});
