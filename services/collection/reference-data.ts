/**
 * Rounds, plans and owners as the collection flow reads them on every card submit: cached in-process
 * for a short time so a submit costs only the report's own read + write in Cosmos. Concurrent misses
 * share one load. `invalidate()` drops everything (call it after an import or a round change in this
 * process); other processes' changes are seen after the TTL.
 */
import type { Owner, Plan, Round } from '../domain/model';
import type { Clock } from '../ports/clock';
import type { OwnerRepository, PlanRepository, RoundRepository } from '../ports/repositories';

export interface ReferenceDataTtl {
  roundMs: number;
  planMs: number;
  ownerMs: number;
}

export const DEFAULT_TTL: ReferenceDataTtl = { roundMs: 5_000, planMs: 60_000, ownerMs: 30_000 };

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

export class ReferenceData {
  private readonly rounds: TtlCache<Round | null>;
  private readonly plans: TtlCache<Plan | null>;
  private readonly owners: TtlCache<Owner | null>;
  private readonly ownerLists: TtlCache<Owner[]>;

  constructor(
    private readonly repos: { rounds: RoundRepository; plans: PlanRepository; owners: OwnerRepository },
    clock: Clock,
    ttl: ReferenceDataTtl = DEFAULT_TTL,
  ) {
    this.rounds = new TtlCache(clock, ttl.roundMs);
    this.plans = new TtlCache(clock, ttl.planMs);
    this.owners = new TtlCache(clock, ttl.ownerMs);
    this.ownerLists = new TtlCache(clock, ttl.ownerMs);
  }

  round(id: string): Promise<Round | null> {
    return this.rounds.get(id, () => this.repos.rounds.get(id));
  }

  plan(year: number): Promise<Plan | null> {
    return this.plans.get(String(year), () => this.repos.plans.get(year));
  }

  /**
   * An owner, from the cached list of all owners (one query serves every submit); someone not in the
   * list is read directly, so an owner imported a moment ago is found at once.
   */
  owner(aadObjectId: string): Promise<Owner | null> {
    return this.owners.get(aadObjectId, async () => {
      const listed = (await this.allOwners()).find((o) => o.aadObjectId === aadObjectId);
      return listed ?? this.repos.owners.get(aadObjectId);
    });
  }

  allOwners(): Promise<Owner[]> {
    return this.ownerLists.get('all', () => this.repos.owners.list());
  }

  invalidate(): void {
    this.rounds.clear();
    this.plans.clear();
    this.owners.clear();
    this.ownerLists.clear();
  }
}
