import { renderReminderCard } from '../../cards/reminder-card';
import { renderReceiptCard } from '../../cards/report-receipt-card';
import { renderReportFormCard } from '../../cards/report-form-card';
import { REPORT_VERBS } from '../../cards/card-verbs';
import { cardSize } from '../../cards/literal-text';
import { buildOwnerItems, type OwnerItem } from '../../services/collection/owner-items';
import type { ReportVersion, StatusReport } from '../../services/domain/model';
import { STATUS_CODES, STATUS_LABELS } from '../../services/domain/vocabulary';
import { activity, fixtureOwners, fixturePlan, fixtureRound, FRITID, HR } from '../support/collection-fixture';

const TEAMS_LIMIT = 40 * 1024;
const round = fixtureRound();
const EVIL = '**fet** _kursiv_ [länk](https://evil.example) ${heading} ${$root.error} {{DATE(2026-01-01T00:00:00Z, SHORT)}} <at>x</at>';

type Node = Record<string, unknown>;
function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}
const all = (card: object, type: string) => {
  const found: Node[] = [];
  walk(card, (n) => n.type === type && found.push(n));
  return found;
};
const textRuns = (card: object) => all(card, 'TextRun').map((n) => String(n.text));
const textBlocks = (card: object) => all(card, 'TextBlock').map((n) => String(n.text));
const json = (card: object) => JSON.stringify(card);

const version = (status: ReportVersion['status'], comment: string | null, by = FRITID): ReportVersion => ({
  status,
  comment,
  by: { id: by, name: by === FRITID ? 'Enhetschef Fritid' : 'HR-chef' },
  at: '2026-11-23T09:30:00.000Z',
  source: 'teams',
});
const report = (roundId: string, activityRef: string, ownerId: string, v: ReportVersion): StatusReport => ({ roundId, activityRef, ownerId, current: v, history: [v] });

function itemsFor(ownerId = FRITID, reports: StatusReport[] = [], previous: StatusReport[] = [], plan = fixturePlan()): OwnerItem[] {
  return buildOwnerItems({ plan, owner: fixtureOwners.find((o) => o.aadObjectId === ownerId)!, owners: fixtureOwners, reports, previousReports: previous });
}

