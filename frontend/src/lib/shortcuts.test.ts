import { describe, expect, it } from 'vitest';
import { shortcutHandler } from './shortcuts';

describe('keyboard shortcuts', () => {
  it('"/" searches, "?" helps, "g s" and "g a" go to servers and apps', () => {
    const handle = shortcutHandler();
    expect(handle({ key: '/' })).toEqual({ type: 'search' });
    expect(handle({ key: '?' })).toEqual({ type: 'help' });
    expect(handle({ key: 'g' })).toBeNull();
    expect(handle({ key: 's' })).toEqual({ type: 'go', href: '/servers' });
    expect(handle({ key: 'g' })).toBeNull();
    expect(handle({ key: 'a' })).toEqual({ type: 'go', href: '/applications' });
  });
  it('forgets a "g" after a while, and a letter alone does nothing', () => {
    let t = 0;
    const handle = shortcutHandler(1500, () => t);
    expect(handle({ key: 's' })).toBeNull();
    handle({ key: 'g' });
    t = 2000;
    expect(handle({ key: 's' })).toBeNull();
  });
  it('never takes keys typed into a field or with a modifier', () => {
    const handle = shortcutHandler();
    const input = document.createElement('input');
    document.body.append(input);
    expect(handle({ key: '/', target: input })).toBeNull();
    expect(handle({ key: '/', ctrlKey: true })).toBeNull();
    const term = document.createElement('div');
    term.className = 'xterm';
    const inner = document.createElement('textarea');
    term.append(inner);
    expect(handle({ key: '?', target: inner })).toBeNull();
  });
});
