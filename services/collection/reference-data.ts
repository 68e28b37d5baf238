/**
 * Rounds, plans and owners as the collection flow reads them on every card submit, kept in-process so a
 * submit costs the report's own write and, at most, one small conditional read:
 *
 * - A submit is checked against `knownRoundVersion`, the round as last read here, and hands its version
 *   to the report's write (RoundGuard): a round changed since fenced that write's ETag, and the write
 *   then checks `currentRoundVersion`, the round read under its ETag (If-None-Match; Cosmos answers an
 *   unchanged round with 304 and no body). A round closed from the CLI or another instance refuses the
 *   very next submit. Submits arriving while such a read is in flight share it.
 * - Plans and the owner list are revalidated after `planMs` / `ownerMs`: one point read of the plan's
 *   version (its meta item) or the owner list's version (a marker every owner write rewrites), and a
 *   reload only when it changed. A plan import or an owner change is seen by every instance within
 *   that interval.
 * - `round()` (for rendering cards) keeps a short time-to-live.
 *
 * Repositories without the conditional reads (in-memory ones in tests) are read afresh after the interval.
 * `invalidate()` drops everything (after an import or a round change in this process).
 */
import type { Owner, Plan, Round } from '../domain/model';
import type { Clock } from '../ports/clock';
import type { OwnerRepository, PlanRepository, ReadIfChanged, RoundRepository } from '../ports/repositories';

/** a round as read, with the version (ETag) it was read at; null version: the store has none */
export interface VersionedRound {
  round: Round | null;
  version: string | null;
}

export interface ReferenceDataTtl {
  /** how long a round read for rendering is reused (a submit always checks the round's version) */
  roundMs: number;
  /** how long a plan is reused before its version is checked */
  planMs: number;
  /** how long the owner list is reused before its version is checked */
  ownerMs: number;
}

export const DEFAULT_TTL: ReferenceDataTtl = { roundMs: 5_000, planMs: 2_000, ownerMs: 2_000 };

interface Entry<T> {
  /** when the value was loaded or last confirmed current */
  at: number;
  version: string | null;
  value: Promise<T>;
  /** a version check in flight, shared by concurrent readers */
  checking: Promise<T> | null;
}

/**
 * A value per key, reused for `intervalMs`, then confirmed with a version read (`version`, when given)
 * and reloaded only if the version moved; without `version` it is reloaded after the interval.
 */
class RevalidatingCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  get(key: string, load: () => Promise<T>, version?: (known: string | null) => Promise<ReadIfChanged<string>>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.intervalMs) return hit.value;
    if (hit?.checking) return hit.checking;
    if (!hit || !version) return this.fill(key, now, load, version, null);
    const checking = version(hit.version).then(
      (res) => {
        if (this.entries.get(key) !== hit) return this.get(key, load, version);
        if (!res.changed) {
          hit.at = this.clock.now().getTime();
          hit.checking = null;
          return hit.value;
        }
        return this.fill(key, now, load, undefined, res.version);
      },
      (err) => {
        hit.checking = null;
        throw err;
      },
    );
    hit.checking = checking;
    return checking;
  }

  /** loads the value; the version is read first, so a change made during the load is seen next time */
  private fill(key: string, now: number, load: () => Promise<T>, version: ((known: string | null) => Promise<ReadIfChanged<string>>) | undefined, knownVersion: string | null): Promise<T> {
    const entry: Entry<T> = { at: now, version: knownVersion, value: Promise.resolve(undefined as T), checking: null };
    entry.value = (async () => {
      if (version) {
        const res = await version(null);
        entry.version = res.changed ? res.version : null;
      }
      return load();
    })();
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  set(key: string, value: T): void {
    this.entries.set(key, { at: this.clock.now().getTime(), version: null, value: Promise.resolve(value), checking: null });
  }

  clear(): void {
    this.entries.clear();
  }
}

export class ReferenceData {
  private readonly rounds: RevalidatingCache<Round | null>;
  private readonly plans: RevalidatingCache<Plan | null>;
  private readonly ownerIndex: RevalidatingCache<Map<string, Owner>>;
  /** the last version seen of each round, for the submit's conditional read */
  private readonly roundVersions = new Map<string, VersionedRound>();
  private readonly roundChecks = new Map<string, Promise<VersionedRound>>();

  constructor(
    private readonly repos: { rounds: RoundRepository; plans: PlanRepository; owners: OwnerRepository },
    clock: Clock,
    ttl: ReferenceDataTtl = DEFAULT_TTL,
  ) {
    this.rounds = new RevalidatingCache(clock, ttl.roundMs);
    this.plans = new RevalidatingCache(clock, ttl.planMs);
    this.ownerIndex = new RevalidatingCache(clock, ttl.ownerMs);
  }

  /** a round for rendering (reused for a few seconds) */
  round(id: string): Promise<Round | null> {
    return this.rounds.get(id, () => this.repos.rounds.get(id));
  }

  /**
   * The round as stored now, with its version: one conditional read under the last seen ETag (304 when
   * unchanged). Concurrent callers share a read in flight.
   */
  currentRoundVersion(id: string): Promise<VersionedRound> {
    const conditional = this.repos.rounds.getIfChanged?.bind(this.repos.rounds);
    if (!conditional) return this.repos.rounds.get(id).then((round) => ({ round, version: null }));
    const inFlight = this.roundChecks.get(id);
    if (inFlight) return inFlight;
    const known = this.roundVersions.get(id);
    const check = conditional(id, known?.version ?? null)
      .then((res): VersionedRound => {
        if (!res.changed && known) return known;
        const latest = res.changed ? { round: res.value, version: res.version } : { round: null, version: null };
        this.roundVersions.set(id, latest);
        this.rounds.set(id, latest.round);
        return latest;
      })
      .finally(() => this.roundChecks.delete(id));
    this.roundChecks.set(id, check);
    return check;
  }

  /** the round as stored now (currentRoundVersion without the version) */
  async currentRound(id: string): Promise<Round | null> {
    return (await this.currentRoundVersion(id)).round;
  }

  /**
   * The round as last read by currentRoundVersion, with its version, without a read; read when none
   * is known yet. What a submit is first checked against (RoundGuard: the report's write tells whether
   * the round has changed since).
   */
  knownRoundVersion(id: string): Promise<VersionedRound> {
    const known = this.roundVersions.get(id);
    return known ? Promise.resolve(known) : this.currentRoundVersion(id);
  }

  plan(year: number): Promise<Plan | null> {
    const version = this.repos.plans.versionIfChanged?.bind(this.repos.plans);
    return this.plans.get(String(year), () => this.repos.plans.get(year), version && ((known) => version(year, known)));
  }

  /**
   * An owner, from the cached list of all owners (one query serves every submit); someone not in the
   * list is read directly, so an owner imported a moment ago is found at once.
   */
  async owner(aadObjectId: string): Promise<Owner | null> {
    const listed = (await this.owners()).get(aadObjectId);
    return listed ?? this.repos.owners.get(aadObjectId);
  }

  async allOwners(): Promise<Owner[]> {
    return [...(await this.owners()).values()];
  }

  private owners(): Promise<Map<string, Owner>> {
    const version = this.repos.owners.versionIfChanged?.bind(this.repos.owners);
    return this.ownerIndex.get('all', async () => new Map((await this.repos.owners.list()).map((o) => [o.aadObjectId, o])), version);
  }

  invalidate(): void {
    this.rounds.clear();
    this.plans.clear();
    this.ownerIndex.clear();
    this.roundVersions.clear();
  }
}
