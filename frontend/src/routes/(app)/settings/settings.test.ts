import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { fail, ok, stubFetch } from '$lib/testing';
import Page from './+page.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

describe('settings page', () => {
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
    expect((await screen.findByRole('alert')).textContent).toContain('Enter the Hetzner key again');
    expect(screen.getByLabelText('New Hetzner API key')).toBeTruthy();
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

  it('explains a server without the settings route', async () => {
    stubFetch({});
    render(Page);
    expect(await screen.findByText(/not available on this server yet/)).toBeTruthy();
  });
});
