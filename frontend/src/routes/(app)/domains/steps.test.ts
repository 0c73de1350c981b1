import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api';
import type { ManagedDomain } from '$lib/types';
import { notUndone, restoreList, stepStates } from './steps';
import { configurePreview } from './steps';

describe('domain configure steps', () => {
  it('names the failed step from a 502 and marks the earlier ones done', () => {
    const err = new ApiError(502, 'DOMAIN_CONFIGURE_FAILED', 'Cloudflare refused the certificate', {
      failed_step: 'origin_certificate',
      step_number: 2
    });
    expect(stepStates('failed', err)).toEqual(['done', 'failed', 'pending', 'pending', 'pending', 'pending']);
  });

  it('lists the changes a failed rollback left', () => {
    const err = new ApiError(502, 'DOMAIN_ROLLBACK_INCOMPLETE', 'x', {
      failed_step: 'www_redirect',
      not_undone: ['ssl_mode']
    });
    expect(stepStates('failed', err)[4]).toBe('failed');
    expect(notUndone(err)).toEqual(['ssl_mode']);
    expect(notUndone(new Error('x'))).toEqual([]);
  });

  it('shows nothing done when the failure names no step', () => {
    expect(stepStates('failed', new ApiError(0, 'NETWORK', 'offline')).every((s) => s === 'pending')).toBe(true);
  });

  it('shows all done on success and running while pending', () => {
    expect(stepStates('done').every((s) => s === 'done')).toBe(true);
    expect(stepStates('running')[0]).toBe('running');
  });

  it('lists what removal restores from the stored previous values', () => {
    const d: ManagedDomain = {
      domain: 'd',
      zone_id: 'z',
      certificate_id: 'c',
      always_use_https: true,
      page_rule_created: true,
      ssl_mode: 'strict',
      previous_ssl_mode: 'full',
      previous_always_use_https: 'on'
    };
    const lines = restoreList(d);
    expect(lines).toHaveLength(5);
    expect(lines).toContain('Set SSL/TLS back to full');
    expect(lines).toContain('Set Always Use HTTPS back to on');
  });

  it('falls back to what the Go program restored for its own records', () => {
    const lines = restoreList({ domain: 'd', zone_id: 'z', always_use_https: true, page_rule_created: false });
    expect(lines[0]).toBe('Set Always Use HTTPS back to off');
    expect(lines[1]).toContain('flexible');
  });
});

describe('the configure preview', () => {
  it('names every zone-wide change with its value now and after', () => {
    const changes = configurePreview({ name: 'example.com', ssl_mode: 'flexible', always_use_https: false });
    expect(changes[0]).toEqual({ what: 'SSL/TLS encryption mode (whole zone)', from: 'Flexible', to: 'Full (strict)' });
    expect(changes[1]).toEqual({ what: 'Always Use HTTPS (whole zone)', from: 'off', to: 'on' });
    expect(changes.map((c) => c.to).join(' ')).toContain('www.example.com/* redirects (301) to https://example.com');
    expect(changes.map((c) => c.to).join(' ')).toContain('example.com and *.example.com');
  });
  it('says when a setting is already as it will be', () => {
    const changes = configurePreview({ name: 'a.dev', ssl_mode: 'strict', always_use_https: true });
    expect(changes[0].from).toBe('Full (strict)');
    expect(changes[1].from).toBe('on');
  });
});
