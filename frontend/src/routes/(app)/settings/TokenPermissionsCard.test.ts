import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { ok, stubFetch } from '$lib/testing';
import TokenPermissionsCard from './TokenPermissionsCard.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

const checked = (dns: string) =>
  ok({
    permissions: [
      { id: 'workers_kv', name: 'Account · Workers KV Storage: Edit', status: 'ok' },
      {
        id: 'dns',
        name: 'Zone · DNS: Edit',
        status: dns,
        ...(dns === 'ok' ? {} : { reason: 'Cloudflare refused a read with this token (403).' })
      },
      {
        id: 'page_rules',
        name: 'Zone · Page Rules: Edit',
        status: 'unknown',
        reason: 'Could not check: Cloudflare answered HTTP 503.'
      },
      {
        id: 'zone_settings',
        name: 'Zone · Zone Settings: Edit',
        status: 'no_zone',
        reason: 'No zone is visible to this token.'
      }
    ]
  });

describe('TokenPermissionsCard', () => {
  it('lists every permission with its status and reason, and says what to add', async () => {
    const calls = stubFetch({ 'GET /api/auth/permissions': checked('missing') });
    render(TokenPermissionsCard);
    expect((await screen.findByTestId('perm-dns')).textContent).toContain('Missing');
    expect(screen.getByTestId('perm-workers_kv').textContent).toContain('Read access checked');
    expect(screen.getByTestId('perm-page_rules').textContent).toContain('Could not check');
    expect(screen.getByTestId('perm-page_rules').textContent).toContain('HTTP 503');
    expect(screen.getByTestId('perm-zone_settings').textContent).toContain('No zone visible');
    expect(screen.getByTestId('perm-missing').textContent).toContain('Add this permission');
    expect(calls[0].headers.Authorization).toBe('Bearer jwt');
  });

  it('checks again on request, and drops the warning once nothing is missing', async () => {
    const calls = stubFetch({ 'GET /api/auth/permissions': [checked('missing'), checked('ok')] });
    render(TokenPermissionsCard);
    await screen.findByTestId('perm-missing');
    await fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(screen.getByTestId('perm-dns').textContent).toContain('Read access checked'));
    expect(screen.queryByTestId('perm-missing')).toBeNull();
    expect(calls).toHaveLength(2);
  });
});
