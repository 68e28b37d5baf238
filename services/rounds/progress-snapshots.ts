/**
 * Round progress for the admin's dashboard at scale: reading a 5,000-owner round (owners, reports and
 * every delivery) takes seconds, so each round's progress is kept as a snapshot in this process and
 * served from there while it is fresh. An older snapshot is served at once and refreshed behind it
 * (stale-while-revalidate), up to `maxStaleMs`; beyond that a request waits for a new read.
 * Concurrent requests share one read. `invalidate` forgets a round after this process changed it
 * (a reminder sent from the tab), so the next request reads anew. Every answer says when it was read.
 */
import type { Clock } from '../ports/clock';
import { loadRoundProgress, type ProgressDeps, type RoundProgress } from './round-progress';

export interface ProgressSnapshot {
  progress: RoundProgress;
  /** when the snapshot was read from the store */
  readAt: Date;
}

export interface SnapshotSettings {
  /** a snapshot younger than this is served as is */
  freshMs: number;
  /** a snapshot older than freshMs but younger than this is served while a refresh runs behind it */
  maxStaleMs: number;
}

export const DEFAULT_SNAPSHOT_SETTINGS: SnapshotSettings = { freshMs: 5_000, maxStaleMs: 120_000 };

interface Entry {
  snapshot: ProgressSnapshot | null;
  loading: Promise<ProgressSnapshot> | null;
}

export class ProgressSnapshots {
  private readonly rounds = new Map<string, Entry>();

  constructor(
    private readonly deps: ProgressDeps & { clock: Clock },
    private readonly settings: SnapshotSettings = DEFAULT_SNAPSHOT_SETTINGS,
  ) {}

  async get(year: number, tertial: number): Promise<ProgressSnapshot> {
    const key = `${year}-T${tertial}`;
    const entry = this.rounds.get(key) ?? { snapshot: null, loading: null };
    this.rounds.set(key, entry);
    const age = entry.snapshot ? this.deps.clock.now().getTime() - entry.snapshot.readAt.getTime() : Infinity;
    if (entry.snapshot && age < this.settings.freshMs) return entry.snapshot;
    const load = this.load(key, entry, year, tertial);
    if (entry.snapshot && age < this.settings.maxStaleMs) {
      load.catch(() => undefined); // a failed refresh leaves the older snapshot; the next request tries again
      return entry.snapshot;
    }
    return load;
  }

  invalidate(year: number, tertial: number): void {
    this.rounds.delete(`${year}-T${tertial}`);
  }

  private load(key: string, entry: Entry, year: number, tertial: number): Promise<ProgressSnapshot> {
    if (entry.loading) return entry.loading;
    const readAt = this.deps.clock.now();
    const loading = loadRoundProgress(this.deps, year, tertial)
      .then((progress) => {
        const snapshot = { progress, readAt };
        // a round invalidated while this read ran keeps its newer state: the read is not stored
        if (this.rounds.get(key) === entry) entry.snapshot = snapshot;
        return snapshot;
      })
      .finally(() => {
        entry.loading = null;
      });
    entry.loading = loading;
    return loading;
  }
}
