import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { fail, ok, stubFetch } from '$lib/testing';
import Page from './+page.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

describe('settings page', () => {
  it('says whether the Hetzner key can write', async () => {
    const calls = stubFetch({
      'GET /api/v1/settings/hetzner': ok({ exists: true, masked: 'abcd…wxyz', access: 'read_only' })
    });
    render(Page);
    expect((await screen.findByTestId('hetzner-access')).textContent).toContain('read-only — creates will fail');
    // only this page pays the Hetzner call that tells read-only from read & write
    expect(calls.find((c) => c.url.startsWith('/api/v1/settings/hetzner'))?.url).toContain('access=true');
  });

  it('shows a read & write Hetzner key as such, and the token check card', async () => {
    stubFetch({
      'GET /api/v1/settings/hetzner': ok({ exists: true, masked: 'abcd…wxyz', access: 'read_write' }),
      'GET /api/auth/permissions': ok({ permissions: [{ id: 'dns', name: 'Zone · DNS: Edit', status: 'ok' }] })
    });
    render(Page);
    expect((await screen.findByTestId('hetzner-access')).textContent).toContain('read & write');
    expect((await screen.findByTestId('perm-dns')).textContent).toContain('Read access checked');
  });

  it('shows the masked key and replaces it', async () => {
    const calls = stubFetch({
      'GET /api/v1/settings/hetzner': ok({ exists: true, masked: 'abcd…wxyz' }),
      'PUT /api/v1/settings/hetzner': ok({ exists: true, masked: 'new1…new2' })
    });
    render(Page);
    expect((await screen.findByTestId('hetzner-masked')).textContent).toBe('abcd…wxyz');
    await fireEvent.click(screen.getByRole('button', { name: 'Replace key' }));
    await fireEvent.input(screen.getByLabelText('New Hetzner API key'), { target: { value: ' new-key ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(screen.getByTestId('hetzner-masked').textContent).toBe('new1…new2'));
    expect(screen.getByRole('status').textContent).toContain('Hetzner key saved');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ key: 'new-key' });
  });

  it('shows a refused key inline next to the field', async () => {
    stubFetch({
      'GET /api/v1/settings/hetzner': ok({ exists: false }),
      'PUT /api/v1/settings/hetzner': fail(400, 'HETZNER_KEY_INVALID', 'Hetzner did not accept this key.')
    });
    render(Page);
    await fireEvent.input(await screen.findByLabelText('Hetzner API key'), { target: { value: 'bad' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Hetzner did not accept this key.');
  });

  it('asks for the key again when the stored one is unreadable', async () => {
    stubFetch({ 'GET /api/v1/settings/hetzner': fail(409, 'HETZNER_KEY_UNREADABLE', 'cannot decrypt') });
    render(Page);
    // as a reader sees it: the markup's line breaks collapse to one space
    expect((await screen.findByRole('alert')).textContent?.replace(/\s+/g, ' ')).toContain(
      'Enter the Hetzner key again'
    );
    expect(screen.getByLabelText('New Hetzner API key')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('cancels a replacement: the stored key is shown again and the typed one dropped', async () => {
    stubFetch({ 'GET /api/v1/settings/hetzner': ok({ exists: true, masked: 'abcd…wxyz' }) });
    render(Page);
    await fireEvent.click(await screen.findByRole('button', { name: 'Replace key' }));
    await fireEvent.input(screen.getByLabelText('New Hetzner API key'), { target: { value: 'half-typed' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('hetzner-masked').textContent).toBe('abcd…wxyz');
    await fireEvent.click(screen.getByRole('button', { name: 'Replace key' }));
    expect((screen.getByLabelText('New Hetzner API key') as HTMLInputElement).value).toBe('');
  });

  it('removes the key only after confirmation', async () => {
    const calls = stubFetch({
      'GET /api/v1/settings/hetzner': ok({ exists: true, masked: 'abcd…wxyz' }),
      'DELETE /api/v1/settings/hetzner': ok({})
    });
    render(Page);
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove key' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the key' }));
    expect(await screen.findByTestId('hetzner-missing')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('explains a server without the settings routes', async () => {
    stubFetch({});
    render(Page);
    expect(await screen.findByText('Settings are not available on this server yet')).toBeTruthy();
    expect(await screen.findByText('Oracle Cloud settings are not available on this server yet')).toBeTruthy();
  });
});

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
const CREDS = {
  tenancy: 'ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq',
  user: 'ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq',
  fingerprint: '20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34',
  region: 'eu-frankfurt-1'
};
const STORED = { configured: true, ...CREDS, home_region: 'eu-frankfurt-1' };

async function fillOci(over: Partial<typeof CREDS> = {}) {
  const values = { ...CREDS, ...over };
  await fireEvent.input(await screen.findByLabelText('Tenancy OCID'), { target: { value: values.tenancy } });
  await fireEvent.input(screen.getByLabelText('User OCID'), { target: { value: values.user } });
  await fireEvent.input(screen.getByLabelText('API key fingerprint'), { target: { value: values.fingerprint } });
  await fireEvent.input(screen.getByLabelText('Region identifier'), { target: { value: values.region } });
}

describe('Oracle Cloud card', () => {
  const hetzner = { 'GET /api/v1/settings/hetzner': ok({ exists: false }) };

  it('saves the five fields, the key read from a chosen file', async () => {
    const calls = stubFetch({
      ...hetzner,
      'GET /api/v1/settings/oci': ok({ configured: false }),
      'PUT /api/v1/settings/oci': ok(STORED)
    });
    render(Page);
    expect(await screen.findByTestId('oci-missing')).toBeTruthy();
    await fillOci();
    const file = new File([PEM], 'oci_api_key.pem', { type: 'application/x-pem-file' });
    await fireEvent.change(screen.getByLabelText('Or choose the .pem file'), { target: { files: [file] } });
    await screen.findByText('Read oci_api_key.pem.');
    expect((screen.getByLabelText('Private key (PEM)') as HTMLTextAreaElement).value).toBe(PEM);
    await fireEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect((await screen.findByTestId('oci-region')).textContent).toBe('eu-frankfurt-1');
    expect(screen.getByRole('status').textContent).toContain('Oracle Cloud credentials saved');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ ...CREDS, private_key: `${PEM}\n` });
  });

  it('says what is wrong before sending, next to each field', async () => {
    const calls = stubFetch({ ...hetzner, 'GET /api/v1/settings/oci': ok({ configured: false }) });
    render(Page);
    await fillOci({ fingerprint: '20:3b' });
    await fireEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect((await screen.findByTestId('oci-fingerprint-problem')).textContent).toMatch(/16 pairs/);
    expect(screen.getByTestId('oci-private_key-problem').textContent).toMatch(/Paste the private key/);
    expect(screen.getByTestId('oci-tenancy-problem').textContent).toBe('');
    expect(screen.getByLabelText('API key fingerprint').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('shows the API’s refusal next to the field it names, and a rejected test call above the button', async () => {
    stubFetch({
      ...hetzner,
      'GET /api/v1/settings/oci': ok({ configured: false }),
      'PUT /api/v1/settings/oci': [
        fail(400, 'INVALID_OCI_CREDENTIALS', 'The key does not match this fingerprint.', { field: 'fingerprint' }),
        fail(400, 'OCI_CREDENTIALS_REJECTED', 'NotAuthenticated.')
      ]
    });
    render(Page);
    await fillOci();
    await fireEvent.input(screen.getByLabelText('Private key (PEM)'), { target: { value: PEM } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    await waitFor(() =>
      expect(screen.getByTestId('oci-fingerprint-problem').textContent).toBe('The key does not match this fingerprint.')
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Save credentials' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /refused a signed test call with these credentials: NotAuthenticated/
    );
  });

  it('fills the fields from the configuration file preview', async () => {
    stubFetch({ ...hetzner, 'GET /api/v1/settings/oci': ok({ configured: false }) });
    render(Page);
    await fireEvent.input(await screen.findByLabelText('Configuration file preview'), {
      target: {
        value: `[DEFAULT]\nuser=${CREDS.user}\nfingerprint=${CREDS.fingerprint}\ntenancy=${CREDS.tenancy}\nregion=${CREDS.region}\nkey_file=~/.oci/key.pem`
      }
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Fill the fields' }));
    expect((screen.getByLabelText('Tenancy OCID') as HTMLInputElement).value).toBe(CREDS.tenancy);
    expect((screen.getByLabelText('Region identifier') as HTMLInputElement).value).toBe('eu-frankfurt-1');
  });

  it('shows stored credentials, warns outside the home region, and removes them after confirmation', async () => {
    const calls = stubFetch({
      ...hetzner,
      'GET /api/v1/settings/oci': ok({ ...STORED, region: 'eu-amsterdam-1' }),
      'DELETE /api/v1/settings/oci': ok({ configured: false })
    });
    render(Page);
    expect((await screen.findByTestId('oci-status')).textContent).toContain(CREDS.fingerprint);
    expect(screen.getByText(/Always-Free instances exist only in your home region/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Remove credentials' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the credentials' }));
    expect(await screen.findByTestId('oci-missing')).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/v1/settings/oci')).toBe(true);
  });
});
