import { describe, expect, it } from 'vitest';
import { money, serverNameProblem, tokenProblem } from './format';

describe('format', () => {
  it('formats euros and missing values', () => {
    expect(money(4.51)).toBe('€4.51');
    expect(money(undefined)).toBe('—');
    expect(money(0.0062, 4)).toBe('€0.0062');
  });

  it.each([
    ['web-1', null],
    ['', 'Enter a name.'],
    ['-web', 'Use lowercase'],
    ['Web', 'Use lowercase'],
    ['a'.repeat(64), 'At most 63']
  ])('server name %s', (name, problem) => {
    const p = serverNameProblem(name);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });

  it('checks token shape like the API does', () => {
    expect(tokenProblem('xanthus_sandbox_token_000000000000000000')).toBeNull();
    expect(tokenProblem('  ')).toContain('Paste');
    expect(tokenProblem('has space')).toContain('letters');
  });
});
