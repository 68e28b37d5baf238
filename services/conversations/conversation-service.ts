/**
 * Keeps the conversation references up to date: the bot calls these on installationUpdate,
 * conversationUpdate and messages. Writes only when something changed (a message in a known
 * conversation costs one point read).
 * An uninstall (or a block) marks the user unreachable with the reason; C's round progress and
 * the dispatcher read that.
 */
import type { Clock } from '../ports/clock';
import type {
  ChannelConversation,
  ConversationRepository,
  UserConversation,
} from '../ports/conversations';

/** what the bot saw of a user in an activity: the stored record without its state */
export type UserSighting = Omit<UserConversation, 'state' | 'unreachable' | 'updatedAt'>;

/** what the bot saw of a team channel in an activity: the stored record without its state */
export type ChannelSighting = Omit<ChannelConversation, 'state' | 'updatedAt'>;

export class ConversationService {
  constructor(
    private readonly repo: ConversationRepository,
    private readonly clock: Clock,
  ) {}

  /** the user talked to the bot or installed it: store the reference, reachable again */
  async recordUser(sighting: UserSighting): Promise<void> {
    const at = this.clock.now().toISOString();
    const stored = await this.repo.getUser(sighting.aadObjectId);
    const unchanged =
      stored !== null &&
      stored.state === 'installed' &&
      stored.conversationId === sighting.conversationId &&
      stored.serviceUrl === sighting.serviceUrl &&
      stored.name === sighting.name &&
      stored.tenantId === sighting.tenantId;
    if (!unchanged) {
      await this.repo.upsertUser(sighting.aadObjectId, (current) => ({
        aadObjectId: sighting.aadObjectId,
        name: sighting.name ?? current?.name ?? null,
        tenantId: sighting.tenantId ?? current?.tenantId ?? null,
        conversationId: sighting.conversationId,
        serviceUrl: sighting.serviceUrl,
        reference: sighting.reference,
        state: 'installed',
        unreachable: null,
        updatedAt: at,
      }));
    }
  }

  /** the app was uninstalled (or the user blocked it): keep the reference, mark unreachable */
  async markUserUnreachable(aadObjectId: string, reason: string): Promise<void> {
    const at = this.clock.now().toISOString();
    const stored = await this.repo.getUser(aadObjectId);
    if (!stored) return;
    await this.repo.upsertUser(aadObjectId, (current) => ({
      ...(current ?? stored),
      state: 'unreachable',
      unreachable: { reason, at },
      updatedAt: at,
    }));
  }

  async recordChannel(sighting: ChannelSighting): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.repo.upsertChannel(sighting.key, (current) => ({
      key: sighting.key,
      teamId: sighting.teamId ?? current?.teamId ?? null,
      teamName: sighting.teamName ?? current?.teamName ?? null,
      channelName: sighting.channelName ?? current?.channelName ?? null,
      tenantId: sighting.tenantId ?? current?.tenantId ?? null,
      serviceUrl: sighting.serviceUrl,
      reference: sighting.reference,
      state: 'installed',
      updatedAt: at,
    }));
  }

  /** the app was removed from the team: its channels can no longer be posted to */
  async markTeamRemoved(teamId: string): Promise<void> {
    const at = this.clock.now().toISOString();
    for (const channel of await this.repo.listChannels()) {
      if (channel.teamId !== teamId || channel.state === 'removed') continue;
      await this.repo.upsertChannel(channel.key, (current) => ({ ...(current ?? channel), state: 'removed', updatedAt: at }));
    }
  }

  getUser(aadObjectId: string): Promise<UserConversation | null> {
    return this.repo.getUser(aadObjectId);
  }

  /** users the bot cannot reach (uninstalled, blocked), with the reason: for admins' progress reports */
  async unreachableUsers(): Promise<UserConversation[]> {
    return (await this.repo.listUsers()).filter((u) => u.state === 'unreachable');
  }

  getChannel(key: string): Promise<ChannelConversation | null> {
    return this.repo.getChannel(key);
  }

  listChannels(): Promise<ChannelConversation[]> {
    return this.repo.listChannels();
  }
}
