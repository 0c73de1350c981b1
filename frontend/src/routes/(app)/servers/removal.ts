import type { DeletedServer, Server } from '$lib/types';

/** One sentence naming what a server deletion removed, from whatever the API reported. */
export function removalSummary(server: Server, result: DeletedServer | undefined | null): string {
  const parts: string[] = [];
  const removed = Array.isArray(result?.removed) ? result!.removed : [];
  const apps = Array.isArray(result?.applications) ? result!.applications : [];
  const dns = Array.isArray(result?.dns_records) ? result!.dns_records : [];
  if (removed.length) parts.push(removed.join(', '));
  if (apps.length) parts.push(`${apps.length} app${apps.length === 1 ? '' : 's'} (${apps.join(', ')})`);
  if (dns.length) parts.push(`${dns.length} DNS record${dns.length === 1 ? '' : 's'} (${dns.join(', ')})`);
  return parts.length ? `Deleted ${server.name}: removed ${parts.join('; ')}.` : `Deleted ${server.name}.`;
}
