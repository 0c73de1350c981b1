import { describe, expect, it } from 'vitest';
import { infoRows } from './info';

const base = { server_id: 7, ssh_port: 22, hourly_rate: 0, monthly_rate: 0, oci: false };

describe('the server page Info', () => {
  it('labels a Hetzner server for people: prices with currency, no flags', () => {
    const rows = infoRows({
      ...base,
      name: 'web',
      server_type: 'cx32',
      location: 'fsn1',
      public_ipv4: '203.0.113.7',
      ssh_user: 'root',
      hourly_rate: 0.0062,
      monthly_rate: 3.885,
      architecture: 'x86',
      cores: 4,
      memory_gb: 8,
      disk_gb: 80
    });
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.value]));
    expect(byLabel['Provider']).toBe('Hetzner');
    expect(byLabel['Server type']).toBe('cx32');
    expect(byLabel['Price']).toBe('€3.89 a month · €0.0062 an hour');
    expect(byLabel['Memory']).toBe('8 GB');
    expect(byLabel['CPU']).toBe('4 vCPU');
    expect(rows.some((r) => /oci|false|true/i.test(`${r.label} ${r.value}`))).toBe(false);
    expect(rows.some((r) => r.label.includes('_'))).toBe(false);
  });

  it('says an OCI instance without a rate has no charge on record, and names shape and region', () => {
    const rows = infoRows({
      ...base,
      oci: true,
      provider: 'oci',
      server_type: 'VM.Standard.A1.Flex',
      region: 'eu-frankfurt-1',
      ocpu: 4,
      memory: 24,
      architecture: 'arm64',
      provider_instance_id: 'ocid1.instance.oc1..x'
    });
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.value]));
    expect(byLabel['Provider']).toBe('Oracle Cloud');
    expect(byLabel['Shape']).toBe('VM.Standard.A1.Flex');
    expect(byLabel['Region']).toBe('eu-frankfurt-1');
    expect(byLabel['Price']).toBe('No charge on record');
    expect(byLabel['CPU']).toBe('4 OCPU');
    expect(byLabel['Architecture']).toBe('Arm (64-bit)');
  });
});
