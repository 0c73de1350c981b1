import { describe, expect, it } from 'vitest';
import { KEYS, withCtrl } from './keys';

describe('the terminal key bar', () => {
  it('sends what a terminal sends for Esc, Tab and the arrows', () => {
    const by = Object.fromEntries(KEYS.map((k) => [k.name, k.data]));
    expect(by).toEqual({
      Esc: '\x1b',
      Tab: '\t',
      'Up arrow': '\x1b[A',
      'Down arrow': '\x1b[B',
      'Left arrow': '\x1b[D',
      'Right arrow': '\x1b[C'
    });
  });
  it('turns Ctrl + a letter into its control character', () => {
    expect(withCtrl('c')).toBe('\x03');
    expect(withCtrl('D')).toBe('\x04');
    expect(withCtrl('[')).toBe('\x1b');
    expect(withCtrl('1')).toBe('1');
    expect(withCtrl('ab')).toBe('ab');
  });
});
