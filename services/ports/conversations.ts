/**
 * Where the bot can reach people: the Teams conversation reference per user (aadObjectId) and per
 * team channel, stored at install / on messages (bot/), used by the Messenger for proactive sends.
 * A reference is opaque JSON to services (botbuilder's ConversationReference); only bot/ reads it.
 */
import type { IsoInstant } from '../domain/model';

export type ConversationReferenceJson = Record<string, unknown>;

export interface UserConversation {
  aadObjectId: string;
  name: string | null;
  tenantId: string | null;
  conversationId: string;
  serviceUrl: string;
  reference: ConversationReferenceJson;
  /** 'unreachable' after an uninstall (or a block): the reason says why */
  state: 'installed' | 'unreachable';
  unreachable: { reason: string; at: IsoInstant } | null;
  updatedAt: IsoInstant;
}

export interface ChannelConversation {
  /** the channel's conversation id as Teams gives it (what postToChannel takes as channelKey) */
  key: string;
  teamId: string | null;
  teamName: string | null;
  channelName: string | null;
  tenantId: string | null;
  serviceUrl: string;
  reference: ConversationReferenceJson;
  state: 'installed' | 'removed';
  updatedAt: IsoInstant;
}

export interface ConversationRepository {
  getUser(aadObjectId: string): Promise<UserConversation | null>;
  listUsers(): Promise<UserConversation[]>;
  /** read-modify-write under the ETag; `change` gets null when nothing is stored yet */
  upsertUser(aadObjectId: string, change: (current: UserConversation | null) => UserConversation): Promise<UserConversation>;
  getChannel(key: string): Promise<ChannelConversation | null>;
  listChannels(): Promise<ChannelConversation[]>;
  upsertChannel(key: string, change: (current: ChannelConversation | null) => ChannelConversation): Promise<ChannelConversation>;
}
