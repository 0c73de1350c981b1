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
  ok: 'bg-ok-50 text-ok-800 border-ok-200',
  missing: 'bg-danger-50 text-danger-800 border-danger-200',
  unknown: 'bg-base-50 text-base-700 border-base-200',
  no_zone: 'bg-brand-50 text-brand-900 border-brand-200'
};

export const TOKEN_PAGE = 'https://dash.cloudflare.com/profile/api-tokens';
