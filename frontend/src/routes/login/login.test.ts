import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '$lib/session.svelte';
import { fail, ok, stubFetch } from '$lib/testing';

const nav = vi.hoisted(() => ({ goto: vi.fn(), url: new URL('http://localhost/login?next=%2Fservers') }));
vi.mock('$app/navigation', () => ({ goto: nav.goto }));
vi.mock('$app/state', () => ({
  page: {
    get url() {
      return nav.url;
    }
  }
}));

const { default: Page } = await import('./+page.svelte');
const TOKEN = 'xanthus_sandbox_token_000000000000000000';

beforeEach(() => {
  session.clear();
  nav.goto.mockReset();
});

async function submit(token: string) {
  await fireEvent.input(screen.getByLabelText('Cloudflare API token'), { target: { value: token } });
  await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login page', () => {
  it('lists the permissions and links to token creation', () => {
    render(Page);
    expect(screen.getByText('Workers KV Storage: Edit')).toBeTruthy();
    expect(screen.getByText('Page Rules: Edit')).toBeTruthy();
    expect(screen.getByRole('link', { name: /Create a token/ }).getAttribute('href')).toBe(
      'https://dash.cloudflare.com/profile/api-tokens'
    );
  });

  it('signs in and goes to the page that was wanted', async () => {
    const calls = stubFetch({
      'POST /api/auth/login': ok({
        jwt_token: 'jwt',
        account_id: 'a1',
        name: 'Acme',
        accounts: [{ id: 'a1', name: 'Acme' }]
      })
    });
    render(Page);
    await submit(TOKEN);
    await waitFor(() => expect(nav.goto).toHaveBeenCalledWith('/servers', { replaceState: true }));
    expect(calls[0].body).toEqual({ token: TOKEN });
    expect(session.token).toBe('jwt');
  });

  it('rejects a malformed token without calling the API', async () => {
    const calls = stubFetch({});
    render(Page);
    await submit('not a token');
    expect(screen.getByText(/only has letters/)).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('shows a refused token inline', async () => {
    stubFetch({ 'POST /api/auth/login': fail(401, 'TOKEN_INVALID', 'Invalid token') });
    render(Page);
    await submit(TOKEN);
    expect((await screen.findByRole('alert')).textContent).toContain('Cloudflare did not accept this token');
    expect(session.signedIn).toBe(false);
  });

  it('lets the user pick another account, signing in again with accountId and ending the first session', async () => {
    const accounts = [
      { id: 'a'.repeat(32), name: 'First' },
      { id: 'b'.repeat(32), name: 'Second' }
    ];
    const calls = stubFetch({
      'POST /api/auth/login': [
        ok({ jwt_token: 'jwt-first', account_id: accounts[0].id, accounts }),
        ok({ jwt_token: 'jwt-second', account_id: accounts[1].id, accounts })
      ],
      'POST /api/auth/logout': ok({})
    });
    render(Page);
    await submit(TOKEN);
    await fireEvent.click(await screen.findByLabelText(/Second/));
    await fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(nav.goto).toHaveBeenCalled());
    expect(calls[1].body).toEqual({ token: TOKEN, accountId: accounts[1].id });
    const logout = calls.find((c) => c.url === '/api/auth/logout');
    expect(logout?.headers.Authorization).toBe('Bearer jwt-first');
    expect(session.token).toBe('jwt-second');
  });

  it('signed in with a token lacking permissions: lists what to add, then continues on request', async () => {
    stubFetch({
      'POST /api/auth/login': ok({
        jwt_token: 'jwt',
        account_id: 'a1',
        accounts: [{ id: 'a1', name: 'Acme' }],
        permissions: [
          { id: 'workers_kv', name: 'Account · Workers KV Storage: Edit', status: 'ok' },
          { id: 'dns', name: 'Zone · DNS: Edit', status: 'missing' },
          { id: 'zone_settings', name: 'Zone · Zone Settings: Edit', status: 'unknown', reason: 'Could not check' },
          { id: 'page_rules', name: 'Zone · Page Rules: Edit', status: 'missing' }
        ]
      })
    });
    render(Page);
    await submit(TOKEN);
    const warning = await screen.findByTestId('missing-permissions');
    expect(warning.textContent).toContain('lacks 2 permissions');
    expect([...warning.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Zone · DNS: Edit',
      'Zone · Page Rules: Edit'
    ]);
    expect(session.token).toBe('jwt');
    expect(nav.goto).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByRole('button', { name: 'Continue to Xanthus' }));
    expect(nav.goto).toHaveBeenCalledWith('/servers', { replaceState: true });
  });

  it('goes straight on when nothing is missing (unknown and no-zone checks do not stop it)', async () => {
    stubFetch({
      'POST /api/auth/login': ok({
        jwt_token: 'jwt',
        account_id: 'a1',
        accounts: [{ id: 'a1', name: 'Acme' }],
        permissions: [
          { id: 'dns', name: 'Zone · DNS: Edit', status: 'no_zone' },
          { id: 'zone', name: 'Zone · Zone: Read', status: 'unknown' }
        ]
      })
    });
    render(Page);
    await submit(TOKEN);
    await waitFor(() => expect(nav.goto).toHaveBeenCalledWith('/servers', { replaceState: true }));
    expect(screen.queryByTestId('missing-permissions')).toBeNull();
  });
});
