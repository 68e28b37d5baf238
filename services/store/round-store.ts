import type { Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import type { Round } from '../domain/model';
import { TertialError } from '../errors';
import type { ReadIfChanged, RoundRepository } from '../ports/repositories';
import { mergeFence, reportFence, type FenceScope } from '../rounds/report-fence';
import { isConflict, queryAll, readIfChanged, readItem, readModifyWrite, stripSystem } from './cosmos-util';

/** a fence a change owes: written with the change, removed once the reports are fenced */
interface PendingFence {
  id: string;
  scope: FenceScope;
}

type RoundItem = Round & { pendingFence?: PendingFence };

/** the round as the domain knows it: without system fields and without a pending fence */
const toRound = (item: RoundItem): Round => {
  const { pendingFence: _pending, ...round } = stripSystem<RoundItem>(item);
  return round;
};

/** rewrites a round's reports in a scope so ETags held for them go stale (CosmosReportRepository.fence) */
export type FenceReports = (roundId: string, scope: FenceScope) => Promise<unknown>;

/**
 * Rounds in the `rounds` container, id `${year}-T${tertial}`, partition key /year.
 *
 * A change that concerns reports (services/rounds/report-fence.ts) writes, with the round, the fence
 * it owes (`pendingFence`); then the reports are fenced and the mark removed, all before `update`
 * returns. A writer that stops in between leaves the mark: `completeFences` (the dispatcher's tick)
 * finishes the fence.
 */
export class CosmosRoundRepository implements RoundRepository {
  constructor(
    private readonly container: Container,
    private readonly fenceReports: FenceReports,
  ) {}

  private static yearOf(id: string): number {
    const year = Number(id.split('-T')[0]);
    if (!Number.isInteger(year)) throw new TertialError('invalid-input', `Ogiltigt omgångs-id: ${id}`);
    return year;
  }

  async get(id: string): Promise<Round | null> {
    const item = await readItem<RoundItem>(this.container, id, CosmosRoundRepository.yearOf(id));
    return item ? toRound(item) : null;
  }

  async getIfChanged(id: string, version: string | null): Promise<ReadIfChanged<Round>> {
    const res = await readIfChanged<RoundItem>(this.container, id, CosmosRoundRepository.yearOf(id), version);
    if (!res.changed) return res;
    return { changed: true, value: res.item ? toRound(res.item) : null, version: res.item?._etag ?? null };
  }

  async list(): Promise<Round[]> {
    const items = await queryAll<RoundItem>(this.container, 'SELECT * FROM c');
    return items.map(toRound).sort((a, b) => a.id.localeCompare(b.id));
  }

  async create(round: Round): Promise<Round> {
    try {
      const { resource } = await this.container.items.create(round);
      return toRound(resource as RoundItem);
    } catch (e) {
      if (isConflict(e)) throw new TertialError('conflict', `Omgången ${round.id} finns redan`);
      throw e;
    }
  }

  async update(id: string, change: (current: Round) => Round): Promise<Round> {
    const stored = await readModifyWrite<RoundItem>(this.container, id, CosmosRoundRepository.yearOf(id), (current) => {
      const { pendingFence, ...before } = current;
      const after = change(before);
      const owed = mergeFence(pendingFence?.scope, reportFence(before, after));
      return owed ? { ...after, pendingFence: { id: randomUUID(), scope: owed } } : after;
    });
    if (stored.pendingFence) await this.finishFence(id, stored.pendingFence);
    return toRound(stored);
  }

  async completeFences(): Promise<string[]> {
    const pending = await queryAll<RoundItem>(this.container, 'SELECT * FROM c WHERE IS_DEFINED(c.pendingFence)');
    const fenced: string[] = [];
    for (const item of pending) {
      if (!item.pendingFence) continue;
      await this.finishFence(item.id, item.pendingFence);
      fenced.push(item.id);
    }
    return fenced;
  }

  /** fences the reports, then removes the mark unless a later change has replaced it (that change fences its own) */
  private async finishFence(id: string, pending: PendingFence): Promise<void> {
    await this.fenceReports(id, pending.scope);
    await readModifyWrite<RoundItem>(this.container, id, CosmosRoundRepository.yearOf(id), ({ pendingFence, ...round }) =>
      pendingFence?.id === pending.id ? round : undefined,
    );
  }
}
