/**
 * Keyboard shortcuts of the app (GitHub's style): "/" focuses the page's search box, "g" then a letter goes to a page,
 * "?" lists them. Keys typed into a field (or the terminal) are never taken, nor any with Ctrl, Alt or Meta.
 */
export const GO_TO: Record<string, { href: string; label: string }> = {
  h: { href: '/', label: 'Dashboard' },
  s: { href: '/servers', label: 'Servers' },
  a: { href: '/applications', label: 'Applications' },
  d: { href: '/domains', label: 'Domains' },
  t: { href: '/terminal', label: 'Terminal' }
};

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Search the servers or apps on this page' },
  ...Object.entries(GO_TO).map(([k, v]) => ({ keys: ['g', k], what: `Go to ${v.label}` })),
  { keys: ['?'], what: 'Show these shortcuts' },
  { keys: ['Esc'], what: 'Close a dialog or the menu' }
];

export type ShortcutAction = { type: 'search' } | { type: 'help' } | { type: 'go'; href: string };

interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  target?: EventTarget | null;
}

/** Whether the key went to something that takes text (a field, a select, an editable region, the terminal). */
export function typing(target: EventTarget | null | undefined): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .xterm');
}

/** A small state machine: feed it every keydown; it answers what to do (or null) and remembers a pending "g". */
export function shortcutHandler(waitMs = 1500, now = () => Date.now()) {
  let gAt = -Infinity;
  return (e: KeyLike): ShortcutAction | null => {
    if (e.ctrlKey || e.altKey || e.metaKey || typing(e.target)) return null;
    if (now() - gAt < waitMs) {
      gAt = -Infinity;
      const to = GO_TO[e.key.toLowerCase()];
      if (to) return { type: 'go', href: to.href };
    }
    if (e.key === 'g') {
      gAt = now();
      return null;
    }
    if (e.key === '/') return { type: 'search' };
    if (e.key === '?') return { type: 'help' };
    return null;
  };
}
