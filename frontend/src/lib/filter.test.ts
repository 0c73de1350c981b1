import { describe, expect, it } from 'vitest';
import { matches } from './filter';

describe('the search filter', () => {
  const web = ['web-1', 'fsn1', 'cx32', '203.0.113.7', 'running'];
  it('keeps everything for an empty query', () => expect(matches('  ', web)).toBe(true));
  it('needs every word somewhere', () => {
    expect(matches('fsn web', web)).toBe(true);
    expect(matches('FSN  203.0', web)).toBe(true);
    expect(matches('fsn nbg', web)).toBe(false);
  });
  it('ignores case, accents and missing fields', () => {
    expect(matches('zurich', ['Zürich', undefined, null])).toBe(true);
  });
});
