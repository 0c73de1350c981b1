import { ApiError } from '$lib/api';
import type { DomainConfigureResult, DomainDetail, DomainStep } from '$lib/types';

/** The configure steps the server runs, in order (the Go program's sequence). */
export const CONFIGURE_STEPS: { key: string; label: string }[] = [
  { key: 'zone', label: 'Find the Cloudflare zone' },
  { key: 'ssl_mode', label: 'Set SSL/TLS to Full (strict)' },
  { key: 'certificate', label: 'Create the origin certificate' },
  { key: 'always_use_https', label: 'Turn on Always Use HTTPS' },
  { key: 'page_rule', label: 'Redirect www to the apex' },
  { key: 'store', label: 'Save the configuration' }
];

export type StepState = 'pending' | 'running' | 'done' | 'failed';

/** The step a 502 names, from `details.step` / `details.failedStep`; matched loosely on key or label. */
export function failedStep(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const d = error.details ?? {};
  const raw = d.step ?? d.failedStep ?? d.failed_step;
  return typeof raw === 'string' ? raw : null;
}

export function stepIndex(name: string | null): number {
  if (!name) return -1;
  const n = name.toLowerCase().replace(/[^a-z]/g, '');
  return CONFIGURE_STEPS.findIndex((s) => {
    const k = s.key.replace(/_/g, '');
    return n === k || n.includes(k) || s.label.toLowerCase().replace(/[^a-z]/g, '').includes(n);
  });
}

/** States of every step: while running, after success (from the returned steps if any) or after a failure. */
export function stepStates(phase: 'running' | 'done' | 'failed', error?: unknown, result?: DomainConfigureResult | null): StepState[] {
  if (phase === 'running') return CONFIGURE_STEPS.map((_, i) => (i === 0 ? 'running' : 'pending'));
  if (phase === 'done') {
    const reported: DomainStep[] = Array.isArray(result?.steps) ? result!.steps! : [];
    return CONFIGURE_STEPS.map((s) => {
      const r = reported.find((x) => stepIndex(x.name) === CONFIGURE_STEPS.indexOf(s));
      return r?.status === 'failed' ? 'failed' : 'done';
    });
  }
  const at = stepIndex(failedStep(error));
  if (at < 0) return CONFIGURE_STEPS.map(() => 'pending');
  return CONFIGURE_STEPS.map((_, i) => (i < at ? 'done' : i === at ? 'failed' : 'pending'));
}

/** What removing Xanthus from a domain will undo, as sentences. */
export function restoreList(d: DomainDetail | null): string[] {
  if (!d) return [];
  if (Array.isArray(d.will_restore) && d.will_restore.length) return d.will_restore.map(String);
  const out: string[] = [];
  if (d.certificate_id) out.push('Revoke the origin certificate');
  if (d.page_rule_created) out.push('Delete the www → apex redirect page rule');
  if (d.ssl_mode === 'strict') out.push('Set SSL/TLS back from Full (strict)');
  if (d.always_use_https) out.push('Turn Always Use HTTPS off');
  out.push('Forget the domain’s configuration in your KV namespace');
  return out;
}
