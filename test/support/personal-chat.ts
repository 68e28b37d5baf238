/**
 * A person's 1:1 chat with the bot as Teams delivers it: activities POSTed to the app's
 * /api/messages, the bot's replies and proactive messages caught by a local connector
 * (channel-connector.ts). The app and connector are asked for when used, so a suite can start them in
 * beforeAll after building the chat.
 */
import type { ChannelConnector, ConnectorActivity } from './channel-connector';

export interface Person {
  aadObjectId: string;
  name: string;
}

export interface PersonalChat {
  /** an activity from `from` in their 1:1 chat; `extra` gives the type and the rest */
  activity(from: Person, extra: Record<string, unknown>): Record<string, unknown>;
  post(body: unknown): Promise<Response>;
  /** sends a message; the text of the bot's replies to it, one per line */
  say(from: Person, text: string): Promise<string>;
  /** an Action.Execute with `verb` and `data`; the answer's type and its card JSON or message text */
  invoke(from: Person, verb: string, data: Record<string, unknown>): Promise<{ type: string; text: string }>;
  /** what the bot has posted into the person's chat */
  chatOf(person: Person): ConnectorActivity[];
}

export function personalChat(appUrl: () => string, connector: () => ChannelConnector): PersonalChat {
  let n = 0;
  const conversationOf = (person: Person) => `a:personal-${person.aadObjectId}`;
  const activity = (from: Person, extra: Record<string, unknown>) => ({
    id: `in-${++n}`,
    channelId: 'msteams',
    serviceUrl: connector().serviceUrl,
    from: { id: `29:${from.aadObjectId}`, aadObjectId: from.aadObjectId, name: from.name },
    recipient: { id: '28:tertial', name: 'Tertial' },
    conversation: { id: conversationOf(from), conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  });
  const post = (body: unknown) => fetch(`${appUrl()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    activity,
    post,
    async say(from, text) {
      const before = connector().activities.length;
      const res = await post(activity(from, { type: 'message', text }));
      if (res.status >= 300) throw new Error(`the message "${text}" was answered ${res.status}`);
      return connector()
        .activities.slice(before)
        .map((a) => a.body.text)
        .filter((t): t is string => typeof t === 'string')
        .join('\n');
    },
    async invoke(from, verb, data) {
      const res = await post(activity(from, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));
      if (res.status !== 200) throw new Error(`the invoke ${verb} was answered ${res.status}`);
      const body = (await res.json()) as { type: string; value: unknown };
      return { type: body.type, text: typeof body.value === 'string' ? body.value : JSON.stringify(body.value) };
    },
    chatOf: (person) => connector().activities.filter((a) => a.channel === conversationOf(person)),
  };
}
