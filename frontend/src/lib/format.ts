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

export function memory(gb: number | undefined | null): string {
  if (gb === undefined || gb === null || !Number.isFinite(gb)) return '—';
  return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
}

export function date(iso: string | undefined | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
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
