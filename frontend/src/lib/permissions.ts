// The token check's answer, worded for people: shared by the sign-in warning and the settings page.
import type { PermissionStatus, TokenPermission } from './types';

/** The permissions Cloudflare refused a read for: what to add to the token. */
export function missingPermissions(permissions: TokenPermission[] | undefined): TokenPermission[] {
  return (permissions ?? []).filter((p) => p.status === 'missing');
}

export const STATUS_LABELS: Record<PermissionStatus, string> = {
  ok: 'Read access checked',
  missing: 'Missing',
  unknown: 'Could not check',
  no_zone: 'No zone visible'
};

export const STATUS_CLASSES: Record<PermissionStatus, string> = {
  ok: 'bg-emerald-50 text-emerald-800 border-emerald-200',
  missing: 'bg-red-50 text-red-800 border-red-200',
  unknown: 'bg-slate-50 text-slate-700 border-slate-200',
  no_zone: 'bg-amber-50 text-amber-900 border-amber-200'
};

export const TOKEN_PAGE = 'https://dash.cloudflare.com/profile/api-tokens';
