import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '$lib/session.svelte';
import { fail, ok, stubFetch } from '$lib/testing';
import DomainRow from './DomainRow.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

const summary = { name: 'example.com', zone_id: 'z1', ssl_mode: 'flexible' as const, always_use_https: false };

describe('a domain row', () => {
  it('previews the zone-wide changes and changes nothing until they are applied', async () => {
    const calls = stubFetch({
      'POST /api/v1/dns/configure': ok({ domain: 'example.com', always_use_https: true, page_rule_created: true })
    });
    const onchanged = vi.fn();
    render(DomainRow, { domain: { ...summary, managed: false }, onchanged });
    await fireEvent.click(screen.getByRole('button', { name: 'Configure…' }));
    const preview = screen.getByRole('dialog', { name: 'Configure example.com?' });
    expect(within(preview).getByText('Flexible → Full (strict)')).toBeTruthy();
    expect(within(preview).getByText('off → on')).toBeTruthy();
    await fireEvent.click(within(preview).getByRole('button', { name: 'Cancel' }));
    expect(calls).toHaveLength(0);
    await fireEvent.click(screen.getByRole('button', { name: 'Configure…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Apply these changes' }));
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/dns/configure']);
  });

  it('asks before removing, lists what will be restored, and offers to force a domain in use', async () => {
    const calls = stubFetch({
      'GET /api/v1/dns/example.com': ok({
        domain: 'example.com',
        always_use_https: true,
        page_rule_created: true,
        certificate_id: 'c1',
        previous_ssl_mode: 'full',
        previous_always_use_https: 'off'
      }),
      'DELETE /api/v1/dns/example.com': [
        fail(409, 'DOMAIN_IN_USE', 'Apps use example.com: ide.'),
        {
          status: 200,
          body: {
            status: 'success',
            data: { domain: 'example.com', certificate_revoked: true, page_rule_deleted: true, applications_left: [] }
          }
        }
      ]
    });
    const onchanged = vi.fn();
    render(DomainRow, { domain: { ...summary, managed: true, ssl_mode: 'strict', always_use_https: true }, onchanged });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
    const ask = screen.getByRole('dialog', { name: 'Stop managing example.com?' });
    await within(ask).findByText('Set SSL/TLS back to full');
    expect(within(ask).getByText('Revoke the origin certificate')).toBeTruthy();
    await fireEvent.click(within(ask).getByRole('button', { name: 'Remove' }));
    await within(ask).findByText('Apps use example.com: ide.');
    await fireEvent.click(within(ask).getByRole('button', { name: 'Remove anyway (apps stop working over HTTPS)' }));
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual([
      '/api/v1/dns/example.com',
      '/api/v1/dns/example.com?force=true'
    ]);
  });
});
