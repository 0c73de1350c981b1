import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { poll, PollTimeout } from './poll';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('poll', () => {
  it('calls until the condition holds, reporting every value', async () => {
    const values = ['INSTALLING', 'WAITING_K3S', 'READY'];
    const fn = vi.fn(async () => values.shift()!);
    const seen: string[] = [];
    const done = poll(fn, { until: (v) => v === 'READY', intervalMs: 1000, onValue: (v) => seen.push(v) });
    await vi.runAllTimersAsync();
    await expect(done).resolves.toBe('READY');
    expect(seen).toEqual(['INSTALLING', 'WAITING_K3S', 'READY']);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('gives up after the timeout', async () => {
    const done = poll(async () => 'running', { until: () => false, intervalMs: 1000, timeoutMs: 3500 });
    const check = expect(done).rejects.toBeInstanceOf(PollTimeout);
    await vi.runAllTimersAsync();
    await check;
  });

  it('stops at once when aborted', async () => {
    const ctl = new AbortController();
    const fn = vi.fn(async () => 'running');
    const done = poll(fn, { until: () => false, intervalMs: 1000, signal: ctl.signal });
    const check = expect(done).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(10);
    ctl.abort();
    await check;
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('ends on the first error', async () => {
    const done = poll(
      async () => {
        throw new Error('boom');
      },
      { until: () => true }
    );
    await expect(done).rejects.toThrow('boom');
  });
});
