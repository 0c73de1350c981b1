import { describe, expect, it } from 'vitest';
import type { CatalogApp, Job, ServerChoice } from '$lib/types';
import {
  emptyAdvice,
  fitProblem,
  hostTaken,
  jobFailure,
  jobFinished,
  jobOver,
  requirementsText,
  stepLabel,
  subdomainProblem
} from './logic';

const code: CatalogApp = {
  id: 'code-server',
  name: 'code-server',
  default_port: 8080,
  capabilities: [],
  requirements: { min_cpu: 1, min_memory_gb: 2, min_disk_gb: 10 }
};
const webui: CatalogApp = {
  id: 'open-webui',
  name: 'Open WebUI',
  default_port: 8080,
  capabilities: [],
  requirements: { min_cpu: 2, min_memory_gb: 4, min_disk_gb: 20 }
};
const small: ServerChoice = { id: 1, name: 'small', serverType: 'cx23', capacity: { cpu: 2, memoryGb: 4, diskGb: 40 } };

describe('fitProblem', () => {
  it('accepts an app that fits', () => {
    expect(fitProblem(code, small)).toBeNull();
    expect(fitProblem(webui, small)).toBeNull();
  });
  it('counts the apps already on the server and names what is short', () => {
    const msg = fitProblem(
      webui,
      small,
      [code, webui],
      [{ id: 'a', name: 'ide', app_type: 'code-server', apex: false }]
    );
    expect(msg).toBe('Needs 2 vCPU (1 free), 4 GB memory (2 GB free) on small.');
  });
  it('does not guess when the capacity or requirements are unknown', () => {
    expect(fitProblem(webui, { id: 2, name: 'x' })).toBeNull();
    expect(fitProblem({ id: 'y', name: 'y', default_port: 80, capabilities: [] }, small)).toBeNull();
    expect(fitProblem(webui, undefined)).toBeNull();
  });
});

describe('deploy form rules', () => {
  it('describes requirements', () => {
    expect(requirementsText(code)).toBe('1 vCPU · 2 GB memory · 10 GB disk');
    expect(requirementsText({ id: 'z', name: 'z', default_port: 80, capabilities: [] })).toBe('No stated requirements');
  });
  it('validates subdomains like the API', () => {
    expect(subdomainProblem('')).toBeNull();
    expect(subdomainProblem('@')).toBeNull();
    expect(subdomainProblem('ide-1')).toBeNull();
    expect(subdomainProblem('-ide')).not.toBeNull();
    expect(subdomainProblem('IDE')).not.toBeNull();
    expect(subdomainProblem('a'.repeat(64))).toBe('At most 63 characters.');
  });
  it('finds a host already in use, apex included', () => {
    const apps = [
      { id: '1', name: 'a', subdomain: 'ide', domain: 'example.com', apex: false },
      { id: '2', name: 'b', subdomain: '@', domain: 'example.org', apex: true }
    ];
    expect(hostTaken('ide', 'example.com', apps)?.id).toBe('1');
    expect(hostTaken('', 'example.org', apps)?.id).toBe('2');
    expect(hostTaken('ide', 'example.org', apps)).toBeUndefined();
  });
});

describe('jobs', () => {
  const job = (over: Partial<Job>): Job => ({
    id: 'j',
    kind: 'deploy',
    status: 'running',
    progress: 0,
    steps: [],
    attempt: 1,
    ...over
  });
  it('knows when a job is over', () => {
    expect(jobFinished(job({ status: 'running' }))).toBe(false);
    expect(jobFinished(job({ status: 'failed' }))).toBe(true);
    expect(jobFinished(job({ status: 'succeeded' }))).toBe(true);
    expect(jobFinished(null)).toBe(false);
  });
  it('after a retry, waits for a later attempt to finish', () => {
    expect(jobOver(job({ status: 'failed', attempt: 1 }), 1)).toBe(false);
    expect(jobOver(job({ status: 'running', attempt: 2 }), 1)).toBe(false);
    expect(jobOver(job({ status: 'succeeded', attempt: 2 }), 1)).toBe(true);
    expect(jobOver(job({ status: 'failed', attempt: 1 }))).toBe(true);
  });
  it('names the failed step', () => {
    expect(
      jobFailure(
        job({ status: 'failed', steps: [{ name: 'dns_record', state: 'FAILED', message: 'Cloudflare said no' }] })
      )
    ).toBe('Point the DNS record at the server: Cloudflare said no');
    expect(jobFailure(job({ status: 'failed', error: 'worker stopped' }))).toBe('worker stopped');
  });
  it('labels steps', () => {
    expect(stepLabel('install_chart')).toBe('Install chart'); // a step this page does not know yet
    expect(stepLabel('tls_secret')).toBe('Install the TLS certificate');
    expect(stepLabel('dns_record')).toBe('Point the DNS record at the server');
    expect(stepLabel('wait-terminated')).toBe('Wait for Oracle Cloud to end the instance');
  });
});

describe('the empty applications list', () => {
  it('invites deploying when a ready server and a managed domain exist', () => {
    expect(emptyAdvice({ servers: [{ id: 1 }], domains: ['example.com'] })).toEqual({ ready: true, missing: [] });
  });
  it('names only what is missing', () => {
    expect(emptyAdvice({ servers: [], domains: ['example.com'] }).missing).toEqual(['server']);
    expect(emptyAdvice({ servers: [{ id: 1 }], domains: [] }).missing).toEqual(['domain']);
    expect(emptyAdvice({ servers: [], domains: [] }).missing).toEqual(['server', 'domain']);
  });
});
