import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api';
import { restoreList, stepStates } from './steps';

describe('domain configure steps', () => {
  it('names the failed step from a 502 and marks the earlier ones done', () => {
    const err = new ApiError(502, 'CLOUDFLARE_FAILED', 'Cloudflare refused the certificate', { step: 'certificate' });
    expect(stepStates('failed', err)).toEqual(['done', 'done', 'failed', 'pending', 'pending', 'pending']);
  });

  it('matches step names loosely', () => {
    const err = new ApiError(502, 'X', 'x', { failedStep: 'ALWAYS_USE_HTTPS' });
    expect(stepStates('failed', err)[3]).toBe('failed');
  });

  it('shows all done on success and running while pending', () => {
    expect(stepStates('done', null, { domain: 'example.com' }).every((s) => s === 'done')).toBe(true);
    expect(stepStates('running')[0]).toBe('running');
  });

  it('lists what removal restores, preferring the server’s own list', () => {
    expect(restoreList({ domain: 'd', will_restore: ['a', 'b'] })).toEqual(['a', 'b']);
    const derived = restoreList({ domain: 'd', certificate_id: 'c', page_rule_created: true, ssl_mode: 'strict', always_use_https: true });
    expect(derived).toHaveLength(5);
    expect(derived[0]).toContain('origin certificate');
  });
});
