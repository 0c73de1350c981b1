import { beforeEach, describe, expect, it } from 'vitest';
import { readStored, session, STORAGE_KEY } from './session.svelte';

beforeEach(() => {
  sessionStorage.clear();
  session.clear();
});

describe('session', () => {
  it('keeps the JWT and account in sessionStorage, never the Cloudflare token', () => {
    session.signIn({
      jwt_token: 'jwt-1',
      account_id: 'a1',
      accounts: [
        { id: 'a1', name: 'One' },
        { id: 'a2', name: 'Two' }
      ]
    });
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY)!);
    expect(stored).toMatchObject({ token: 'jwt-1', accountId: 'a1', accountName: 'One' });
    expect(stored.accounts).toHaveLength(2);
    expect(localStorage.length).toBe(0);
  });

  it('survives a reload of the tab', () => {
    session.signIn({ jwt_token: 'jwt-2', account_id: 'a1', name: 'Acme' });
    Object.assign(session, { current: null });
    session.reload();
    expect(session.token).toBe('jwt-2');
    expect(session.current?.accountName).toBe('Acme');
  });

  it('drops an expired session on read', () => {
    session.signIn({ jwt_token: 'jwt-3', account_id: 'a1', expires_at: new Date(Date.now() - 1000).toISOString() });
    expect(session.signedIn).toBe(false);
    expect(readStored()).toBeNull();
  });

  it('drops garbage in storage', () => {
    sessionStorage.setItem(STORAGE_KEY, '{not json');
    expect(readStored()).toBeNull();
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ accountId: 'x' }));
    expect(readStored()).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('clear forgets everything', () => {
    session.signIn({ jwt_token: 'jwt-4', account_id: 'a1' });
    session.clear();
    expect(session.token).toBeNull();
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});
