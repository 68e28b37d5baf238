import { renderMeasureCard, measureValueInputId, MEASURE_VERBS } from '../../cards/measure-card';
import { operatorPrincipal, personPrincipal } from '../../services/access/access-policy';
import type { MeasureOutcome, OutcomeVersion } from '../../services/domain/model';
import { MeasureService } from '../../services/measures/measure-service';
import type { MeasureOutcomeRepository } from '../../services/ports/repositories';
import { collectionFixture, fixturePlan, fixtureRound, FRITID, HR } from '../support/collection-fixture';

/** outcomes in memory, with the history the Cosmos store keeps */
class MemoryOutcomes implements MeasureOutcomeRepository {
  readonly items = new Map<string, MeasureOutcome>();
  async listByYear(year: number) {
    return [...this.items.values()].filter((o) => o.year === year).map((o) => structuredClone(o));
  }
  async get(year: number, ref: string, period: string) {
    return structuredClone(this.items.get(`${year}|${ref}|${period}`) ?? null);
  }
  async append(year: number, measureRef: string, period: string, version: OutcomeVersion) {
    const key = `${year}|${measureRef}|${period}`;
    const o = this.items.get(key) ?? { year, measureRef, period, current: version, history: [] };
    const next = { ...o, current: version, history: [...o.history, version] };
    this.items.set(key, next);
    return structuredClone(next);
  }
}

async function setup() {
  const plan = fixturePlan();
  plan.measures = [
    { year: 2026, ref: '4.1.M1', goalRef: '4.1', name: 'Sjukfrånvaro', unit: '%', kind: 'number', direction: 'lower', baseline: { period: '2025', value: 9.9 }, target: { value: 9.5 }, ownerId: HR, order: 0, archived: false },
    { year: 2026, ref: '3.1.M1', goalRef: '3.1', name: 'Handlingsplan antagen', unit: '', kind: 'text', direction: null, baseline: null, target: { value: 'Ja' }, ownerId: HR, order: 1, archived: false },
  ];
  const f = await collectionFixture({ plan });
  const outcomes = new MemoryOutcomes();
  const service = new MeasureService({ repos: { ...f, outcomes, assessments: null as never, outbox: null as never, publications: null as never }, clock: f.clock });
  return { ...f, outcomes, service };
}

const lists = { admins: [], ledningsgrupp: [] };

describe('a measure owner reports outcomes in Teams', () => {
  it('gets their measures with target and last outcome; the card has a number field with the unit, or a text field', async () => {
    const { service, outcomes } = await setup();
    await outcomes.append(2026, '4.1.M1', '2026-T2', { value: 9.6, comment: null, by: { id: HR, name: 'HR-chef' }, at: '2026-09-01T08:00:00.000Z', source: 'teams' });
    const round = fixtureRound();
    const mine = await service.measuresFor(HR, round);
    expect(mine.map((m) => [m.measure.ref, m.period, m.last?.period ?? null])).toEqual([
      ['4.1.M1', '2026', '2026-T2'],
      ['3.1.M1', '2026', null],
    ]);
    expect(await service.measuresFor(FRITID, round)).toEqual([]);
    const json = JSON.stringify(renderMeasureCard(round, mine).card);
    expect(json).toContain('"type":"Input.Number","id":"value-4.1.M1","label":"Utfall 2026 (%)"');
    expect(json).toContain('"type":"Input.Text","id":"value-3.1.M1","label":"Utfall 2026"');
    expect(json).toContain('{"title":"Mål","value":"9,5 %"}');
    expect(json).toContain('{"title":"Senaste utfall","value":"9,6 % (2026-T2)"}');
    expect(json).toContain(`"verb":"${MEASURE_VERBS.submit}","data":{"year":2026,"ref":"4.1.M1","period":"2026","roundId":"2026-T3"}`);
    expect(measureValueInputId('4.1.M1')).toBe('value-4.1.M1');
  });

  it('the owner (or an admin) stores an outcome with history; anyone else is refused by the access policy; bad values change nothing', async () => {
    const { service, outcomes } = await setup();
    const hr = personPrincipal({ id: HR, name: 'HR-chef' }, lists);
    const saved = await service.setOutcome(hr, { year: 2026, ref: '4.1.M1', period: '2026', value: '9,32', comment: 'Minskar', source: 'teams' });
    expect(saved.current).toMatchObject({ value: 9.32, comment: 'Minskar', by: { id: HR }, source: 'teams' });
    await service.setOutcome(operatorPrincipal({ id: 'cli:x', name: 'Controller' }), { year: 2026, ref: '4.1.M1', period: '2026', value: '9,30', comment: 'Rättad', source: 'cli' });
    expect((await outcomes.get(2026, '4.1.M1', '2026'))!.history.map((v) => [v.value, v.by.name])).toEqual([
      [9.32, 'HR-chef'],
      [9.3, 'Controller'],
    ]);
    const fritid = personPrincipal({ id: FRITID, name: 'Enhetschef Fritid' }, lists);
    await expect(service.setOutcome(fritid, { year: 2026, ref: '4.1.M1', period: '2026', value: '1', source: 'teams' })).rejects.toThrow(/Bara aktivitetens ägare/);
    await expect(service.setOutcome(hr, { year: 2026, ref: '4.1.M1', period: '2026', value: 'många', source: 'teams' })).rejects.toThrow(/inget tal/);
    expect((await outcomes.get(2026, '4.1.M1', '2026'))!.history).toHaveLength(2);
  });
});

describe('the reminder points a measure owner to their measures', () => {
  it('the composer counts the owner’s measures; the card shows a line and "Rapportera mått"', async () => {
    const { createReminderComposer } = await import('../../services/dispatch/reminder-composer');
    const { renderReminderCard } = await import('../../cards/reminder-card');
    const f = await setup();
    const composer = createReminderComposer(f, (items, round, extras) => renderReminderCard(items, round, { ...extras }));
    const round = (await f.rounds.get('2026-T3'))!;
    const hr = await composer.compose({ round, owner: (await f.owners.get(HR))!, activities: [], missing: [], wave: 'w7' });
    const json = JSON.stringify(hr.card);
    expect(json).toContain('Du rapporterar också 2 mått (utfall mot mål).');
    expect(json).toContain(`"title":"Rapportera mått","verb":"${MEASURE_VERBS.open}","data":{"roundId":"2026-T3"}`);
    const fritid = await composer.compose({ round, owner: (await f.owners.get(FRITID))!, activities: [], missing: [], wave: 'w7' });
    expect(JSON.stringify(fritid.card)).not.toContain('Rapportera mått');
  });

  it('the cards `status` and the first greeting show carry the same count as the wave\'s reminder', async () => {
    const { CollectionService } = await import('../../services/collection/collection-service');
    const f = await setup();
    const collection = new CollectionService(f, f.clock);
    const [hr] = await collection.openItems(HR);
    expect(hr).toMatchObject({ measures: 2 });
    const [fritid] = await collection.openItems(FRITID);
    expect(fritid).toMatchObject({ measures: 0 });
    expect(await collection.measureCount(HR, { year: 2026 })).toBe(2);
    // an archived measure is not reported
    const plan = (await f.plans.get(2026))!;
    plan.measures = plan.measures!.map((m) => (m.ref === '3.1.M1' ? { ...m, archived: true } : m));
    await f.plans.save(plan);
    expect(await new CollectionService(f, f.clock).measureCount(HR, { year: 2026 })).toBe(1);
  });
});