describe('reminder card (digest)', () => {
  it('lists each activity with goal path, end date, own status and an Action.Execute to open it', () => {
    const items = itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', null))]);
    const { card, summary } = renderReminderCard(items, round);
    expect(card.version).toBe('1.5');
    expect(summary).toBe('Tertialuppföljning T3 2026: 1 av 2 klara, sista svarsdag 2026-12-04');
    const runs = textRuns(card);
    expect([...runs, ...textBlocks(card)]).toEqual(
      expect.arrayContaining(['3.1.1.1 ', 'Aktivitet 3.1.1.1', '3.1 Ett tryggt Testkommun → 3.1.1 Fler mötesplatser', 'Din status: Avslutad enligt plan', 'Ej rapporterad', 'slutdatum 2026-12-31']),
    );
    const actions = all(card, 'Action.Execute');
    expect(actions.map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Ändra', REPORT_VERBS.open, { roundId: '2026-T3', activityRef: '3.1.1.1' }],
      ['Rapportera', REPORT_VERBS.open, { roundId: '2026-T3', activityRef: '3.1.1.2' }],
    ]);
    expect(json(card)).not.toContain('${');
  });

  it('shows the combined status of a shared activity', () => {
    const items = itemsFor(FRITID, [report('2026-T3', '3.1.1.2', HR, version('in-progress-deviation', 'sen', HR))]);
    const { card } = renderReminderCard(items, round);
    expect(textBlocks(card)).toContain('Ej rapporterad');
    expect(textRuns(card)).toContain('sammanvägt: Pågående med avvikelse, 1 av 2 ägare har svarat · slutdatum 2026-12-31');
  });

  it('says on the owner\'s own card which activity is handed to a substitute, with the name as text; a substitute\'s card does not', () => {
    const items = itemsFor(FRITID).map((i, n) => (n === 0 ? { ...i, handedTo: { id: HR, name: '**Ersättare** {{DATE(2026-01-01T00:00:00Z)}}' } } : i));
    const { card } = renderReminderCard(items, round);
    const runs = textRuns(card);
    expect(runs).toContain(' · lämnad till **Ersättare** {\u2060{DATE(2026-01-01T00:00:00Z)}} i omgången');
    expect(runs.filter((r) => r.includes('lämnad till'))).toHaveLength(1);
    expect(textBlocks(card).some((t) => t.includes('Ersättare'))).toBe(false);
    const forOwner = renderReminderCard(items, round, { forOwner: { id: FRITID, name: 'Enhetschef Fritid' } }).card;
    expect(textRuns(forOwner).some((r) => r.includes('lämnad till'))).toBe(false);
  });

  it('stays under 40 KB for an owner with 25 activities with long titles and goal paths', () => {
    const long = (n: number) => `Aktivitet ${n} ${'med en mycket lång titel som beskriver vad som ska göras '.repeat(6)}`;
    const plan = fixturePlan(Array.from({ length: 25 }, (_, i) => activity(`3.1.1.${i + 1}`, '3.1.1', ['Fritid'], { title: long(i), description: 'd'.repeat(2000) })));
    plan.goals[0]!.title = 'K'.repeat(400);
    plan.goals[1]!.title = 'S'.repeat(400);
    const items = itemsFor(FRITID, [], [], plan);
    expect(items).toHaveLength(25);
    const { card } = renderReminderCard(items, round);
    expect(all(card, 'Action.Execute')).toHaveLength(25);
    expect(cardSize(card)).toBeLessThan(TEAMS_LIMIT);
  });

  it('thanks when everything is reported, in Swedish that counts right for one activity and for several, for a substitute too', () => {
    const both = itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', null)), report('2026-T3', '3.1.1.2', FRITID, version('in-progress', null))]);
    expect(both).toHaveLength(2);
    expect(textBlocks(renderReminderCard(both, round).card)).toContain('Tack! Alla 2 aktiviteter är rapporterade. Du kan ändra dem till och med sista svarsdag 2026-12-04.');
    const one = both.slice(0, 1);
    const forOwner = textBlocks(renderReminderCard(one, round, { forOwner: { id: FRITID, name: 'Enhetschef Fritid' } }).card);
    expect(forOwner).toContain('Du är ersättare för Enhetschef Fritid i den här omgången. Tack! Aktiviteten är rapporterad. Du kan ändra den till och med sista svarsdag 2026-12-04.');
    expect(forOwner.join(' ')).not.toMatch(/alla 1 aktiviteter/i);
  });

  it('binds user text literally: markdown and ${…} stay text, in TextRuns only', () => {
    const plan = fixturePlan([activity('3.1.1.1', '3.1.1', ['Fritid'], { title: EVIL })]);
    const { card } = renderReminderCard(itemsFor(FRITID, [], [], plan), round);
    expect(textRuns(card)).toContain(EVIL.replace('{{', '{\u2060{'));
    expect(textBlocks(card).some((t) => t.includes('**fet**'))).toBe(false);
  });
});

