const eur = new Intl.NumberFormat('en-IE', {
  style: 'currency',
  currency: 'EUR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2
});

export function money(value: number | undefined | null, digits = 2): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  if (digits !== 2) {
    return new Intl.NumberFormat('en-IE', {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits
    }).format(value);
  }
  return eur.format(value);
}

// Sizes: one number format (at most one decimal, "GB"/"MB" as the providers write them).
const sizeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A size in GB: "4 GB", "0.5 GB". */
export function memory(gb: number | undefined | null): string {
  if (gb === undefined || gb === null || !Number.isFinite(gb)) return '—';
  return `${sizeNumber.format(gb)} GB`;
}
export const size = memory;

/** A size in MB, in GB from 1024 MB on: "512 MB", "1.9 GB". */
export function megabytes(mb: number | undefined | null): string {
  if (mb === undefined || mb === null || !Number.isFinite(mb)) return '—';
  return mb >= 1024 ? `${sizeNumber.format(mb / 1024)} GB` : `${sizeNumber.format(mb)} MB`;
}

// One way to write a moment everywhere: "4 Dec 2026, 20:45" in the viewer's time zone; a day alone as "31 Mar 2027".
const moment = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dayOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dayInUtc = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function date(iso: string | number | Date | undefined | null): string {
  if (iso === undefined || iso === null || iso === '') return '—';
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : moment.format(d);
}

/** A calendar day; `utc` for days the provider states in UTC (e.g. Hetzner's deprecation dates). */
export function day(iso: string | Date | undefined | null, utc = false): string {
  if (!iso) return '—';
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : (utc ? dayInUtc : dayOnly).format(d);
}

/** A duration as people say it: "42 s", "3 min 5 s", "1 h 2 min" (Node 20 has no Intl.DurationFormat). */
export function duration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** Milliseconds from one moment to another (or to now); null when the start is unknown. */
export function between(from: string | number | undefined | null, to?: string | number | null, now = Date.now()) {
  const a = typeof from === 'number' ? from : from ? Date.parse(from) : NaN;
  const b = typeof to === 'number' ? to : to ? Date.parse(to) : now;
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, b - a) : null;
}

/** Hetzner server names: 1–63 chars, letters, digits and hyphens, no leading or trailing hyphen (RFC 1123 label). */
export function serverNameProblem(name: string): string | null {
  if (!name) return 'Enter a name.';
  if (name.length > 63) return 'At most 63 characters.';
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name)) {
    return 'Use lowercase letters, digits and hyphens; start and end with a letter or digit.';
  }
  return null;
}

/** Cloudflare tokens are 40 URL-safe characters today; we only reject what the API rejects anyway. */
export function tokenProblem(token: string): string | null {
  const t = token.trim();
  if (!t) return 'Paste your Cloudflare API token.';
  if (t.length > 256) return 'That is longer than any Cloudflare token.';
  if (!/^[A-Za-z0-9_-]+$/.test(t)) return 'A Cloudflare token only has letters, digits, "-" and "_".';
  return null;
}
