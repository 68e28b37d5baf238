/** A fake Messenger that records every post and update, with faults on demand. */
import type { Messenger, OutgoingCard, SendResult } from '../../services/ports/messenger';

export interface RecordedPost {
  activityId: string;
  channelKey: string;
  replyToId: string | null;
  card: OutgoingCard;
  updates: number;
}

export class RecordingMessenger implements Messenger {
  readonly posts: RecordedPost[] = [];
  readonly userMessages: { aadObjectId: string; card: OutgoingCard }[] = [];
  /** outcomes to return for the next calls, first in first out (then: success) */
  readonly faults: SendResult[] = [];
  calls = 0;
  private next = 1;

  async sendToUser(aadObjectId: string, message: OutgoingCard): Promise<SendResult> {
    this.calls++;
    const fault = this.faults.shift();
    if (fault) return fault;
    this.userMessages.push({ aadObjectId, card: message });
    return { outcome: 'sent', activityId: `u${this.next++}`, conversationId: `a:${aadObjectId}` };
  }

  async postToChannel(channelKey: string, message: OutgoingCard, replyToId?: string): Promise<SendResult> {
    this.calls++;
    const fault = this.faults.shift();
    if (fault) return fault;
    const activityId = `m${this.next++}`;
    this.posts.push({ activityId, channelKey, replyToId: replyToId ?? null, card: message, updates: 0 });
    return { outcome: 'sent', activityId, conversationId: channelKey };
  }

  async updateInChannel(channelKey: string, activityId: string, message: OutgoingCard): Promise<SendResult> {
    this.calls++;
    const fault = this.faults.shift();
    if (fault) return fault;
    const post = this.posts.find((p) => p.activityId === activityId && p.channelKey === channelKey);
    if (!post) return { outcome: 'failed', status: 404, reason: 'activity not found' };
    post.card = message;
    post.updates++;
    return { outcome: 'sent', activityId, conversationId: channelKey };
  }

  /** simulates someone deleting a message in Teams */
  delete(activityId: string): void {
    const i = this.posts.findIndex((p) => p.activityId === activityId);
    if (i >= 0) this.posts.splice(i, 1);
  }
}
