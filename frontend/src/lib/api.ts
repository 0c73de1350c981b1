// The only place that calls fetch. Relative URLs only: the site and the API share one origin.
import { session } from './session.svelte';
import type { ErrorBody } from './types';

/** An API failure in the one error shape; `status` 0 means the request never got an answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: Record<string, unknown>;
  readonly requestId?: string;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** The route is not deployed on this server yet (as opposed to a missing resource). */
  get notImplemented(): boolean {
    return this.status === 404 && this.code === 'ROUTE_NOT_FOUND';
  }
}

export type UnauthorizedHandler = (wanted: string) => void;

const defaultUnauthorized: UnauthorizedHandler = (wanted) => {
  window.location.assign(loginUrl(wanted));
};
let unauthorized: UnauthorizedHandler = defaultUnauthorized;

/** The layout swaps in client-side navigation; tests swap in a spy. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorized = handler ?? defaultUnauthorized;
}

export function loginUrl(wanted: string): string {
  return wanted && wanted !== '/' && !wanted.startsWith('/login')
    ? `/login?next=${encodeURIComponent(wanted)}`
    : '/login';
}

/** Only same-site paths are followed after sign-in (never `//evil.example` or `https://…`). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return '/';
  }
  return next;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** false for sign-in calls: no bearer, and a 401 is the caller's business. */
  auth?: boolean;
  /** A bearer other than the session's (ending a session that was never stored). */
  bearer?: string;
}

function url(path: string, query?: RequestOptions['query']): string {
  if (!path.startsWith('/')) throw new Error(`API paths are root-relative: ${path}`);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function currentPath(): string {
  return typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
}

async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const auth = opts.auth !== false;
  const token = opts.bearer ?? (auth ? session.token : null);
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin'
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the Xanthus API. Check your connection and try again.');
  }
  if (res.status === 401 && auth) {
    const err = await toError(res);
    session.clear();
    unauthorized(currentPath());
    throw err;
  }
  if (!res.ok) throw await toError(res);
  return res;
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function toError(res: Response): Promise<ApiError> {
  const body = (await parse(res).catch(() => undefined)) as Partial<ErrorBody> | string | undefined;
  const requestId = res.headers.get('X-Request-Id') ?? undefined;
  if (body && typeof body === 'object' && body.error && typeof body.error.code === 'string') {
    return new ApiError(
      res.status,
      body.error.code,
      body.error.message ?? res.statusText,
      body.error.details,
      body.requestId ?? requestId
    );
  }
  return new ApiError(res.status, `HTTP_${res.status}`, fallbackMessage(res.status), undefined, requestId);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500) return 'The server could not answer. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** Sends a JSON request and returns the `data` of a success body (or the body itself if it has none). */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts, 'application/json');
  const body = await parse(res);
  if (body && typeof body === 'object' && 'status' in body && (body as { status: unknown }).status === 'success') {
    return (body as unknown as { data: T }).data;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts)
};

/**
 * Fetches a file with the session's bearer and hands it to the browser as a download. A JSON answer
 * (`{data: {private_key}}` or a string) is saved as text.
 */
export async function download(path: string, filename: string): Promise<void> {
  const res = await send(
    'GET',
    path,
    {},
    'application/octet-stream, application/x-pem-file, text/plain, application/json'
  );
  let blob: Blob;
  if ((res.headers.get('Content-Type') ?? '').includes('json')) {
    const body = (await parse(res)) as { data?: unknown } | undefined;
    const data = body?.data ?? body;
    const text =
      typeof data === 'string'
        ? data
        : ((data as Record<string, unknown>)?.private_key ??
          (data as Record<string, unknown>)?.key ??
          JSON.stringify(data));
    blob = new Blob([String(text)], { type: 'application/x-pem-file' });
  } else {
    blob = await res.blob();
  }
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
