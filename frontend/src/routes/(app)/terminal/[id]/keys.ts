// The phone key bar: keys a touch keyboard lacks, as the bytes a terminal sends for them (VT100/xterm, normal
// cursor mode — what bash and most programs read; xterm.js sends the same).
export const KEYS: { label: string; name: string; data: string }[] = [
  { label: 'Esc', name: 'Esc', data: '\x1b' },
  { label: 'Tab', name: 'Tab', data: '\t' },
  { label: '↑', name: 'Up arrow', data: '\x1b[A' },
  { label: '↓', name: 'Down arrow', data: '\x1b[B' },
  { label: '←', name: 'Left arrow', data: '\x1b[D' },
  { label: '→', name: 'Right arrow', data: '\x1b[C' }
];

/** Ctrl with one typed character: Ctrl+C is ETX (3), Ctrl+[ is Esc; anything else is sent unchanged. */
export function withCtrl(ch: string): string {
  if (ch.length !== 1) return ch;
  const c = ch.toUpperCase().charCodeAt(0);
  if (c >= 64 && c <= 95) return String.fromCharCode(c & 0x1f);
  if (ch === ' ') return '\x00';
  if (ch === '?') return '\x7f';
  return ch;
}
