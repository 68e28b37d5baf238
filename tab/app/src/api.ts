/**
 * The tab API client: every request carries the bearer token; errors carry the API's Swedish message.
 * A call names its route as the contract does (tab/api/tab-contract.ts): `api.get('/rounds/:roundId/progress',
 * { params: { roundId } })` answers `TabApi['GET /rounds/:roundId/progress']`, a body is the route's
 * `TabRequests` entry and a query its `TabQueries` one; a path, parameter, body or query the contract does not
 * declare fails the tab's `tsc` (tab/app/src/api-typecheck.ts shows it).
 */
import type { ApiErrorBody, TabApi, TabDownloads, TabQueries, TabRequests, TabUploads } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

type TokenSource = () => Promise<string>;
let tokenSource: TokenSource | null = null;
let onUnauthorized: (() => void) | null = null;

export function setTokenSource(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

async function send(method: string, path: string, body?: BodyInit | object, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (tokenSource) headers.authorization = `Bearer ${await tokenSource()}`;
  let payload: BodyInit | undefined;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    payload = body;
    headers['content-type'] = contentType ?? 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`/api/tab${path}`, { method, headers, body: payload });
  if (!res.ok) {
    let message = `Fel ${res.status}`;
    let details: string[] = [];
    try {
      const data = (await res.json()) as Partial<ApiErrorBody>;
      if (data.error) message = data.error;
      if (Array.isArray(data.details)) details = data.details;
    } catch {
      // not JSON: keep the status
    }
    if (res.status === 401) onUnauthorized?.();
    if (res.status === 503) message = `${message} (tjänsten svarar inte just nu; försök igen om en stund)`;
    throw new ApiError(res.status, message, details);
  }
  return res;
}

type Route = keyof TabApi;
type Method = Route extends `${infer M} ${string}` ? M : never;
/** the paths of a method's routes, as the contract writes them ('/rounds/:roundId/remind') */
type PathOf<M extends string, Routes extends string = Route> = Routes extends `${M} ${infer P}` ? P : never;

/** the names of a path's `:parameters` */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<Rest> : P extends `${string}:${infer Name}` ? Name : never;
type ParamsOption<P extends string> = [ParamNames<P>] extends [never] ? { params?: never } : { params: Record<ParamNames<P>, string | number> };
type BodyOption<R> = R extends keyof TabRequests ? ({} extends TabRequests[R] ? { body?: TabRequests[R] } : { body: TabRequests[R] }) : { body?: never };
type QueryOption<R, Queries> = R extends keyof Queries ? ({} extends Queries[R] ? { query?: Queries[R] } : { query: Queries[R] }) : { query?: never };

/** what a call of route `R` (path `P`) takes besides the path; optional where nothing in it is required */
type Options<R extends string, P extends string, Queries = TabQueries> = ParamsOption<P> & BodyOption<R> & QueryOption<R, Queries>;
type OptionsArg<O> = {} extends O ? [options?: O] : [options: O];
/** the options argument of each route a call may mean, so a path the contract lacks is reported as such, not as a missing argument */
type Args<M extends string, P extends string, Queries = TabQueries> = P extends unknown ? OptionsArg<Options<`${M} ${P}`, P, Queries>> : never;

type Sent = { params?: Record<string, string | number>; body?: object; query?: object };

/** the path with its parameters filled in (each encoded) and the query appended */
function url(path: string, { params, query }: Sent): string {
  const filled = path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params?.[name])));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) search.set(k, String(v));
  const q = search.toString();
  return q ? `${filled}?${q}` : filled;
}

/** the calls of one method: a path of the contract in, that route's answer out (routes that take a file: `upload`) */
function caller<M extends Method>(method: M) {
  return async <P extends PathOf<M, Exclude<Route, keyof TabUploads>>>(path: P, ...[options]: Args<M, P>): Promise<TabApi[`${M} ${P}` & Route]> => {
    const sent: Sent = options ?? {};
    // a POST with no body sends an empty object, as express.json expects
    const body = method === 'GET' || method === 'DELETE' ? undefined : (sent.body ?? {});
    return (await (await send(method, url(path, sent), body)).json()) as TabApi[`${M} ${P}` & Route];
  };
}

export const api = {
  get: caller('GET'),
  post: caller('POST'),
  put: caller('PUT'),
  patch: caller('PATCH'),
  del: caller('DELETE'),
  /** sends a file as the raw body to a route that takes one (TabUploads) */
  upload: async <P extends PathOf<'POST', keyof TabUploads>>(path: P, file: TabUploads[`POST ${P}`]): Promise<TabApi[`POST ${P}`]> =>
    (await (await send('POST', path, file, 'application/octet-stream')).json()) as TabApi[`POST ${P}`],
  /** fetches a file (TabDownloads) with the token and hands it to the browser as a download */
  download: async <P extends PathOf<'GET', keyof TabDownloads>>(path: P, options: Options<`GET ${P}`, P, TabDownloads>, fallbackName: string): Promise<void> => {
    const res = await send('GET', url(path, options as Sent));
    const disposition = res.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  },
};

export function errorText(e: unknown): { message: string; details: string[] } {
  if (e instanceof ApiError) return { message: e.message, details: e.details };
  return { message: e instanceof Error ? e.message : String(e), details: [] };
}
