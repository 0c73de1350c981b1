import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { ok, stubFetch } from '$lib/testing';
import HetznerWizard from './HetznerWizard.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

const type = (name: string, extra: object = {}) => ({
  name,
  cores: 2,
  memory_gb: 4,
  disk_gb: 40,
  architecture: 'x86',
  cpu_type: 'shared',
  monthly_total: 4.75,
  available: true,
  deprecated: false,
  ...extra
});
const LOCATIONS = [{ name: 'fsn1', city: 'Falkenstein', country: 'DE' }];

describe('Hetzner wizard', () => {
  it('shows deprecated and sold-out types as such, and never as a choice', async () => {
    stubFetch({
      'GET /api/v1/vps/options': [
        ok({ locations: LOCATIONS, server_types: [] }),
        ok({
          locations: LOCATIONS,
          location: 'fsn1',
          server_types: [type('cx23')],
          unavailable_types: [
            type('cx22', {
              available: false,
              deprecated: true,
              reason: 'deprecated',
              unavailable_after: '2026-01-01T00:00:00Z'
            }),
            type('cx53', { available: false, reason: 'unavailable' })
          ]
        })
      ]
    });
    render(HetznerWizard, { oncreated: () => {} });
    await fireEvent.click(await screen.findByRole('button', { name: /Falkenstein/ }));

    const choices = (await screen.findAllByRole('radio')) as HTMLInputElement[];
    const selectable = choices.filter((c) => !c.disabled).map((c) => c.value);
    expect(selectable).toEqual(['cx23']);
    expect(
      choices
        .filter((c) => c.disabled)
        .map((c) => c.value)
        .sort()
    ).toEqual(['cx22', 'cx53']);
    expect(screen.getByText(/Deprecated — Hetzner stopped selling it after 1 Jan 2026/)).toBeTruthy();
    expect(screen.getByText('Not available in this location right now')).toBeTruthy();
  });
});