describe('report form card', () => {
  it('has the goal path, facts, last tertial, six statuses in Swedish and a submit with verb + ids', () => {
    const previous = [report('2026-T2', '3.1.1.1', FRITID, version('in-progress', 'Förra gången'))];
    const [item] = itemsFor(FRITID, [], previous);
    const { card } = renderReportFormCard(item!, round);
    const runs = textRuns(card);
    expect(runs).toEqual(expect.arrayContaining(['3.1 Ett tryggt Testkommun', '3.1.1 Fler mötesplatser', 'Aktivitet 3.1.1.1', 'Beskrivning av 3.1.1.1', 'Förra gången']));
    const facts = all(card, 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
    expect(facts).toEqual(expect.arrayContaining([{ title: 'Slutdatum', value: '2026-12-31' }, { title: 'Förra tertialen', value: 'Pågående enligt plan' }]));
    const choice = all(card, 'Input.ChoiceSet')[0]!;
    expect(choice.id).toBe('status');
    expect(choice.choices).toEqual(STATUS_CODES.map((c) => ({ title: STATUS_LABELS[c], value: c })));
    const comment = all(card, 'Input.Text')[0]!;
    // no maxLength: a client would cut a longer paste silently; the server refuses it with its length
    expect(comment).toMatchObject({ id: 'comment', isMultiline: true });
    expect(comment.maxLength).toBeUndefined();
    const submit = all(card, 'Action.Execute').find((a) => a.verb === REPORT_VERBS.submit)!;
    expect(submit.data).toEqual({ roundId: '2026-T3', activityRef: '3.1.1.1', submitId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // every drawn form has a key of its own
    const again = all(renderReportFormCard(item!, round).card, 'Action.Execute').find((a) => a.verb === REPORT_VERBS.submit)!;
    expect((again.data as { submitId: string }).submitId).not.toBe((submit.data as { submitId: string }).submitId);
    expect(json(card)).not.toContain('${');
  });

  it('is prefilled with the own report, or with what was entered plus the refusal reason', () => {
    const [item] = itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', 'Klart'))]);
    const prefilled = renderReportFormCard(item!, round).card;
    expect(all(prefilled, 'Input.ChoiceSet')[0]!.value).toBe('done');
    expect(all(prefilled, 'Input.Text')[0]!.value).toBe('Klart');
    const refused = renderReportFormCard(item!, round, { error: 'Inte sparat: en kommentar krävs', values: { status: 'on-hold', comment: '' } }).card;
    expect(textRuns(refused)).toContain('Inte sparat: en kommentar krävs');
    expect(textBlocks(refused).join(' ')).not.toContain('Inte sparat');
    expect(all(refused, 'Input.ChoiceSet')[0]!.value).toBe('on-hold');
  });

  it('binds user text literally (title, description, comments, input value)', () => {
    const plan = fixturePlan([activity('3.1.1.1', '3.1.1', ['Fritid'], { title: EVIL, description: EVIL })]);
    const previous = [report('2026-T2', '3.1.1.1', FRITID, version('in-progress', EVIL))];
    const [item] = itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', EVIL))], previous, plan);
    const { card } = renderReportFormCard(item!, round);
    const shown = EVIL.replace('{{', '{\u2060{');
    expect(textRuns(card).filter((t) => t === shown)).toHaveLength(3);
    expect(all(card, 'Input.Text')[0]!.value).toBe(EVIL);
    expect(textBlocks(card).some((t) => t.includes('**fet**'))).toBe(false);
  });

  it('stays under 40 KB with maximal description and comments', () => {
    const plan = fixturePlan([activity('3.1.1.1', '3.1.1', ['Fritid'], { title: 'T'.repeat(500), description: 'D'.repeat(4000) })]);
    const previous = [report('2026-T2', '3.1.1.1', FRITID, version('in-progress', 'P'.repeat(2000)))];
    const [item] = itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', 'C'.repeat(2000)))], previous, plan);
    expect(cardSize(renderReportFormCard(item!, round).card)).toBeLessThan(TEAMS_LIMIT);
  });
});

describe('receipt card', () => {
  const act = fixturePlan().activities[0]!;
  it('shows status, comment, who and when (Stockholm time) and "Ändra" while the round is open', () => {
    const r = report('2026-T3', '3.1.1.1', FRITID, version('in-progress-deviation', 'Försenad leverans'));
    const { card, summary } = renderReceiptCard(r, act, round, { open: true });
    expect(summary).toBe('Rapport sparad: 3.1.1.1 Pågående med avvikelse');
    const facts = all(card, 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
    expect(facts).toEqual([
      { title: 'Status', value: 'Pågående med avvikelse' },
      { title: 'Tidpunkt', value: '2026-11-23 10:30' },
    ]);
    expect(textRuns(card)).toEqual(expect.arrayContaining(['Rapporterad av ', 'Enhetschef Fritid', 'Försenad leverans']));
    const actions = all(card, 'Action.Execute');
    expect(actions.map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Ändra', REPORT_VERBS.open, { roundId: '2026-T3', activityRef: '3.1.1.1' }],
      ['Visa alla mina aktiviteter', REPORT_VERBS.list, { roundId: '2026-T3' }],
    ]);
  });

  it('has no "Ändra" once the round is closed, and says so', () => {
    const r = report('2026-T3', '3.1.1.1', FRITID, version('done', null));
    const { card } = renderReceiptCard(r, act, round, { open: false });
    expect(all(card, 'Action.Execute').map((a) => a.title)).toEqual(['Visa alla mina aktiviteter']);
    expect(textBlocks(card)).toContain('Omgången är stängd; rapporten kan inte längre ändras.');
    expect(textRuns(card)).toContain('(ingen kommentar)');
  });

  it('binds the comment and the reporter name literally', () => {
    const v = { ...version('on-hold', EVIL), by: { id: FRITID, name: '**Namn** ${x}' } };
    const { card } = renderReceiptCard(report('2026-T3', '3.1.1.1', FRITID, v), act, round, { open: true });
    expect(textRuns(card)).toContain(EVIL.replace('{{', '{\u2060{'));
    expect(textRuns(card)).toContain('**Namn** ${x}');
    expect(json(card).match(/\*\*Namn\*\*/g)).toHaveLength(1);
  });
});

describe('one living reminder: progress, days left, what is left after a report', () => {
  it('says "N av M klara" and how many days remain to the last day to answer', () => {
    const items = itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', null))]);
    const { card } = renderReminderCard(items, round, { now: new Date('2026-12-01T08:00:00Z') });
    expect(textBlocks(card)).toEqual(expect.arrayContaining(['1 av 2 klara', 'Sista svarsdag 2026-12-04 (om 3 dagar)']));
    const done = itemsFor(FRITID, items.map((i) => report('2026-T3', i.activity.ref, FRITID, version('done', null))));
    const finished = renderReminderCard(done, round, { now: new Date('2026-12-04T08:00:00Z') }).card;
    expect(textBlocks(finished)).toContain('2 av 2 klara');
    expect(textBlocks(finished).join(' ')).toContain('till och med sista svarsdag 2026-12-04 (i dag)');
  });

  it('shows the own status as a badge of its meaning: deviation and Vänteläge are not "good", a missing report is "attention"', () => {
    const reports = [report('2026-T3', '3.1.1.1', FRITID, version('on-hold', 'väntar'))];
    const { card } = renderReminderCard(itemsFor(FRITID, reports), round);
    const badge = (c: object, text: string) => all(c, 'Column').find((col) => (col.items as Node[]).some((i) => i.type === 'TextBlock' && String(i.text).startsWith(text)));
    const style = (text: string) => badge(card, text)?.style;
    expect(style('Din status: Vänteläge')).toBe('warning');
    expect(style('Ej rapporterad')).toBe('attention');
    const good = renderReminderCard(itemsFor(FRITID, [report('2026-T3', '3.1.1.1', FRITID, version('done', null))]), round).card;
    expect(badge(good, 'Din status: Avslutad enligt plan')?.style).toBe('good');
    // no coloured text: the theme's text colour on a tinted background stays readable
    expect(JSON.stringify(card)).not.toMatch(/"color":"(Warning|Good)"/);
  });

  it('the receipt says what is left and offers "Nästa aktivitet" while the round is open', () => {
    const act = fixturePlan().activities[0]!;
    const r = report('2026-T3', act.ref, FRITID, version('done', null));
    const { card } = renderReceiptCard(r, act, round, { open: true, progress: { done: 1, total: 3, nextRef: '3.1.1.2' } });
    expect(textBlocks(card)).toContain('1 av 3 klara: 2 aktiviteter kvar att rapportera.');
    const next = all(card, 'Action.Execute')[0]!;
    expect([next.title, next.verb, next.data]).toEqual(['Nästa aktivitet', REPORT_VERBS.open, { roundId: '2026-T3', activityRef: '3.1.1.2' }]);
    const last = renderReceiptCard(r, act, round, { open: true, progress: { done: 3, total: 3, nextRef: null } }).card;
    expect(textBlocks(last)).toContain('Alla 3 aktiviteter är rapporterade. Tack!');
    const only = renderReceiptCard(r, act, round, { open: true, progress: { done: 1, total: 1, nextRef: null } }).card;
    expect(textBlocks(only)).toContain('Aktiviteten är rapporterad. Tack!');
    expect(all(last, 'Action.Execute').map((a) => a.title)).not.toContain('Nästa aktivitet');
    const closed = renderReceiptCard(r, act, round, { open: false, progress: { done: 1, total: 3, nextRef: '3.1.1.2' } }).card;
    expect(all(closed, 'Action.Execute').map((a) => a.title)).not.toContain('Nästa aktivitet');
  });

  it("a substitute's receipt counts what the owner handed to them and lists those; an admin's counts the owner's", () => {
    const act = fixturePlan().activities[0]!;
    const r = report('2026-T3', act.ref, FRITID, version('done', null, HR));
    const handed = (done: number, total: number, nextRef: string | null) =>
      renderReceiptCard(r, act, round, { open: true, forOwnerId: FRITID, handedBy: 'Enhetschef Fritid', progress: { done, total, nextRef } }).card;
    const some = handed(1, 2, '3.1.1.2');
    expect(textBlocks(some)).toContain('1 av 2 klara av aktiviteterna du har fått av Enhetschef Fritid: 1 aktivitet kvar att rapportera.');
    expect(all(some, 'Action.Execute').map((a) => [a.title, a.data])).toEqual([
      ['Nästa aktivitet', { roundId: '2026-T3', activityRef: '3.1.1.2', ownerId: FRITID }],
      ['Ändra', { roundId: '2026-T3', activityRef: act.ref, ownerId: FRITID }],
      ['Visa aktiviteterna för Enhetschef Fritid', { roundId: '2026-T3', ownerId: FRITID }],
    ]);
    expect(textBlocks(handed(1, 4, '3.1.1.2'))).toContain('1 av 4 klara av aktiviteterna du har fått av Enhetschef Fritid: 3 aktiviteter kvar att rapportera.');
    const one = handed(1, 1, null);
    expect(textBlocks(one)).toContain('Aktiviteten du har fått av Enhetschef Fritid är rapporterad. Tack!');
    expect(all(one, 'Action.Execute').map((a) => a.title)).toEqual(['Ändra', 'Visa aktiviteterna för Enhetschef Fritid']);
    expect(textBlocks(handed(3, 3, null))).toContain('Alla 3 aktiviteter du har fått av Enhetschef Fritid är rapporterade. Tack!');
    // the owner's name is data: Teams' text functions stay literal
    const odd = renderReceiptCard(r, act, round, { open: true, forOwnerId: FRITID, handedBy: 'Namn {{DATE(x)}}', progress: { done: 1, total: 1, nextRef: null } }).card;
    expect(json(odd)).not.toContain('{{DATE');
    // an admin on the owner's behalf: the owner's progress and list, the list named by the owner
    const forFritid = report('2026-T3', act.ref, FRITID, { ...version('done', null, HR), onBehalfOf: { id: FRITID, name: 'Enhetschef Fritid' } });
    const admin = renderReceiptCard(forFritid, act, round, { open: true, forOwnerId: FRITID, progress: { done: 1, total: 3, nextRef: '3.1.1.2' } }).card;
    expect(textBlocks(admin)).toContain('1 av 3 klara: 2 aktiviteter kvar att rapportera.');
    expect(all(admin, 'Action.Execute').at(-1)).toMatchObject({ title: 'Visa aktiviteterna för Enhetschef Fritid', data: { roundId: '2026-T3', ownerId: FRITID } });
  });
});
