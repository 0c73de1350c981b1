import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '$lib/session.svelte';
import { fail, ok, stubFetch } from '$lib/testing';
import OciWizard from './OciWizard.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

const OPTIONS = {
  region: 'eu-frankfurt-1',
  shapes: [
    {
      name: 'VM.Standard.E4.Flex',
      architecture: 'x86',
      flexible: true,
      always_free: false,
      ocpus: { min: 1, max: 64, default: 1 },
      memory_gb: { min: 1, max: 1024, default: 16 }
    },
    {
      name: 'VM.Standard.E2.1.Micro',
      architecture: 'x86',
      flexible: false,
      always_free: true,
      ocpus: { min: 1, max: 1, default: 1 },
      memory_gb: { min: 1, max: 1, default: 1 }
    },
    {
      name: 'VM.Standard.A1.Flex',
      architecture: 'arm64',
      flexible: true,
      always_free: true,
      ocpus: { min: 1, max: 4, default: 4 },
      memory_gb: { min: 1, max: 24, default: 24 }
    }
  ]
};

describe('Oracle Cloud wizard', () => {
  it('starts on A1.Flex at the Always-Free maxima, bounds the size, and creates with provider oci', async () => {
    const calls = stubFetch({
      'GET /api/v1/vps/oci/options': ok(OPTIONS),
      'GET /api/v1/vps/timezones': ok(['UTC', 'Europe/Berlin']),
      // An OCI-only account: the name check cannot list Hetzner's servers.
      'POST /api/v1/vps/validate-name': fail(409, 'HETZNER_KEY_REQUIRED', 'Add a Hetzner key.'),
      'POST /api/v1/vps': {
        status: 201,
        body: {
          status: 'success',
          data: {
            server: { id: 7, name: 'arm', status: 'initializing', provider: 'oci', app_count: 0, config_in_kv: true },
            config: { server_id: 7 }
          }
        }
      }
    });
    const oncreated = vi.fn();
    render(OciWizard, { oncreated });
    const a1 = (await screen.findByLabelText(/VM\.Standard\.A1\.Flex/)) as HTMLInputElement;
    expect(a1.checked).toBe(true);
    expect(screen.getAllByTestId('always-free')).toHaveLength(2);
    const ocpus = screen.getByLabelText('OCPUs') as HTMLInputElement;
    const memory = screen.getByLabelText('Memory (GB)') as HTMLInputElement;
    expect([ocpus.value, memory.value, ocpus.max, memory.max]).toEqual(['4', '24', '4', '24']);

    await fireEvent.input(ocpus, { target: { value: '5' } });
    expect(screen.getByText('Between 1 and 4 OCPUs for this shape.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(ocpus, { target: { value: '2' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await fireEvent.input(screen.getByLabelText('Server name'), { target: { value: 'arm' } });
    await screen.findByText(/whether it is free is checked when the server is created/, undefined, { timeout: 3000 });
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('2 OCPUs · 24 GB · Arm (arm64)')).toBeTruthy();
    expect(screen.getByText('Always Free')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Create server' }));
    await waitFor(() => expect(oncreated).toHaveBeenCalledWith(expect.objectContaining({ id: 7, provider: 'oci' })));
    expect(calls.find((c) => c.method === 'POST' && c.url === '/api/v1/vps')?.body).toEqual({
      provider: 'oci',
      name: 'arm',
      shape: 'VM.Standard.A1.Flex',
      ocpus: 2,
      memoryGb: 24
    });
  });

  it('fixes the size of a fixed shape', async () => {
    stubFetch({ 'GET /api/v1/vps/oci/options': ok(OPTIONS) });
    render(OciWizard, { oncreated: () => {} });
    await fireEvent.click(await screen.findByLabelText(/VM\.Standard\.E2\.1\.Micro/));
    const ocpus = screen.getByLabelText('OCPUs') as HTMLInputElement;
    expect(ocpus.value).toBe('1');
    expect(ocpus.disabled).toBe(true);
  });

  it('sends the user to settings without credentials', async () => {
    stubFetch({
      'GET /api/v1/vps/oci/options': fail(409, 'OCI_CREDENTIALS_REQUIRED', 'Add Oracle Cloud credentials first.')
    });
    render(OciWizard, { oncreated: () => {} });
    expect((await screen.findByRole('alert')).textContent).toContain('Add Oracle Cloud credentials first.');
    expect(screen.getByRole('link', { name: 'settings' }).getAttribute('href')).toBe('/settings');
  });
});
