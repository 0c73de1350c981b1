// Terminal sessions this tab is attached to, kept in sessionStorage (like the sign-in, see the README) so that a
// reload can re-attach to a LIVE session with a resume instead of only ending it. The resume token is as sensitive
// as the session JWT beside it and lives exactly as long (this tab).
const KEY = 'xanthus.terminal';

export interface Attached {
  sessionId: string;
  resumeToken: string;
  lastSeq: number;
  relayUrl: string;
  vpsId: string;
}

function all(): Record<string, Attached> {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function attached(sessionId: string): Attached | null {
  const a = all()[sessionId];
  return a && typeof a.resumeToken === 'string' && typeof a.relayUrl === 'string' ? a : null;
}

export function remember(a: Attached): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...all(), [a.sessionId]: a }));
}

export function forget(sessionId: string): void {
  const m = all();
  delete m[sessionId];
  sessionStorage.setItem(KEY, JSON.stringify(m));
}
