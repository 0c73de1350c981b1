import type { DeletedServer, Server } from '$lib/types';

/** One sentence naming what a server deletion removed (ServerService.Deleted). */
export function removalSummary(server: Pick<Server, 'name'>, result: DeletedServer): string {
  const parts: string[] = [];
  if (result.server_deleted) parts.push('the Hetzner server');
  else parts.push('nothing at Hetzner (the server was already gone)');
  const apps = result.apps_deleted ?? [];
  const dns = result.dns_records_deleted ?? [];
  const kv = result.kv_keys_deleted ?? [];
  if (apps.length) parts.push(`${apps.length} app${apps.length === 1 ? '' : 's'} (${apps.join(', ')})`);
  if (dns.length) parts.push(`${dns.length} DNS record${dns.length === 1 ? '' : 's'} (${dns.join(', ')})`);
  if (kv.length) parts.push(`${kv.length} KV key${kv.length === 1 ? '' : 's'}`);
  return `Deleted ${server.name}: removed ${parts.join('; ')}.`;
}
