import { beforeEach, describe, expect, it } from 'vitest';
import { theme, THEME_KEY } from './theme.svelte';

beforeEach(() => {
  localStorage.clear();
  document.documentElement.dataset.theme = 'light';
  theme.current = 'light';
});

describe('theme', () => {
  it('toggles data-theme on <html> and remembers the choice', () => {
    theme.toggle();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(theme.current).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    theme.toggle();
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
  });

  it('uses the key static/theme.js reads before the first paint', async () => {
    const { readFileSync } = await import('node:fs');
    const script = readFileSync(`${process.cwd()}/static/theme.js`, 'utf8');
    expect(script).toContain(`'${THEME_KEY}'`);
  });
});
