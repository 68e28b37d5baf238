/**
 * A minimal Messenger over the Bot Connector REST API, for the fan-out benchmark and the fault tests
 * against the mock connector (bot/teams-messenger.ts is the production one). One attempt
 * per call, outcomes classified as the Messenger port requires. Requests leave as the production
 * connector's do: through the departure agents, which hold a request's slot while its connection opens
 * and ask the slot again before it leaves.
 */
import http from 'node:http';
import { departureAgents, handOverWithSlot } from '../../bot/request-hook';
import type { Messenger, OutgoingCard, RequestSlot, SendOptions, SendResult } from '../../services/ports/messenger';

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

  private post(path: string, body: unknown, slot: RequestSlot | void): Promise<{ status: number; text: string; retryAfter: string | null }> {
    const url = new URL(path, this.serviceUrl);
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const send = () => {
        const req = http.request(url, { method: 'POST', agent: departureAgents.http, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      };
      if (!slot) return send();
      slot.leaving?.();
      handOverWithSlot(slot, send);
    });
  }

  async sendToUser(aadObjectId: string, message: OutgoingCard, send: SendOptions = {}): Promise<SendResult> {
    try {
      let conversationId = this.conversations.get(aadObjectId);
      if (!conversationId) {
        const slot = await send.beforeRequest?.(`no-conversation:${aadObjectId}`);
        const created = await this.post('v3/conversations', { isGroup: false, tenantId: this.tenantId, members: [{ id: aadObjectId, aadObjectId }], channelData: { tenant: { id: this.tenantId } } }, slot);
        const bad = classify(created.status, created.text, created.retryAfter);
        if (bad) return bad;
        conversationId = (JSON.parse(created.text) as { id: string }).id;
        this.conversations.set(aadObjectId, conversationId);
      }
      const slot = await send.beforeRequest?.(conversationId);
      const sent = await this.post(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
        type: 'message',
        summary: message.summary,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }],
      }, slot);
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
