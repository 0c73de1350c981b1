import type { DeletedServer, PowerAction, Provider, Server } from '$lib/types';

export const PROVIDER_LABELS: Record<Provider, string> = { hetzner: 'Hetzner', oci: 'Oracle Cloud' };

/** Servers without a provider field predate Oracle Cloud support: they are Hetzner's. */
export function providerOf(server: Pick<Server, 'provider'>): Provider {
  return server.provider === 'oci' ? 'oci' : 'hetzner';
}

/** What deleting a server removes at its provider, as the confirmation lists it. */
export function machineGoing(server: Pick<Server, 'provider'>): string {
  return providerOf(server) === 'oci'
    ? 'the Oracle Cloud instance, its boot volume and the network Xanthus made for it'
    : 'the Hetzner server and its disk (billing stops)';
}

/**
 * One sentence naming what a server deletion removed (ServerService.Deleted). The answer lists apps by id
 * ("app-dfaf76bca9d1"): `appNames` (id → name, read before deleting) names them as the user knows them.
 */
export function removalSummary(
  server: Pick<Server, 'name' | 'provider'>,
  result: DeletedServer,
  appNames: Record<string, string> = {}
): string {
  const oci = providerOf(server) === 'oci';
  const parts: string[] = [];
  if (result.server_deleted) parts.push(oci ? 'the Oracle Cloud instance' : 'the Hetzner server');
  else
    parts.push(
      oci
        ? 'nothing at Oracle Cloud (the instance was already gone)'
        : 'nothing at Hetzner (the server was already gone)'
    );
  const network = result.network_deleted ?? [];
  const apps = (result.apps_deleted ?? []).map((a) => appNames[a] ?? a);
  const dns = result.dns_records_deleted ?? [];
  const kv = result.kv_keys_deleted ?? [];
  if (network.length) parts.push(`its network (${network.join(', ')})`);
  if (apps.length) parts.push(`${apps.length} app${apps.length === 1 ? '' : 's'} (${apps.join(', ')})`);
  if (dns.length) parts.push(`${dns.length} DNS record${dns.length === 1 ? '' : 's'} (${dns.join(', ')})`);
  if (kv.length) parts.push('its configuration in your Cloudflare KV');
  return `Deleted ${server.name}: removed ${parts.join('; ')}.`;
}

/** Power states on the way to another (Hetzner's words; OCI's STARTING/STOPPING/PROVISIONING are mapped onto them). */
const MOVING = new Set(['initializing', 'starting', 'stopping', 'rebooting', 'migrating']);

/** Whether a power state is one a server stays in (the list is worth reading again only then). */
export function settled(status: string | undefined): boolean {
  return !MOVING.has(status ?? '');
}

/** What each power action that interrupts the server does, as its confirmation says it (Power on needs none). */
export const POWER_CONFIRM: Record<Exclude<PowerAction, 'on'>, { verb: string; effect: string }> = {
  reboot: {
    verb: 'Reboot',
    effect: 'The server restarts; its apps and open terminals are unreachable for a minute or two.'
  },
  shutdown: {
    verb: 'Shut down',
    effect:
      'The operating system shuts down cleanly and its apps stop until you power it on again. A stopped server is still billed.'
  },
  off: {
    verb: 'Power off',
    effect:
      'Like pulling the plug: the server stops at once, so unsaved data may be lost. Its apps stop until you power it on again.'
  }
};
