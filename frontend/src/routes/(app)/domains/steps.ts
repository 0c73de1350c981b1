import { ApiError } from '$lib/api';
import type { Domain, ManagedDomain } from '$lib/types';

/** The configure steps the server runs, in order (core dns.ConfigureStep ids). */
export const CONFIGURE_STEPS: { key: string; label: string }[] = [
  { key: 'ssl_mode', label: 'Set SSL/TLS to Full (strict)' },
  { key: 'origin_certificate', label: 'Issue the Origin CA certificate' },
  { key: 'origin_ca_root', label: 'Append the Origin CA root' },
  { key: 'always_use_https', label: 'Turn on Always Use HTTPS' },
  { key: 'www_redirect', label: 'Redirect www to the apex' },
  { key: 'store_config', label: 'Save the configuration' }
];

export type StepState = 'pending' | 'running' | 'done' | 'failed';

/** The step a 502 names in `details.failed_step` (DOMAIN_CONFIGURE_FAILED, DOMAIN_ROLLBACK_INCOMPLETE). */
export function failedStep(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const raw = error.details?.failed_step;
  return typeof raw === 'string' ? raw : null;
}

/** Changes that could not be undone after a failure (`details.not_undone`), to be fixed in Cloudflare by hand. */
export function notUndone(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const raw = error.details?.not_undone;
  return Array.isArray(raw) ? raw.map(String) : [];
}

/**
 * States of every step. The API configures synchronously and reports no per-step progress: while waiting the first
 * step shows as running, a success means all six ran, and a failure names its step (earlier ones ran and were undone).
 */
export function stepStates(phase: 'running' | 'done' | 'failed', error?: unknown): StepState[] {
  if (phase === 'running') return CONFIGURE_STEPS.map((_, i) => (i === 0 ? 'running' : 'pending'));
  if (phase === 'done') return CONFIGURE_STEPS.map(() => 'done');
  const at = CONFIGURE_STEPS.findIndex((s) => s.key === failedStep(error));
  if (at < 0) return CONFIGURE_STEPS.map(() => 'pending');
  return CONFIGURE_STEPS.map((_, i) => (i < at ? 'done' : i === at ? 'failed' : 'pending'));
}

/** What removing Xanthus from a domain will undo, as sentences (from the stored configuration). */
export function restoreList(d: ManagedDomain): string[] {
  const out: string[] = [];
  if (d.page_rule_created) out.push('Delete the www → apex redirect page rule Xanthus created');
  out.push(`Set Always Use HTTPS back to ${d.previous_always_use_https ?? 'off'}`);
  out.push(
    `Set SSL/TLS back to ${d.previous_ssl_mode ?? 'flexible'}${d.previous_ssl_mode ? '' : ' (what the old program restored)'}`
  );
  if (d.certificate_id) out.push('Revoke the origin certificate');
  out.push('Forget the domain’s configuration in your KV namespace');
  return out;
}

const SSL_NAMES: Record<string, string> = { off: 'Off', flexible: 'Flexible', full: 'Full', strict: 'Full (strict)' };

export interface ZoneChange {
  what: string;
  /** What it is now (absent for things that are created). */
  from?: string;
  to: string;
}

/**
 * What configuring a domain will change in its Cloudflare zone, for the preview before applying (DomainService.
 * configure: SSL strict, an Origin CA certificate for the apex and *.domain valid 5475 days, Always Use HTTPS on, a
 * 301 page rule www.domain/* → the apex unless one exists, the record in KV). These are zone-wide: every host of the
 * domain is affected, not only the apps Xanthus publishes.
 */
export function configurePreview(d: Pick<Domain, 'name' | 'ssl_mode' | 'always_use_https'>): ZoneChange[] {
  const ssl = d.ssl_mode ? (SSL_NAMES[d.ssl_mode] ?? d.ssl_mode) : 'unknown';
  return [
    { what: 'SSL/TLS encryption mode (whole zone)', from: ssl, to: 'Full (strict)' },
    { what: 'Always Use HTTPS (whole zone)', from: d.always_use_https ? 'on' : 'off', to: 'on' },
    { what: 'Origin CA certificate', to: `new, for ${d.name} and *.${d.name}, valid 15 years` },
    {
      what: 'Page rule',
      to: `new: www.${d.name}/* redirects (301) to https://${d.name} (an existing www rule is kept instead)`
    },
    { what: 'DNS records', to: 'none now (each app adds its own when it is deployed)' },
    { what: 'Xanthus configuration', to: 'saved in your Cloudflare KV; removing the domain later puts the rest back' }
  ];
}
