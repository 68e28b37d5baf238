/**
 * SendOptions.beforeRequest run at the last moment: inside the connector client's HTTP pipeline, as its
 * last policy, right before the HTTP client writes the request. The messenger puts the send's hook in
 * an AsyncLocalStorage around the send; every connector request made in that send (create the
 * conversation, send the activity) awaits it. The dispatcher takes its rate slot there, so the
 * timestamps its limiter records are the requests' departures, not an earlier point that botbuilder's
 * own work (and event-loop jitter in it) separates from them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const beforeRequestHook = new AsyncLocalStorage<() => Promise<void>>();

export const BEFORE_REQUEST_POLICY = 'tertialBeforeRequest';

interface PipelineLike {
  addPolicy(
    policy: { name: string; sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown> },
    options?: { afterPhase?: 'Serialize' | 'Retry' | 'Sign' | 'Deserialize' },
  ): void;
  getOrderedPolicies?(): { name: string }[];
}

/** adds the hook policy as the pipeline's last step (after signing: nothing but the HTTP client follows) */
export function addBeforeRequestPolicy(pipeline: PipelineLike | undefined): void {
  if (!pipeline) return;
  pipeline.addPolicy(
    {
      name: BEFORE_REQUEST_POLICY,
      async sendRequest(request, next) {
        const hook = beforeRequestHook.getStore();
        if (hook) await hook();
        return next(request);
      },
    },
    { afterPhase: 'Sign' },
  );
}
