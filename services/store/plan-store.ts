import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { Activity, Goal, Measure, Plan, PlanMeta } from '../domain/model';
import { TertialError } from '../errors';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { PlanRepository, PlanSaveSummary, ReadIfChanged } from '../ports/repositories';
import { mapLimit } from './concurrency';
import { isNotFound, isPreconditionFailed, queryAll, queryPartition, readIfChanged, stripSystem, takeLease } from './cosmos-util';

type MetaItem = PlanMeta & { id: 'meta'; type: 'meta' };
type GoalItem = Goal & { id: string; type: 'goal' };
type ActivityItem = Activity & { id: string; type: 'activity' };
type MeasureItem = Measure & { id: string; type: 'measure' };
type PlanItem = MetaItem | GoalItem | ActivityItem | MeasureItem;
/** held while a plan of the year is being saved: two imports of one year never interleave their writes */
type LockItem = { id: 'import-lock'; type: 'lock'; year: number; holder: string; since: string; leaseUntil: string };

const WRITE_CONCURRENCY = 16;
/** a lock left by a crashed import is taken over after this long */
export const IMPORT_LOCK_MS = 10 * 60 * 1000;

function same(a: object, b: object): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/** Plans in the `plans` container, partition key /year: one item per meta, goal and activity. */
export class CosmosPlanRepository implements PlanRepository {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock = systemClock,
  ) {}

  async get(year: number): Promise<Plan | null> {
    const items = (await queryPartition<PlanItem>(this.container, { field: 'year', value: year })).map((i) => stripSystem<PlanItem>(i));
    const meta = items.find((i): i is MetaItem => i.type === 'meta');
    if (!meta) return null;
    const { id: _m, type: _t, ...metaFields } = meta;
    const goals = items
      .filter((i): i is GoalItem => i.type === 'goal')
      .map(({ id: _id, type: _type, ...g }) => g as Goal)
      .sort((a, b) => a.order - b.order);
    const activities = items
      .filter((i): i is ActivityItem => i.type === 'activity')
      .map(({ id: _id, type: _type, ...a }) => a as Activity)
      .sort((a, b) => a.order - b.order);
    const measures = items
      .filter((i): i is MeasureItem => i.type === 'measure')
      .map(({ id: _id, type: _type, ...m }) => m as Measure)
      .sort((a, b) => a.order - b.order);
    return { meta: metaFields, goals, activities, measures };
  }

  async years(): Promise<number[]> {
    const rows = await queryAll<{ year: number }>(this.container, "SELECT c.year FROM c WHERE c.type = 'meta'");
    return rows.map((r) => r.year).sort((a, b) => a - b);
  }

  /** the meta item's ETag: meta is written last by every save, so it changes whenever the plan does */
  async versionIfChanged(year: number, version: string | null): Promise<ReadIfChanged<string>> {
    const res = await readIfChanged<MetaItem>(this.container, 'meta', year, version);
    if (!res.changed) return res;
    return { changed: true, value: res.item?._etag ?? null, version: res.item?._etag ?? null };
  }

  async save(plan: Plan): Promise<PlanSaveSummary> {
    const lock = await this.acquireImportLock(plan.meta.year);
    try {
      return await this.saveLocked(plan);
    } finally {
      await this.container
        .item(lock.id, plan.meta.year)
        .delete({ accessCondition: { type: 'IfMatch', condition: lock.etag } })
        .catch((e: unknown) => {
          if (!isNotFound(e) && !isPreconditionFailed(e)) throw e;
        });
    }
  }

  /** Takes the year's import lock (create; or take over an expired one under its ETag). */
  private async acquireImportLock(year: number): Promise<{ id: string; etag: string }> {
    const now = this.clock.now();
    const lock: LockItem = {
      id: 'import-lock',
      type: 'lock',
      year,
      holder: randomUUID(),
      since: now.toISOString(),
      leaseUntil: new Date(now.getTime() + IMPORT_LOCK_MS).toISOString(),
    };
    const taken = await takeLease(this.container, year, lock, now.toISOString());
    if ('etag' in taken) return { id: lock.id, etag: taken.etag };
    const held = taken.heldBy;
    throw new TertialError(
      'conflict',
      `En annan import av planen för ${year} pågår (sedan ${held?.since ?? 'nyss'}); försök igen när den är klar (another import of this year's plan is running)`,
    );
  }

  private async saveLocked(plan: Plan): Promise<PlanSaveSummary> {
    const year = plan.meta.year;
    const existing = await this.get(year);
    const summary: PlanSaveSummary = {
      year,
      goals: { added: 0, updated: 0, archived: 0, unchanged: 0 },
      activities: { added: 0, updated: 0, archived: 0, unchanged: 0 },
      measures: { added: 0, updated: 0, archived: 0, unchanged: 0 },
    };
    const writes: PlanItem[] = [];
    const merge = <T extends Goal | Activity | Measure>(
      incoming: T[],
      before: T[],
      kind: 'goal' | 'activity' | 'measure',
      counts: PlanSaveSummary['goals'],
    ) => {
      const known = new Map(before.map((x) => [x.ref, x]));
      const seen = new Set<string>();
      for (const item of incoming) {
        seen.add(item.ref);
        const old = known.get(item.ref);
        const next = { ...item, archived: false };
        if (!old) counts.added++;
        else if (same(old, next)) {
          counts.unchanged++;
          continue;
        } else counts.updated++;
        writes.push({ ...next, id: `${kind}:${item.ref}`, type: kind } as PlanItem);
      }
      for (const old of before) {
        if (seen.has(old.ref) || old.archived) continue;
        counts.archived++;
        writes.push({ ...old, archived: true, id: `${kind}:${old.ref}`, type: kind } as PlanItem);
      }
    };
    merge(plan.goals, existing?.goals ?? [], 'goal', summary.goals);
    merge(plan.activities, existing?.activities ?? [], 'activity', summary.activities);
    merge(plan.measures ?? [], existing?.measures ?? [], 'measure', summary.measures!);
    await mapLimit(writes, WRITE_CONCURRENCY, (item) => this.container.items.upsert(item));
    // meta last: a plan is visible (get() returns it) only once its goals and activities are written
    await this.container.items.upsert<MetaItem>({ ...plan.meta, id: 'meta', type: 'meta' });
    return summary;
  }
}
