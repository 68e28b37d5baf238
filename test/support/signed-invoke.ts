/**
 * An invoke to /api/messages as the Bot Framework channel sends it, for the tests of the app with
 * credentials (token checks): the app id, the connector's service URL, the claims a valid token
 * carries, and the POST itself. The invoke names a verb nobody handles, so the bot answers it without
 * calling back to the connector. Tokens are signed by the OpenID stub (openid-stub.ts).
 */

export const TEST_APP_ID = '11111111-2222-3333-4444-555555555555';
/** a connector nobody listens on: the turn must not call back */
export const TEST_SERVICE_URL = 'http://127.0.0.1:9/_connector';
/** the environment of an app with credentials (MicrosoftAppId and what it requires beside it) */
export const TEST_CREDENTIALS = { MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', REPORT_LINK_KEY: 'k'.repeat(32) };

/** the time in seconds, as token claims count it */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** an invoke the bot answers without calling back to the connector */
export const unknownVerbInvoke = {
  type: 'invoke',
  name: 'adaptiveCard/action',
  channelId: 'msteams',
  serviceUrl: TEST_SERVICE_URL,
  id: 'act-1',
  from: { id: '29:u', aadObjectId: 'aad-u', name: 'U' },
  recipient: { id: `28:${TEST_APP_ID}` },
  conversation: { id: 'a:conv', conversationType: 'personal' },
  value: { action: { type: 'Action.Execute', verb: 'no.such.verb', data: {} } },
};

/** the claims of a token the channel sends for this app: valid from a minute ago for ten minutes; `extra` overrides any */
export function botClaims(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: issuer, aud: TEST_APP_ID, serviceurl: TEST_SERVICE_URL, nbf: nowSeconds() - 60, exp: nowSeconds() + 600, ...extra };
}

/** POSTs the invoke to the app at `appUrl` (its /api/messages), with `headers` (e.g. authorization) */
export function postInvoke(appUrl: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${appUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(unknownVerbInvoke) });
}
