import { date, memory, money } from '$lib/format';
import type { VpsConfig } from '$lib/types';
import { PROVIDER_LABELS } from '../provider';

export interface InfoRow {
  label: string;
  value: string;
  mono?: boolean;
}

/**
 * The stored configuration (VpsConfig) as a person reads it: human labels, prices with their currency, sizes with
 * their unit, only what is known. Flags (`oci`) and ids only Xanthus uses are left out: the provider row says it.
 */
export function infoRows(c: VpsConfig): InfoRow[] {
  const oci = c.provider === 'oci' || c.oci;
  const rows: (InfoRow | null)[] = [
    row('Provider', PROVIDER_LABELS[oci ? 'oci' : 'hetzner']),
    row(oci ? 'Shape' : 'Server type', c.server_type),
    row(oci ? 'Region' : 'Location', c.region ?? c.location),
    row('Architecture', c.architecture === 'arm' || c.architecture === 'arm64' ? 'Arm (64-bit)' : c.architecture),
    row('CPU', c.cores ? `${c.cores} vCPU` : c.ocpu ? `${c.ocpu} OCPU` : undefined),
    row('Memory', c.memory_gb ? memory(c.memory_gb) : c.memory ? memory(c.memory) : undefined),
    row('Disk', c.disk_gb ? memory(c.disk_gb) : undefined),
    row('Public IPv4', c.public_ipv4, true),
    row('SSH', c.ssh_user ? `${c.ssh_user}@ port ${c.ssh_port}` : undefined, true),
    row('Host key', c.host_key_fingerprint, true),
    row('Time zone (on record)', c.timezone),
    row('Price', c.monthly_rate || c.hourly_rate ? price(c) : oci ? 'No charge on record' : undefined),
    row('Created', c.created_at ? date(c.created_at) : undefined),
    row(oci ? 'Instance OCID' : 'Server id', oci ? c.provider_instance_id : String(c.server_id), true)
  ];
  return rows.filter((r): r is InfoRow => r !== null);
}

function price(c: VpsConfig): string {
  const parts = [];
  if (c.monthly_rate) parts.push(`${money(c.monthly_rate)} a month`);
  if (c.hourly_rate) parts.push(`${money(c.hourly_rate, 4)} an hour`);
  return parts.join(' · ');
}

function row(label: string, value: string | number | undefined | null, mono = false): InfoRow | null {
  if (value === undefined || value === null || value === '') return null;
  return { label, value: String(value), ...(mono ? { mono } : {}) };
}
