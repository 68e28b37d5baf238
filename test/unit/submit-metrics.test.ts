/** A submit is reported to the metrics port with its outcome and how long it took. */
import { personPrincipal } from '../../services/access/access-policy';
import { CollectionService } from '../../services/collection/collection-service';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import type { Metrics } from '../../services/ports/metrics';
import { makeOwners, makePlan, makeRound, ownerId } from '../support/dispatch-fixtures';
import { memoryRepositories } from '../support/memory-repositories';

configureLogger({ level: 'silent' });

describe('submit metrics', () => {
  it('counts stored and refused submits with their duration', async () => {
    const repos = memoryRepositories();
    await repos.plans.save(makePlan(2026, 2));
    await repos.owners.upsertMany(makeOwners(2));
    await repos.rounds.create(makeRound());
    const seen: { outcome: string; durationMs: number }[] = [];
    const metrics: Metrics = { reminder: () => undefined, publish: () => undefined, submit: (outcome, durationMs) => seen.push({ outcome, durationMs }) };
    const collection = new CollectionService(repos, new FakeClock('2026-04-10T08:00:00Z'), metrics);
    const owner = personPrincipal({ id: ownerId(0), name: 'Ägare 0' }, { admins: [], ledningsgrupp: [] });
    const [{ items }] = await collection.openItems(ownerId(0));
    expect(await collection.submit(owner, { roundId: '2026-T1', activityRef: items[0]!.activity.ref, status: 'in-progress', comment: '' })).toMatchObject({ ok: true });
    expect(await collection.submit(owner, { roundId: '2026-T1', activityRef: items[0]!.activity.ref, status: 'nonsense', comment: '' })).toMatchObject({ ok: false });
    expect(seen.map((s) => s.outcome)).toEqual(['stored', 'refused']);
    expect(seen.every((s) => s.durationMs >= 0 && Number.isFinite(s.durationMs))).toBe(true);
  });
});
