import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { session } from '$lib/session.svelte';
import { ok, stubFetch } from '$lib/testing';
import Page from './+page.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

describe('the terminal page', () => {
  it('lists the servers, each with a link to its terminal', async () => {
    stubFetch({
      'GET /api/v1/vps': ok([
        { id: 7, name: 'web', status: 'running', ipv4: '203.0.113.7' },
        { id: 9, name: 'arm', status: 'off', ipv4: '203.0.113.9' }
      ])
    });
    render(Page);
    const web = await screen.findByRole('link', { name: 'Open a terminal on web' });
    expect(web.getAttribute('href')).toBe('/terminal/7');
    expect(screen.getByRole('link', { name: 'Open a terminal on arm' }).getAttribute('href')).toBe('/terminal/9');
  });

  it('points to creating a server when there is none', async () => {
    stubFetch({ 'GET /api/v1/vps': ok([]) });
    render(Page);
    await screen.findByText('No server yet');
    expect(screen.getByRole('link', { name: 'Create one' }).getAttribute('href')).toBe('/servers/new');
  });
});
