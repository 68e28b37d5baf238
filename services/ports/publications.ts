/**
 * Where the ledningsgrupp channel is, and what has been posted there per round: publishing again
 * updates these cards in place instead of posting new ones.
 */
import type { Actor, IsoInstant } from '../domain/model';

export interface ChannelLink {
  /** the channel's conversation key as the messenger knows it (stored at install by the bot) */
  channelKey: string;
  /** shown to people, e.g. the channel's name */
  name: string | null;
  linkedBy: Actor;
  linkedAt: IsoInstant;
}

export interface PostedCard {
  activityId: string;
  /** the thread root (the summary card) for goal cards; null for the summary itself */
  replyToId: string | null;
  postedAt: IsoInstant;
  updatedAt: IsoInstant;
}

/** What one round has in one channel: card key ('summary', 'goal:3.1', …) → the posted activity. */
export interface RoundPublication {
  roundId: string;
  channelKey: string;
  posts: Record<string, PostedCard>;
  publishedAt: IsoInstant | null;
  publishedBy: Actor | null;
  /** held while a publish runs, so two instances (or two admins) never post the same card twice */
  lease: { holder: string; until: IsoInstant } | null;
}

export interface PublicationRepository {
  getLink(): Promise<ChannelLink | null>;
  /** replaces the link (an admin may move the ledningsgrupp to another channel) */
  setLink(link: ChannelLink): Promise<ChannelLink>;
  get(roundId: string, channelKey: string): Promise<RoundPublication | null>;
  /** what a round has in every channel it was published to (for export) */
  listRound(roundId: string): Promise<RoundPublication[]>;
  /** records one posted card under its key (creating the publication if new), under the ETag */
  recordPost(roundId: string, channelKey: string, key: string, post: PostedCard): Promise<RoundPublication>;
  /**
   * Takes the publish lease of a round in a channel (creating the publication if new), under the
   * ETag: true if it was free, expired or already this holder's; false if another holder has it.
   */
  acquireLease(roundId: string, channelKey: string, holder: string, until: IsoInstant, now: IsoInstant): Promise<boolean>;
  /** gives the lease back (only if still this holder's) */
  releaseLease(roundId: string, channelKey: string, holder: string): Promise<void>;
  /** marks a publish run done: who and when */
  markPublished(roundId: string, channelKey: string, by: Actor, at: IsoInstant): Promise<RoundPublication>;
}
