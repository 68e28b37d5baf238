import type { Container } from '@azure/cosmos';
import type { ChannelConversation, ConversationRepository, UserConversation } from '../ports/conversations';
import { queryAll, readItem, readModifyWrite, stripSystem } from './cosmos-util';

type UserItem = UserConversation & { id: string; kind: 'user' };
type ChannelItem = ChannelConversation & { id: string; kind: 'channel' };

const userId = (aadObjectId: string) => `user:${aadObjectId}`;
const channelId = (key: string) => `channel:${key}`;

function toUser(item: UserItem): UserConversation {
  const { id: _id, kind: _kind, ...user } = stripSystem<UserItem>(item);
  return user;
}
function toChannel(item: ChannelItem): ChannelConversation {
  const { id: _id, kind: _kind, ...channel } = stripSystem<ChannelItem>(item);
  return channel;
}

/**
 * Conversation references in the `conversations` container, partition key /id:
 * `user:<aadObjectId>` and `channel:<conversation id>`, so every send is one point read.
 */
export class CosmosConversationRepository implements ConversationRepository {
  constructor(private readonly container: Container) {}

  async getUser(aadObjectId: string): Promise<UserConversation | null> {
    const id = userId(aadObjectId);
    const item = await readItem<UserItem>(this.container, id, id);
    return item ? toUser(item) : null;
  }

  async listUsers(): Promise<UserConversation[]> {
    return (await queryAll<UserItem>(this.container, "SELECT * FROM c WHERE c.kind = 'user'")).map(toUser);
  }

  async upsertUser(aadObjectId: string, change: (current: UserConversation | null) => UserConversation): Promise<UserConversation> {
    const id = userId(aadObjectId);
    const item = await readModifyWrite<UserItem>(
      this.container,
      id,
      id,
      (current) => ({ ...change(toUser(current)), aadObjectId, id, kind: 'user' }),
      () => ({ ...change(null), aadObjectId, id, kind: 'user' }),
    );
    return toUser(item);
  }

  async getChannel(key: string): Promise<ChannelConversation | null> {
    const id = channelId(key);
    const item = await readItem<ChannelItem>(this.container, id, id);
    return item ? toChannel(item) : null;
  }

  async listChannels(): Promise<ChannelConversation[]> {
    return (await queryAll<ChannelItem>(this.container, "SELECT * FROM c WHERE c.kind = 'channel'")).map(toChannel);
  }

  async upsertChannel(key: string, change: (current: ChannelConversation | null) => ChannelConversation): Promise<ChannelConversation> {
    const id = channelId(key);
    const item = await readModifyWrite<ChannelItem>(
      this.container,
      id,
      id,
      (current) => ({ ...change(toChannel(current)), key, id, kind: 'channel' }),
      () => ({ ...change(null), key, id, kind: 'channel' }),
    );
    return toChannel(item);
  }
}
