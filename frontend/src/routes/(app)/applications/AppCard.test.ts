import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '$lib/session.svelte';
import { ok, stubFetch } from '$lib/testing';
import type { Application, Job } from '$lib/types';
import AppCard from './AppCard.svelte';

beforeEach(() => session.signIn({ jwt_token: 'jwt', account_id: 'a' }));

const APP: Application = {
  id: 'app-1',
  name: 'ide',
  app_type: 'code-server',
  app_version: '4.96.2',
  subdomain: 'ide',
  domain: 'example.com',
  vps_id: '7',
  vps_name: 'web',
  status: 'running',
  apex: false
};
const steps = (dns: 'DONE' | 'FAILED') => [
  { name: 'helm_uninstall', state: 'DONE' },
  { name: 'namespace_objects', state: 'DONE' },
  {
    name: 'dns_records',
    state: dns,
    ...(dns === 'FAILED' ? { message: 'Cloudflare did not answer as expected.' } : {})
  },
  { name: 'kv_records', state: dns === 'DONE' ? 'DONE' : 'PENDING' }
];
const job = (status: Job['status'], attempt: number): Job => ({
  id: 'job-1',
  kind: 'delete',
  subjectId: 'app-1',
  status,
  attempt,
  progress: status === 'succeeded' ? 100 : 50,
  steps: steps(status === 'succeeded' ? 'DONE' : 'FAILED') as Job['steps']
});

describe('an app card following its job', () => {
  it('keeps a failed job with its Retry, and gives way to the actions once the retry succeeds', async () => {
    const calls = stubFetch({
      'DELETE /api/v1/applications/app-1': {
        status: 202,
        body: { status: 'success', data: { jobId: 'job-1', application: { ...APP, status: 'deleting' } } }
      },
      'GET /api/v1/jobs/job-1': [ok(job('failed', 1)), ok(job('failed', 1)), ok(job('succeeded', 2))],
      'POST /api/v1/jobs/job-1/retry': {
        status: 202,
        body: { status: 'success', data: { ...job('pending', 1), error: undefined } }
      }
    });
    const onchanged = vi.fn();
    render(AppCard, { app: APP, capabilities: ['password', 'port-forwards'], onchanged });
    await fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete ide' }));

    const progress = await screen.findByRole('region', { name: 'Delete ide' });
    await within(progress).findByText('Remove the DNS records: Cloudflare did not answer as expected.');
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1)); // the list is read again: the app is failed
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('region', { name: 'Delete ide' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete…' })).toBeNull();

    await fireEvent.click(within(progress).getByRole('button', { name: 'Retry from the failed step' }));
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(2), { timeout: 5000 });
    expect(screen.queryByRole('region', { name: 'Delete ide' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete…' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST' && c.url === '/api/v1/jobs/job-1/retry')).toHaveLength(1);
  }, 10_000);

  it('closes a failed job on request, back to the actions', async () => {
    stubFetch({
      'POST /api/v1/applications/app-1/upgrade': {
        status: 202,
        body: { status: 'success', data: { jobId: 'job-1', application: APP } }
      },
      'GET /api/v1/applications/versions/code-server': ok([{ version: '4.96.4' }, { version: '4.96.2' }]),
      'GET /api/v1/jobs/job-1': ok({ ...job('failed', 1), kind: 'upgrade' })
    });
    const onchanged = vi.fn();
    render(AppCard, { app: APP, capabilities: ['password', 'port-forwards'], onchanged });
    await fireEvent.click(screen.getByRole('button', { name: 'Upgrade…' }));
    await waitFor(() => expect((screen.getByLabelText('Upgrade to') as HTMLSelectElement).value).toBe('4.96.4'));
    await fireEvent.click(screen.getByRole('button', { name: 'Upgrade' }));
    await screen.findByRole('button', { name: 'Retry from the failed step' });
    await fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Upgrade ide to 4.96.4' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Upgrade…' })).toBeTruthy();
    expect(onchanged).toHaveBeenCalledTimes(1);
  });

  it('shows the failed job of an app that failed before the page opened, with its Retry', async () => {
    stubFetch({
      'GET /api/v1/jobs/job-1': [ok(job('failed', 1)), ok(job('succeeded', 2))],
      'POST /api/v1/jobs/job-1/retry': { status: 202, body: { status: 'success', data: job('pending', 1) } }
    });
    const onchanged = vi.fn();
    render(AppCard, { app: { ...APP, status: 'failed', job_id: 'job-1' }, onchanged });

    const progress = await screen.findByRole('region', { name: 'failed ide' });
    await fireEvent.click(await within(progress).findByRole('button', { name: 'Retry from the failed step' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'failed ide' })).toBeNull(), { timeout: 5000 });
    expect(screen.getByRole('button', { name: 'Delete…' })).toBeTruthy();
  }, 10_000);

  it('shows the actions for a failed app whose job has expired, without an error', async () => {
    stubFetch({
      'GET /api/v1/jobs/job-1': {
        status: 404,
        body: { status: 'error', error: { code: 'JOB_NOT_FOUND', message: 'There is no job job-1.' } }
      }
    });
    render(AppCard, { app: { ...APP, status: 'failed', job_id: 'job-1' }, onchanged: vi.fn() });

    await screen.findByRole('button', { name: 'Delete…' });
    expect(screen.queryByRole('region', { name: 'failed ide' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('drops a failed job that was retried elsewhere once the app reads as running', async () => {
    stubFetch({ 'GET /api/v1/jobs/job-1': ok(job('failed', 1)) });
    const failed = { ...APP, status: 'failed', job_id: 'job-1' };
    const view = render(AppCard, { app: failed, onchanged: vi.fn() });
    await screen.findByRole('button', { name: 'Retry from the failed step' });

    await view.rerender({ app: { ...failed, status: 'running' }, onchanged: vi.fn() });

    await screen.findByRole('button', { name: 'Delete…' });
    expect(screen.queryByRole('region', { name: 'failed ide' })).toBeNull();
  });
});

describe('an app card offering what the catalog declares', () => {
  it('shows Password, Token and Port-forwards exactly for the capabilities of the app type', () => {
    stubFetch({});
    const { unmount } = render(AppCard, { app: APP, capabilities: ['password', 'port-forwards'], onchanged: vi.fn() });
    expect(screen.getByRole('button', { name: 'Password' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Port-forwards' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Token' })).toBeNull();
    unmount();

    render(AppCard, { app: { ...APP, app_type: 'headlamp' }, capabilities: ['token'], onchanged: vi.fn() });
    expect(screen.getByRole('button', { name: 'Token' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Password' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Port-forwards' })).toBeNull();
  });
});
