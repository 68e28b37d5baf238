/**
 * SendOptions.beforeRequest run at the last moment: inside the connector client's HTTP pipeline, as its
 * last policy, right before the HTTP client writes the request. The messenger puts the send's hook in
 * an AsyncLocalStorage around the send; every connector request made in that send (create the
 * conversation, send the activity) awaits it. The dispatcher takes its rate slot there, so the
 * timestamps its limiter records are the requests' departures, not an earlier point that botbuilder's
 * own work (and event-loop jitter in it) separates from them.
 *
 * One case leaves later than the slot: a request that gets a NEW connection waits for the connect (and
 * the TLS handshake). Hooked requests therefore go through this module's keep-alive agents, which
 * (1) hand out idle connections first-in first-out, so every connection opened in a burst stays in use
 * and warm instead of idling until the server closes it, and (2) when they must open a connection,
 * hold the request's slot (RequestSlot.holdUntilDeparture) until it is connected, so the limiter
 * counts the request when it really leaves. Right before the hand-over to the HTTP client the policy
 * calls RequestSlot.leaving, so time lost between the grant and the hand-over (a GC pause) is counted
 * too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { RequestSlot } from '../services/ports/messenger';

/** a send's hook: awaited with the conversation the request is for (conversationKeyOf) */
export type BeforeRequest = (conversationKey: string) => Promise<RequestSlot | void>;

export const beforeRequestHook = new AsyncLocalStorage<BeforeRequest>();

/** the slot of the request being handed to the HTTP client (read by the agents when they open a connection) */
const departingSlot = new AsyncLocalStorage<RequestSlot>();

/** runs `handOver` (which makes the HTTP request) with `slot` as the request's slot for the agents */
export function handOverWithSlot<T>(slot: RequestSlot, handOver: () => T): T {
  return departingSlot.run(slot, handOver);
}

export const BEFORE_REQUEST_POLICY = 'tertialBeforeRequest';

/** a connect that has not finished by then no longer holds back other requests (it will most likely fail) */
export const MAX_CONNECT_HOLD_MS = 2000;

/** holds the current request's slot until `socket` has connected (or failed) */
function holdUntilConnected(socket: Duplex | null | undefined, connectedEvent: 'connect' | 'secureConnect'): void {
  const slot = departingSlot.getStore();
  if (!slot || !socket) return;
  const release = slot.holdUntilDeparture();
  const done = () => {
    clearTimeout(timer);
    socket.off(connectedEvent, done);
    socket.off('error', done);
    socket.off('close', done);
    release();
    // the wait for the connection may have outlasted what allowed the request to leave (a stalled or
    // frozen sender): then it does not leave at all
    if (slot.mayLeave && !slot.mayLeave()) socket.destroy(new Error('not sent: the sender may no longer send (fenced after the connection wait)'));
  };
  const timer = setTimeout(done, MAX_CONNECT_HOLD_MS);
  timer.unref();
  socket.once(connectedEvent, done);
  // a failed connect releases at once (the HTTP client reports the error to the request as before)
  socket.once('error', done);
  socket.once('close', done);
}

const AGENT_OPTIONS = { keepAlive: true, scheduling: 'fifo' as const };

class DepartureHttpAgent extends http.Agent {
  override createConnection(options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    holdUntilConnected(socket, 'connect');
    return socket;
  }
}

class DepartureHttpsAgent extends https.Agent {
  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    holdUntilConnected(socket, 'secureConnect');
    return socket;
  }
}

/** the agents for hooked connector requests (one per protocol, shared by every connector client) */
export const departureAgents = { http: new DepartureHttpAgent(AGENT_OPTIONS), https: new DepartureHttpsAgent(AGENT_OPTIONS) };

interface PipelineRequestLike {
  url: string;
  agent?: http.Agent;
}

interface PipelineLike {
  addPolicy(
    policy: { name: string; sendRequest(request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<unknown>): Promise<unknown> },
    options?: { afterPhase?: 'Serialize' | 'Retry' | 'Sign' | 'Deserialize' },
  ): void;
  getOrderedPolicies?(): { name: string }[];
}

/** the slot for a connector request made outside a paced send (a reply in a turn, a channel post) */
export type DefaultRequestSlot = (conversationKey: string) => Promise<RequestSlot>;

let requestsWithoutConversation = 0;

/**
 * The limiter key of a connector request: the conversation it is for (its per-conversation limits),
 * from its URL; a request for no conversation (creating one) gets a key of its own, so only the
 * app's total counts it.
 */
export function conversationKeyOf(url: string): string {
  const match = /\/v3\/conversations\/([^/?]+)/.exec(url);
  return match ? decodeURIComponent(match[1]!) : `no-conversation-${++requestsWithoutConversation}`;
}

/**
 * Adds the hook policy as the pipeline's last step (after signing: nothing but the HTTP client
 * follows). A request inside a send awaits that send's hook; any other request (a reply in a turn, a
 * channel post) awaits `defaultSlot`, so every request of the instance passes the same limiter.
 */
export function addBeforeRequestPolicy(pipeline: PipelineLike | undefined, defaultSlot?: DefaultRequestSlot): void {
  if (!pipeline) return;
  pipeline.addPolicy(
    {
      name: BEFORE_REQUEST_POLICY,
      async sendRequest(request, next) {
        const hook = beforeRequestHook.getStore() ?? defaultSlot;
        if (!hook) return next(request);
        const slot = await hook(conversationKeyOf(request.url));
        request.agent ??= request.url.startsWith('https:') ? departureAgents.https : departureAgents.http;
        if (!slot) return next(request);
        slot.leaving?.();
        // the HTTP client picks (or opens) the connection synchronously inside next()
        return handOverWithSlot(slot, () => next(request));
      },
    },
    { afterPhase: 'Sign' },
  );
}
