/**
 * A minimal Messenger over the Bot Connector REST API, for the fan-out benchmark and the fault tests
 * against the mock connector (bot/teams-messenger.ts is the production one). One attempt
 * per call, outcomes classified as the Messenger port requires.
 */
import type { Messenger, OutgoingCard, SendOptions, SendResult } from '../../services/ports/messenger';

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export function classify(status: number, body: string, retryAfter: string | null): SendResult | null {
  if (status >= 200 && status < 300) return null;
  let reason = `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.code) reason = `${parsed.error.code}${parsed.error.message ? `: ${parsed.error.message}` : ''}`;
  } catch {
    /* not JSON */
  }
  if (status === 403 || status === 404) return { outcome: 'unreachable', status, reason };
  if (RETRYABLE.has(status)) {
    const seconds = retryAfter !== null ? Number(retryAfter) : NaN;
    return { outcome: 'retry', status, reason, retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : null };
  }
  return { outcome: 'failed', status, reason };
}

export class ConnectorMessenger implements Messenger {
  readonly pacesRequests = true;
  /** conversation ids known (as if stored at install); unknown users get a conversation created */
  constructor(
    private readonly serviceUrl: string,
    private readonly conversations: Map<string, string> = new Map(),
    private readonly tenantId = 'tenant',
  ) {}

  private async post(path: string, body: unknown): Promise<{ status: number; text: string; retryAfter: string | null }> {
    const res = await fetch(new URL(path, this.serviceUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
  }

  async sendToUser(aadObjectId: string, message: OutgoingCard, send: SendOptions = {}): Promise<SendResult> {
    try {
      let conversationId = this.conversations.get(aadObjectId);
      if (!conversationId) {
        await send.beforeRequest?.(`no-conversation:${aadObjectId}`);
        const created = await this.post('v3/conversations', { isGroup: false, tenantId: this.tenantId, members: [{ id: aadObjectId, aadObjectId }], channelData: { tenant: { id: this.tenantId } } });
        const bad = classify(created.status, created.text, created.retryAfter);
        if (bad) return bad;
        conversationId = (JSON.parse(created.text) as { id: string }).id;
        this.conversations.set(aadObjectId, conversationId);
      }
      await send.beforeRequest?.(conversationId);
      const sent = await this.post(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
        type: 'message',
        summary: message.summary,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }],
      });
      const bad = classify(sent.status, sent.text, sent.retryAfter);
      if (bad) return bad;
      return { outcome: 'sent', activityId: (JSON.parse(sent.text) as { id: string }).id, conversationId };
    } catch (err) {
      return { outcome: 'retry', status: null, reason: err instanceof Error ? err.message : String(err), retryAfterMs: null };
    }
  }

  async postToChannel(): Promise<SendResult> {
    return { outcome: 'failed', status: null, reason: 'not supported by the benchmark messenger' };
  }

  async updateInChannel(): Promise<SendResult> {
    return { outcome: 'failed', status: null, reason: 'not supported by the benchmark messenger' };
  }
}
