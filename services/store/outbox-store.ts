import type { Container } from '@azure/cosmos';
import { handoverKey, type DeliveryRecord, type OutboxEntry, type OutboxRepository, type SenderLease, type SentReminder, type VersionedEntry, type WaveMarker } from '../ports/outbox';
import { isConflict, isPreconditionFailed, queryPartition, readItem, releaseLease, stripSystem, takeLease } from './cosmos-util';

type EntryItem = OutboxEntry & { type: 'entry' };
type MarkerItem = WaveMarker & { id: string; type: 'wave' };
type LeaseItem = SenderLease & { id: string; roundId: string; type: 'lease' };

/** the sender lease lives in a partition of its own, apart from every round's entries */
const LEASE_PARTITION = '_dispatch';
const LEASE_ID = 'sender-lease';

const toVersioned = (item: EntryItem & { _etag?: string }): VersionedEntry => {
  const etag = item._etag;
  if (!etag) throw new Error(`outbox item ${item.id} came back without an ETag`);
  const { type: _type, ...entry } = stripSystem<EntryItem>(item);
  return { entry, version: etag };
};

/**
 * The dispatch outbox in the `outbox` container, partition key /roundId: entries with id
 * `${wave}:${ownerId}` (type 'entry') and wave markers `wave:${wave}` (type 'wave'). A claim is a
 * create (409: someone else has the key) or a replace with If-Match on the ETag (412: lost the race).
 * The sender lease is the item `sender-lease` (type 'lease') in the partition `_dispatch`, taken the
 * same way.
 */
export class CosmosOutboxRepository implements OutboxRepository {
  constructor(private readonly container: Container) {}

  async claimNew(entry: OutboxEntry): Promise<VersionedEntry | null> {
    try {
      const { resource } = await this.container.items.create<EntryItem>({ ...entry, type: 'entry' });
      return toVersioned(resource as EntryItem & { _etag: string });
    } catch (e) {
      if (isConflict(e)) return null;
      throw e;
    }
  }

  async replace(entry: OutboxEntry, version: string): Promise<VersionedEntry | null> {
    try {
      const { resource } = await this.container
        .item(entry.id, entry.roundId)
        .replace<EntryItem>({ ...entry, type: 'entry' }, { accessCondition: { type: 'IfMatch', condition: version } });
      return toVersioned(resource as EntryItem & { _etag: string });
    } catch (e) {
      if (isPreconditionFailed(e)) return null;
      throw e;
    }
  }

  async get(roundId: string, id: string): Promise<VersionedEntry | null> {
    const item = await readItem<EntryItem>(this.container, id, roundId);
    return item && item.type === 'entry' ? toVersioned(item) : null;
  }

  async listWave(roundId: string, wave: string): Promise<VersionedEntry[]> {
    const items = await queryPartition<EntryItem & { _etag: string }>(
      this.container,
      { field: 'roundId', value: roundId },
      "c.type = 'entry' AND c.wave = @wave",
      [{ name: '@wave', value: wave }],
    );
    return items.map(toVersioned);
  }

  async listRound(roundId: string): Promise<OutboxEntry[]> {
    const items = await queryPartition<EntryItem & { _etag: string }>(this.container, { field: 'roundId', value: roundId }, "c.type = 'entry'");
    return items.map((i) => toVersioned(i).entry);
  }

  async listSentTo(roundId: string, ownerId: string): Promise<SentReminder[]> {
    const rows = await queryPartition<{ activityId?: string | null; sentAt?: string | null; ownerId: string; deliverTo?: string | null }>(
      this.container,
      { field: 'roundId', value: roundId },
      "c.type = 'entry' AND (c.ownerId = @ownerId OR STARTSWITH(c.ownerId, @handover)) AND c.state = 'sent'",
      [
        { name: '@ownerId', value: ownerId },
        { name: '@handover', value: handoverKey(ownerId, '') },
      ],
      'c.activityId, c.sentAt, c.ownerId, c.deliverTo',
    );
    return rows
      .filter((r) => r.activityId && r.sentAt)
      .map((r) => ({ activityId: r.activityId!, sentAt: r.sentAt!, ownerId: r.ownerId, ...(r.deliverTo ? { deliverTo: r.deliverTo } : {}) }));
  }

  /** a projection: only what the progress view shows, so the store serialises a fraction of each entry */
  async listDeliveries(roundId: string): Promise<DeliveryRecord[]> {
    const rows = await queryPartition<DeliveryRecord>(
      this.container,
      { field: 'roundId', value: roundId },
      "c.type = 'entry'",
      [],
      'c.ownerId, c.wave, c.state, c.sentAt, c.updatedAt, c.attempts, c.reason, c.possibleDuplicate',
    );
    // a projection leaves out fields that are absent from the item; the domain has them as null/false/[]
    return rows.map((r) => ({ ...r, sentAt: r.sentAt ?? null, reason: r.reason ?? null, attempts: r.attempts ?? [], possibleDuplicate: r.possibleDuplicate ?? false }));
  }

  async getWaveMarker(roundId: string, wave: string): Promise<WaveMarker | null> {
    const item = await readItem<MarkerItem>(this.container, `wave:${wave}`, roundId);
    if (!item) return null;
    const { id: _id, type: _type, ...marker } = stripSystem<MarkerItem>(item);
    return marker;
  }

  async listWaveMarkers(roundId: string): Promise<WaveMarker[]> {
    const items = await queryPartition<MarkerItem>(this.container, { field: 'roundId', value: roundId }, "c.type = 'wave'");
    return items.map((item) => {
      const { id: _id, type: _type, ...marker } = stripSystem<MarkerItem>(item);
      return marker;
    });
  }

  async takeSenderLease(holder: string, now: string, until: string): Promise<number | null> {
    // a renewal keeps the generation; anything else (free, expired, another's) starts a new one
    const held = await readItem<LeaseItem>(this.container, LEASE_ID, LEASE_PARTITION);
    const renewal = held !== null && held.holder === holder && held.leaseUntil > now;
    const generation = renewal && held.generation !== undefined ? held.generation : Date.parse(now);
    const lease: LeaseItem = { id: LEASE_ID, roundId: LEASE_PARTITION, type: 'lease', holder, leaseUntil: until, generation };
    return 'etag' in (await takeLease(this.container, LEASE_PARTITION, lease, now)) ? generation : null;
  }

  async releaseSenderLease(holder: string): Promise<void> {
    await releaseLease(this.container, LEASE_ID, LEASE_PARTITION, holder);
  }

  async senderLease(now: string): Promise<SenderLease | null> {
    const current = await readItem<LeaseItem>(this.container, LEASE_ID, LEASE_PARTITION);
    return current && current.leaseUntil > now ? { holder: current.holder, leaseUntil: current.leaseUntil, generation: current.generation ?? 0 } : null;
  }

  async markWaveComplete(marker: WaveMarker): Promise<void> {
    try {
      await this.container.items.create<MarkerItem>({ ...marker, id: `wave:${marker.wave}`, type: 'wave' });
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
}
