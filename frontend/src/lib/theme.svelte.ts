// The colour theme: 'light' or 'dark' on <html data-theme>. static/theme.js sets it before the first paint (the stored
// choice, else the system's prefers-color-scheme, followed live); this store mirrors it for the toggle and stores
// the user's explicit choice.
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'xanthus.theme';

const read = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

class ThemeState {
  current = $state<Theme>(typeof document === 'undefined' ? 'light' : read());

  constructor() {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    // theme.js's listener (registered first) updates data-theme when the system changes; read it back after it.
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => (this.current = read()));
  }

  /** Switches to `theme` and remembers it (the system preference no longer applies). */
  set(theme: Theme) {
    this.current = theme;
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }

  toggle() {
    this.set(this.current === 'dark' ? 'light' : 'dark');
  }
}

export const theme = new ThemeState();
