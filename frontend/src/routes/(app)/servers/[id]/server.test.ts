import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '$lib/session.svelte';
import { fail, stubFetch } from '$lib/testing';
import Page from './+page.svelte';

vi.mock('$app/state', () => ({ page: { params: { id: '404' } } }));

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

describe('the page of a server that does not exist', () => {
  it('says so once, instead of in every section', async () => {
    const gone = fail(404, 'VPS_NOT_FOUND', 'No Xanthus server 404.');
    stubFetch({
      'GET /api/v1/vps/404': gone,
      'GET /api/v1/vps/404/status': gone,
      'GET /api/v1/vps/404/info': gone,
      'GET /api/v1/vps/404/applications': gone,
      'GET /api/v1/vps/404/timezone': gone,
      'GET /api/v1/vps/404/logs': gone,
      'GET /api/v1/vps/404/k3s-logs': gone
    });
    render(Page);
    await screen.findByText('No Xanthus server 404.');
    await new Promise((r) => setTimeout(r, 50)); // every read has answered
    expect(screen.getAllByText('No Xanthus server 404.')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Back to your servers' }).getAttribute('href')).toBe('/servers');
    expect(screen.queryByRole('heading', { name: 'Status' })).toBeNull();
  });
});
