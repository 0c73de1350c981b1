/**
 * The search box over servers and apps: every word of the query must occur (case- and accent-insensitively) in one
 * of the item's fields, so "fsn web" finds the server "web-1" in fsn1.
 */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function matches(query: string, fields: (string | number | undefined | null)[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = fields
    .filter((f) => f !== undefined && f !== null)
    .map((f) => fold(String(f)))
    .join(' ');
  return words.every((w) => hay.includes(w));
}
