/**
 * A local stand-in for the part of Microsoft Graph that proactive install uses: installing a Teams app
 * for a user, listing the user's installed apps, and reading the installation's 1:1 chat. Each user's
 * behaviour is set by the test: 'new' (201, then installed), 'installed' (409), 'blocked' (403, as an
 * app permission policy answers), 'no-consent' (403, as Graph answers a token without the permission),
 * 'gone' (404, no such user), 'throttled' (429 with Retry-After). Installing an app that is not in the
 * catalogue answers 404, for a user who exists.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubUser = 'new' | 'installed' | 'blocked' | 'no-consent' | 'gone' | 'throttled';

export interface GraphStub {
  baseUrl: string;
  users: Map<string, StubUser>;
  /** every request: method, path with query, authorization header, body */
  requests: { method: string; url: string; authorization: string | undefined; body: unknown }[];
  chatIdOf(user: string): string;
  close(): Promise<void>;
}

export async function startGraphStub(catalogAppId: string): Promise<GraphStub> {
  const users = new Map<string, StubUser>();
  const requests: GraphStub['requests'] = [];
  const chatIdOf = (user: string) => `19:${user}_bot@unq.gbl.spaces`;
  const send = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as unknown) : null;
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const url = new URL(req.url ?? '/', 'http://stub');
      const m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)\/chat)?$/.exec(url.pathname);
      if (!m) return send(res, 400, { error: { code: 'BadRequest', message: `unknown path ${url.pathname}` } });
      const user = decodeURIComponent(m[1]);
      const state = users.get(user) ?? 'gone';
      if (state === 'gone') return send(res, 404, { error: { code: 'NotFound', message: `User ${user} not found` } });
      if (state === 'no-consent') {
        const message = "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'. Roles on the request ''.";
        return send(res, 403, { error: { code: 'Forbidden', message } });
      }
      if (state === 'blocked') {
        const message = `App is blocked by app permission policy. UserObjectId: ${user}, AppId: ${catalogAppId}, AppType: Private`;
        return send(res, 403, { error: { code: 'Forbidden', message, innerError: { code: 'AccessDenied', message } } });
      }
      if (state === 'throttled') return send(res, 429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '7' });
      if (req.method === 'POST' && !m[2]) {
        const bind = (body as Record<string, string> | null)?.['teamsApp@odata.bind'] ?? '';
        if (!bind.endsWith(`/appCatalogs/teamsApps/${catalogAppId}`)) return send(res, 404, { error: { code: 'NotFound', message: `The requested teamsApp was not found: ${bind}` } });
        if (state === 'installed') return send(res, 409, { error: { code: 'Conflict', message: 'App is already installed' } });
        users.set(user, 'installed');
        return send(res, 201);
      }
      if (req.method === 'GET' && !m[2]) {
        const filter = url.searchParams.get('$filter') ?? '';
        const installed = state === 'installed' && filter === `teamsApp/id eq '${catalogAppId}'`;
        return send(res, 200, { value: installed ? [{ id: `inst-${user}`, teamsApp: { id: catalogAppId } }] : [] });
      }
      if (req.method === 'GET' && m[2] === `inst-${user}` && state === 'installed') return send(res, 200, { id: chatIdOf(user) });
      return send(res, 404, { error: { code: 'NotFound', message: 'no such installation' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
    users,
    requests,
    chatIdOf,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
