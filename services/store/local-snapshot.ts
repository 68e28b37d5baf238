/**
 * Keeps the embedded store's data across restarts of `npm start`: every container's items are written to
 * one JSON file under the data folder (default `.tertial/store.json`) shortly after a change (at most
 * one write per `delayMs` while changes keep coming) and at a graceful stop, and loaded into the empty
 * embedded store at start. The file is replaced atomically (written beside it, then renamed), so a crash
 * mid-write leaves the previous snapshot. `--reset` moves the file aside (never deletes it).
 *
 * Only for the embedded store: a real Cosmos DB account or the emulator keeps its own data.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TertialError } from '../errors';
import type { Logger } from '../logging/logger';
import { mapLimit } from './concurrency';
import { CONTAINERS, type ContainerName } from './containers';
import type { CosmosConnection } from './cosmos-connection';
import { queryAll, stripSystem } from './cosmos-util';

export const SNAPSHOT_FORMAT = 'tertial-local-snapshot/1';
export const SNAPSHOT_FILE = 'store.json';
/** how soon after a change the snapshot is written */
export const SNAPSHOT_DELAY_MS = 1_000;

interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  savedAt: string;
  containers: Partial<Record<ContainerName, Record<string, unknown>[]>>;
}

/**
 * Leases held by the process that wrote the snapshot (the sender lease, a plan import lock): that
 * process is gone, so they are not loaded (the next start would otherwise wait for them to expire).
 */
function isProcessLease(container: ContainerName, item: Record<string, unknown>): boolean {
  return (container === 'outbox' && item.id === 'sender-lease') || (container === 'plans' && item.type === 'lock');
}

export class LocalSnapshot {
  readonly file: string;
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private dirty = false;
  /** changes are tracked only once the snapshot was loaded (or there was none): never save a half-loaded store */
  private tracking = false;
  private closed = false;

  constructor(
    private readonly connection: CosmosConnection,
    dir: string,
    private readonly logger: Logger,
    private readonly delayMs = SNAPSHOT_DELAY_MS,
  ) {
    this.file = resolve(join(dir, SNAPSHOT_FILE));
  }

  /** moves the snapshot aside (`store-reset-<time>.json` beside it); returns where, or null if there was none */
  async reset(now: Date): Promise<string | null> {
    const aside = this.file.replace(/\.json$/, `-reset-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    try {
      await rename(this.file, aside);
      return aside;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** loads the snapshot into the store (expected empty); the number of items, or null when there is no snapshot */
  async load(): Promise<number | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.tracking = true;
      return null;
    }
    const doc = this.parse(text);
    let count = 0;
    for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
      const items = (doc.containers[name] ?? []).filter((item) => !isProcessLease(name, item));
      const container = this.connection.container(name);
      await mapLimit(items, 16, (item) => container.items.upsert(item));
      count += items.length;
    }
    this.tracking = true;
    return count;
  }

  private parse(text: string): SnapshotDocument {
    const refuse = (why: string): never => {
      throw new TertialError(
        'invalid-input',
        `Den lokala datan i ${this.file} kan inte läsas: ${why}. Inget har ändrats. Rätta filen, eller starta om från början med "npm start -- --reset" (filen flyttas då undan, den raderas inte).`,
      );
    };
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return refuse(`ogiltig JSON (${(e as Error).message})`);
    }
    const d = doc as Partial<SnapshotDocument> | null;
    if (!d || typeof d !== 'object' || d.format !== SNAPSHOT_FORMAT) return refuse(`fältet "format" ska vara "${SNAPSHOT_FORMAT}"`);
    if (!d.containers || typeof d.containers !== 'object') return refuse('fältet "containers" saknas');
    for (const [name, items] of Object.entries(d.containers)) {
      if (!(name in CONTAINERS)) return refuse(`okänd container "${name}"`);
      if (!Array.isArray(items) || items.some((i) => !i || typeof i !== 'object' || typeof (i as { id?: unknown }).id !== 'string')) {
        return refuse(`container "${name}": varje post ska vara ett objekt med ett id`);
      }
    }
    return d as SnapshotDocument;
  }

  /** a write reached the store: save soon */
  changed(): void {
    if (!this.tracking || this.closed) return;
    this.dirty = true;
    if (this.timer || this.saving) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save().catch((err) => this.logger.warn({ err, file: this.file }, 'could not write the local data snapshot; trying again at the next change'));
    }, this.delayMs);
    this.timer.unref();
  }

  /** writes the snapshot now (waits for a write in progress first) */
  async save(): Promise<void> {
    while (this.saving) await this.saving.catch(() => undefined);
    this.dirty = false;
    this.saving = this.write().finally(() => {
      this.saving = null;
      if (this.dirty && !this.closed) this.changed();
    });
    return this.saving;
  }

  private async write(): Promise<void> {
    const containers: SnapshotDocument['containers'] = {};
    let count = 0;
    for (const name of Object.keys(CONTAINERS) as ContainerName[]) {
      const items = await queryAll<Record<string, unknown> & { id: string }>(this.connection.container(name), 'SELECT * FROM c');
      containers[name] = items.map((i) => stripSystem<Record<string, unknown>>(i)).sort((a, b) => String(a.id).localeCompare(String(b.id)));
      count += items.length;
    }
    const doc: SnapshotDocument = { format: SNAPSHOT_FORMAT, savedAt: new Date().toISOString(), containers };
    await mkdir(resolve(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(doc));
    await rename(tmp, this.file);
    this.logger.debug({ file: this.file, items: count }, 'local data saved');
  }

  /** at a graceful stop: the last changes are written, then no more */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.tracking && !this.closed;
    this.closed = true;
    if (pending) await this.save();
  }
}
