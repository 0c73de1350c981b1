export interface PollOptions<T> {
  /** Stop when this returns true for a result. */
  until: (value: T) => boolean;
  intervalMs?: number;
  /** Give up after this long (bounded waits only). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every result, including the last. */
  onValue?: (value: T) => void;
}

export class PollTimeout extends Error {
  constructor(ms: number) {
    super(`Still not done after ${Math.round(ms / 1000)} s.`);
    this.name = 'PollTimeout';
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new DOMException('Aborted', 'AbortError'));
      },
      { once: true }
    );
  });

/** Calls `fn` until `until` holds, waiting `intervalMs` between calls; errors from `fn` end the poll. */
export async function poll<T>(fn: () => Promise<T>, opts: PollOptions<T>): Promise<T> {
  const interval = opts.intervalMs ?? 2000;
  const timeout = opts.timeoutMs ?? 15 * 60_000;
  const start = Date.now();
  for (;;) {
    if (opts.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const value = await fn();
    opts.onValue?.(value);
    if (opts.until(value)) return value;
    if (Date.now() - start + interval > timeout) throw new PollTimeout(timeout);
    await sleep(interval, opts.signal);
  }
}
