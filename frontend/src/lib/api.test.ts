import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, download, loginUrl, safeNext, setUnauthorizedHandler } from './api';
import { session, STORAGE_KEY } from './session.svelte';
import { fail, json, ok, stubFetch } from './testing';

/** The ApiError a call fails with (a call that succeeds fails the test). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as ApiError
  );

beforeEach(() => {
  sessionStorage.clear();
  session.signIn({ jwt_token: 'jwt-abc', account_id: 'acc1', name: 'Acme' });
});
afterEach(() => setUnauthorizedHandler(null));

describe('api', () => {
  it('attaches the JWT as a bearer and unwraps data', async () => {
    const calls = stubFetch({ 'GET /api/v1/vps': ok([{ id: 1, name: 'a' }]) });
    const data = await api.get<unknown[]>('/api/v1/vps');
    expect(data).toEqual([{ id: 1, name: 'a' }]);
    expect(calls[0].headers.Authorization).toBe('Bearer jwt-abc');
    expect(calls[0].url).toBe('/api/v1/vps');
  });

  it('sends JSON bodies and query strings, skipping empty parameters', async () => {
    const calls = stubFetch({ 'POST /api/v1/vps/validate-name': ok({}), 'GET /api/v1/vps/options': ok({}) });
    await api.post('/api/v1/vps/validate-name', { name: 'web-1' });
    await api.get('/api/v1/vps/options', { query: { location: 'fsn1', architecture: '', sort: undefined } });
    expect(calls[0].headers['Content-Type']).toBe('application/json');
    expect(calls[0].body).toEqual({ name: 'web-1' });
    expect(calls[1].url).toBe('/api/v1/vps/options?location=fsn1');
  });

  it('sends no bearer on sign-in calls', async () => {
    const calls = stubFetch({ 'POST /api/auth/login': ok({ jwt_token: 'x' }) });
    await api.post('/api/auth/login', { token: 't' }, { auth: false });
    expect(calls[0].headers.Authorization).toBeUndefined();
  });

  it('turns the error body into a typed ApiError', async () => {
    stubFetch({
      'PUT /api/v1/settings/hetzner': fail(400, 'HETZNER_KEY_INVALID', 'Hetzner refused the key', { field: 'key' })
    });
    const err = await failure(api.put('/api/v1/settings/hetzner', { key: 'k' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      code: 'HETZNER_KEY_INVALID',
      message: 'Hetzner refused the key',
      details: { field: 'key' },
      requestId: 'req-1'
    });
    expect(err.notImplemented).toBe(false);
  });

  it('marks a route the server does not have', async () => {
    stubFetch({});
    const err = await failure(api.get('/api/v1/dns/domains'));
    expect(err).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
    expect(err.notImplemented).toBe(true);
  });

  it('gives a generic ApiError for a non-JSON failure, keeping the request id header', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(502, '<html>bad gateway</html>', { 'X-Request-Id': 'rid-9' }))
    );
    const err = await failure(api.get('/health'));
    expect(err).toMatchObject({ status: 502, code: 'HTTP_502', requestId: 'rid-9' });
    expect(err.message).not.toContain('<html>');
  });

  it('reports an unreachable API as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      })
    );
    const err = await failure(api.get('/api/auth/me'));
    expect(err).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('on 401 clears the session and sends the user to sign in, keeping the page they wanted', async () => {
    const wanted: string[] = [];
    setUnauthorizedHandler((w) => wanted.push(w));
    window.history.pushState({}, '', '/servers/42?tab=logs');
    stubFetch({ 'GET /api/auth/me': fail(401, 'SESSION_ENDED') });
    const err = await failure(api.get('/api/auth/me'));
    expect(err).toMatchObject({ status: 401, code: 'SESSION_ENDED' });
    expect(session.signedIn).toBe(false);
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(wanted).toEqual(['/servers/42?tab=logs']);
    expect(loginUrl(wanted[0])).toBe('/login?next=%2Fservers%2F42%3Ftab%3Dlogs');
  });

  it('leaves a 401 on sign-in to the caller', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    stubFetch({ 'POST /api/auth/login': fail(401, 'TOKEN_INVALID') });
    await expect(api.post('/api/auth/login', { token: 'bad' }, { auth: false })).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();
    expect(session.signedIn).toBe(true);
  });

  it('downloads a JSON-wrapped key as a PEM file with the bearer', async () => {
    const calls = stubFetch({ 'GET /api/v1/vps/ssh-key/private': ok({ private_key: '-----BEGIN PRIVATE KEY-----' }) });
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:x'), revokeObjectURL: () => {} })
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await download('/api/v1/vps/ssh-key/private', 'xanthus-key.pem');
    expect(calls[0].headers.Authorization).toBe('Bearer jwt-abc');
    expect(click).toHaveBeenCalledOnce();
    const text = await new Promise<string>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.readAsText(created[0]);
    });
    expect(text).toBe('-----BEGIN PRIVATE KEY-----');
    expect(created[0].type).toBe('application/x-pem-file');
  });
});

describe('safeNext', () => {
  it.each([
    ['/servers/1', '/servers/1'],
    [null, '/'],
    ['//evil.example/x', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/']
  ])('%s → %s', (input, expected) => expect(safeNext(input)).toBe(expected));
});
