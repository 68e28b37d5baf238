import type { Container } from '@azure/cosmos';
import type { Actor, IsoInstant } from '../domain/model';
import type { ChannelLink, PostedCard, PublicationRepository, RoundPublication } from '../ports/publications';
import { queryPartition, readItem, readModifyWrite, stripSystem } from './cosmos-util';

const LINK_SCOPE = 'links';
const LINK_ID = 'ledningsgrupp-channel';

type LinkItem = ChannelLink & { id: string; scope: string; type: 'channel-link' };
type PublicationItem = RoundPublication & { id: string; scope: string; type: 'round-publication' };

/** a Cosmos id from a channel key (conversation ids may hold characters ids must not: / \ ? #) */
export function publicationId(channelKey: string): string {
  return `pub-${Buffer.from(channelKey, 'utf8').toString('base64url')}`;
}

const toPublication = (item: PublicationItem): RoundPublication => {
  const { id: _id, scope: _scope, type: _type, ...p } = stripSystem<PublicationItem>(item);
  return { ...p, lease: p.lease ?? null };
};

/**
 * The `publications` container, partition key /scope: the channel link lives in scope 'links';
 * a round's posted cards in scope = roundId, one item per channel.
 */
export class CosmosPublicationRepository implements PublicationRepository {
  constructor(private readonly container: Container) {}

  async getLink(): Promise<ChannelLink | null> {
    const item = await readItem<LinkItem>(this.container, LINK_ID, LINK_SCOPE);
    if (!item) return null;
    const { channelKey, name, linkedBy, linkedAt } = item;
    return { channelKey, name, linkedBy, linkedAt };
  }

  async setLink(link: ChannelLink): Promise<ChannelLink> {
    const next = (): LinkItem => ({ id: LINK_ID, scope: LINK_SCOPE, type: 'channel-link', ...link });
    await readModifyWrite<LinkItem>(this.container, LINK_ID, LINK_SCOPE, next, next);
    return link;
  }

  async get(roundId: string, channelKey: string): Promise<RoundPublication | null> {
    const item = await readItem<PublicationItem>(this.container, publicationId(channelKey), roundId);
    return item ? toPublication(item) : null;
  }

  async listRound(roundId: string): Promise<RoundPublication[]> {
    const items = await queryPartition<PublicationItem>(this.container, { field: 'scope', value: roundId }, "c.type = 'round-publication'");
    return items.map(toPublication);
  }

  async recordPost(roundId: string, channelKey: string, key: string, post: PostedCard): Promise<RoundPublication> {
    const item = await readModifyWrite<PublicationItem>(
      this.container,
      publicationId(channelKey),
      roundId,
      (current) => ({ ...current, posts: { ...current.posts, [key]: post } }),
      () => this.fresh(roundId, channelKey, { [key]: post }),
    );
    return toPublication(item);
  }

  async acquireLease(roundId: string, channelKey: string, holder: string, until: IsoInstant, now: IsoInstant): Promise<boolean> {
    let taken = false;
    await readModifyWrite<PublicationItem>(
      this.container,
      publicationId(channelKey),
      roundId,
      (current) => {
        const lease = current.lease ?? null;
        taken = lease === null || lease.until <= now || lease.holder === holder;
        return taken ? { ...current, lease: { holder, until } } : current;
      },
      () => {
        taken = true;
        return { ...this.fresh(roundId, channelKey, {}), lease: { holder, until } };
      },
    );
    return taken;
  }

  async releaseLease(roundId: string, channelKey: string, holder: string): Promise<void> {
    const id = publicationId(channelKey);
    if (!(await readItem<PublicationItem>(this.container, id, roundId))) return;
    await readModifyWrite<PublicationItem>(this.container, id, roundId, (current) =>
      current.lease?.holder === holder ? { ...current, lease: null } : current,
    );
  }

  async markPublished(roundId: string, channelKey: string, by: Actor, at: IsoInstant): Promise<RoundPublication> {
    const item = await readModifyWrite<PublicationItem>(
      this.container,
      publicationId(channelKey),
      roundId,
      (current) => ({ ...current, publishedAt: at, publishedBy: by }),
      () => ({ ...this.fresh(roundId, channelKey, {}), publishedAt: at, publishedBy: by }),
    );
    return toPublication(item);
  }

  private fresh(roundId: string, channelKey: string, posts: Record<string, PostedCard>): PublicationItem {
    return { id: publicationId(channelKey), scope: roundId, type: 'round-publication', roundId, channelKey, posts, publishedAt: null, publishedBy: null, lease: null };
  }
}
