/** The tab API client: every request carries the bearer token; errors carry the API's Swedish message. */
import type { ApiErrorBody } from './types';

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

export const api = {
  get: async <T>(path: string): Promise<T> => (await (await send('GET', path)).json()) as T,
  post: async <T>(path: string, body?: object): Promise<T> => (await (await send('POST', path, body ?? {})).json()) as T,
  put: async <T>(path: string, body: object): Promise<T> => (await (await send('PUT', path, body)).json()) as T,
  patch: async <T>(path: string, body: object): Promise<T> => (await (await send('PATCH', path, body)).json()) as T,
  del: async <T>(path: string): Promise<T> => (await (await send('DELETE', path)).json()) as T,
  upload: async <T>(path: string, file: Blob): Promise<T> => (await (await send('POST', path, file, 'application/octet-stream')).json()) as T,
  /** fetches a file with the token and hands it to the browser as a download */
  download: async (path: string, fallbackName: string): Promise<void> => {
    const res = await send('GET', path);
    const disposition = res.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export function errorText(e: unknown): { message: string; details: string[] } {
  if (e instanceof ApiError) return { message: e.message, details: e.details };
  return { message: e instanceof Error ? e.message : String(e), details: [] };
}
