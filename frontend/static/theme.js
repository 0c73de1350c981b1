// Loaded blocking from app.html's <head>, before any stylesheet applies to the body, so the first paint is already in
// the right theme (no flash): data-theme on <html> is the stored choice ('light' or 'dark', see $lib/theme.svelte.ts)
// or else the system's prefers-color-scheme, followed live while nothing is stored. An external file rather than an
// inline script, so the site's CSP ('self') needs no hash for it.
(() => {
  const key = 'xanthus.theme';
  const media = matchMedia('(prefers-color-scheme: dark)');
  const stored = () => {
    try {
      const v = localStorage.getItem(key);
      return v === 'light' || v === 'dark' ? v : null;
    } catch {
      return null; // storage disabled: follow the system
    }
  };
  const apply = () => {
    document.documentElement.dataset.theme = stored() ?? (media.matches ? 'dark' : 'light');
  };
  apply();
  media.addEventListener('change', apply);
})();
