/**
 * In-memory implementations of the storage ports for unit tests and fake-clock simulations (weeks of
 * waves in milliseconds). Same contracts as services/store: versions behave like ETags.
 */
import { hasSubmit, type Owner, type Plan, type ReportVersion, type Round, type StatusReport } from '../../services/domain/model';
import { TertialError } from '../../services/errors';
import type { OutboxEntry, OutboxRepository, SenderLease, VersionedEntry, WaveMarker } from '../../services/ports/outbox';
import type { OwnerRepository, PlanRepository, ReportRepository, RoundGuard, RoundRepository } from '../../services/ports/repositories';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export class MemoryRounds implements RoundRepository {
  readonly items = new Map<string, Round>();
  async get(id: string) {
    const r = this.items.get(id);
    return r ? clone(r) : null;
  }
  async list() {
    return [...this.items.values()].map(clone).sort((a, b) => a.id.localeCompare(b.id));
  }
  async create(round: Round) {
    if (this.items.has(round.id)) throw new TertialError('conflict', `Omgången ${round.id} finns redan`);
    this.items.set(round.id, clone(round));
    return clone(round);
  }
  async update(id: string, change: (current: Round) => Round) {
    const r = this.items.get(id);
    if (!r) throw new TertialError('not-found', id);
    const next = change(clone(r));
    this.items.set(id, clone(next));
    return clone(next);
  }
}

export class MemoryOwners implements OwnerRepository {
  readonly items = new Map<string, Owner>();
  async list() {
    return [...this.items.values()].map(clone);
  }
  async get(id: string) {
    const o = this.items.get(id);
    return o ? clone(o) : null;
  }
  async upsertMany(owners: Owner[]) {
    for (const o of owners) this.items.set(o.aadObjectId, clone(o));
  }
  async update(id: string, change: (current: Owner) => Owner) {
    const o = this.items.get(id);
    if (!o) throw new TertialError('not-found', id);
    const next = change(clone(o));
    this.items.set(id, clone(next));
    return clone(next);
  }
}

export class MemoryPlans implements PlanRepository {
  readonly items = new Map<number, Plan>();
  async get(year: number) {
    const p = this.items.get(year);
    return p ? clone(p) : null;
  }
  async years() {
    return [...this.items.keys()].sort();
  }
  async save(plan: Plan) {
    this.items.set(plan.meta.year, clone(plan));
    const zero = { added: 0, updated: 0, archived: 0, unchanged: 0 };
    return { year: plan.meta.year, goals: { ...zero, added: plan.goals.length }, activities: { ...zero, added: plan.activities.length } };
  }
}

export class MemoryReports implements ReportRepository {
  readonly items = new Map<string, StatusReport>();
  private key = (r: string, a: string, o: string) => `${r}|${a}|${o}`;
  async get(roundId: string, activityRef: string, ownerId: string) {
    const x = this.items.get(this.key(roundId, activityRef, ownerId));
    return x ? clone(x) : null;
  }
  async listByRound(roundId: string) {
    return [...this.items.values()].filter((r) => r.roundId === roundId).map(clone);
  }
  async listByOwner(roundId: string, ownerId: string) {
    return (await this.listByRound(roundId)).filter((r) => r.ownerId === ownerId);
  }
  /** a guard is confirmed before every write: in memory there is no ETag to fence */
  async append(roundId: string, activityRef: string, ownerId: string, version: ReportVersion, guard?: RoundGuard) {
    const k = this.key(roundId, activityRef, ownerId);
    const stored = this.items.get(k);
    if (stored && hasSubmit(stored.history, version.submitId)) return clone(stored);
    await guard?.confirm();
    const cur = this.items.get(k);
    const next: StatusReport = cur
      ? { ...cur, current: version, history: [...cur.history, version] }
      : { roundId, activityRef, ownerId, current: version, history: [version] };
    this.items.set(k, clone(next));
    return clone(next);
  }
}

export class MemoryOutbox implements OutboxRepository {
  readonly items = new Map<string, { entry: OutboxEntry; version: number }>();
  readonly markers = new Map<string, WaveMarker>();
  private seq = 0;
  private k = (roundId: string, id: string) => `${roundId}|${id}`;
  private out(x: { entry: OutboxEntry; version: number }): VersionedEntry {
    return { entry: clone(x.entry), version: String(x.version) };
  }
  async claimNew(entry: OutboxEntry) {
    const k = this.k(entry.roundId, entry.id);
    if (this.items.has(k)) return null;
    const x = { entry: clone(entry), version: ++this.seq };
    this.items.set(k, x);
    return this.out(x);
  }
  async replace(entry: OutboxEntry, version: string) {
    const k = this.k(entry.roundId, entry.id);
    const cur = this.items.get(k);
    if (!cur || String(cur.version) !== version) return null;
    const x = { entry: clone(entry), version: ++this.seq };
    this.items.set(k, x);
    return this.out(x);
  }
  async get(roundId: string, id: string) {
    const x = this.items.get(this.k(roundId, id));
    return x ? this.out(x) : null;
  }
  async listWave(roundId: string, wave: string) {
    return [...this.items.values()].filter((x) => x.entry.roundId === roundId && x.entry.wave === wave).map((x) => this.out(x));
  }
  async listRound(roundId: string) {
    return [...this.items.values()].filter((x) => x.entry.roundId === roundId).map((x) => clone(x.entry));
  }
  async listWaveMarkers(roundId: string) {
    return [...this.markers.values()].filter((m) => m.roundId === roundId).map(clone);
  }
  async getWaveMarker(roundId: string, wave: string) {
    return this.markers.get(`${roundId}|${wave}`) ?? null;
  }
  lease: SenderLease | null = null;
  async takeSenderLease(holder: string, now: string, until: string) {
    if (this.lease && this.lease.holder !== holder && this.lease.leaseUntil > now) return null;
    const renewal = this.lease !== null && this.lease.holder === holder && this.lease.leaseUntil > now;
    const generation = renewal && this.lease!.generation !== undefined ? this.lease!.generation : Date.parse(now);
    this.lease = { holder, leaseUntil: until, generation };
    return generation;
  }
  async releaseSenderLease(holder: string) {
    if (this.lease?.holder === holder) this.lease = { ...this.lease, leaseUntil: new Date(0).toISOString() };
  }
  async senderLease(now: string) {
    return this.lease && this.lease.leaseUntil > now ? { ...this.lease } : null;
  }
  async markWaveComplete(marker: WaveMarker) {
    if (!this.markers.has(`${marker.roundId}|${marker.wave}`)) this.markers.set(`${marker.roundId}|${marker.wave}`, clone(marker));
  }
}

export function memoryRepositories() {
  return { rounds: new MemoryRounds(), owners: new MemoryOwners(), plans: new MemoryPlans(), reports: new MemoryReports(), outbox: new MemoryOutbox() };
}
