import { describe, expect, it } from 'vitest';
import { between, date, day, duration, megabytes, memory, money, serverNameProblem, tokenProblem } from './format';

describe('format', () => {
  it('formats euros and missing values', () => {
    expect(money(4.51)).toBe('€4.51');
    expect(money(undefined)).toBe('—');
    expect(money(0.0062, 4)).toBe('€0.0062');
  });

  it('formats durations', () => {
    expect(duration(42_900)).toBe('42 s');
    expect(duration(185_000)).toBe('3 min 5 s');
    expect(duration(120_000)).toBe('2 min');
    expect(duration(3_720_000)).toBe('1 h 2 min');
    expect(duration(null)).toBe('—');
    expect(between('2026-12-04T20:00:00Z', '2026-12-04T20:01:30Z')).toBe(90_000);
    expect(between('2026-12-04T20:00:00Z', undefined, Date.parse('2026-12-04T20:00:05Z'))).toBe(5_000);
    expect(between(undefined)).toBeNull();
  });

  it('formats sizes', () => {
    expect(memory(4)).toBe('4 GB');
    expect(memory(0.5)).toBe('0.5 GB');
    expect(memory(null)).toBe('—');
    expect(megabytes(512)).toBe('512 MB');
    expect(megabytes(1947)).toBe('1.9 GB');
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

describe('dates', () => {
  it('write a moment and a day one way, with a dash for none and the raw text for what does not parse', () => {
    expect(date('2026-12-04T20:45:00Z')).toMatch(/^\d{1,2} Dec 2026, \d{2}:\d{2}$/);
    expect(day('2027-03-31T00:00:00Z', true)).toBe('31 Mar 2027');
    expect(date(null)).toBe('—');
    expect(day(undefined)).toBe('—');
    expect(date('not a date')).toBe('not a date');
  });
});
