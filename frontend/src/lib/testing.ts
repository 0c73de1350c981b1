// Test helpers: a fetch stub that answers from a route table and records what it was asked.
import { vi } from 'vitest';

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | (() => never);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers }
  });
}

export const ok = (data: unknown) => ({ status: 200, body: { status: 'success', data } });
export const fail = (status: number, code: string, message = code, details?: Record<string, unknown>) => ({
  status,
  body: { status: 'error', error: { code, message, ...(details ? { details } : {}) }, requestId: 'req-1' }
});

/** Stubs global fetch; `routes` keys are "METHOD /path" (query ignored), unknown routes answer ROUTE_NOT_FOUND. */
export function stubFetch(routes: Record<string, Answer | Answer[]>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = { ...(init.headers as Record<string, string>) };
    calls.push({ method, url, headers, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const key = `${method} ${url.split('?')[0]}`;
    let answer = routes[key];
    if (Array.isArray(answer)) answer = answer.length > 1 ? answer.shift()! : answer[0];
    if (typeof answer === 'function') return answer();
    if (!answer) return json(404, fail(404, 'ROUTE_NOT_FOUND').body);
    return json(answer.status ?? 200, answer.body, answer.headers);
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}
