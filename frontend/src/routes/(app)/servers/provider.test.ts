import { describe, expect, it } from 'vitest';
import { machineGoing, providerOf, removalSummary, settled } from './provider';

const deleted = (over: object = {}) => ({
  id: 1,
  server_deleted: true,
  config_deleted: true,
  apps_deleted: [],
  dns_records_deleted: [],
  kv_keys_deleted: [],
  ...over
});

describe('removalSummary', () => {
  it('names what the API removed', () => {
    expect(
      removalSummary(
        { name: 'web' },
        deleted({
          apps_deleted: ['code'],
          dns_records_deleted: ['A code.example.com'],
          kv_keys_deleted: ['vps:1:config', 'app:code']
        })
      )
    ).toBe(
      'Deleted web: removed the Hetzner server; 1 app (code); 1 DNS record (A code.example.com); its configuration in your Cloudflare KV.'
    );
  });
  it('names the apps by name, not by id, and the KV entries in words', () => {
    expect(
      removalSummary(
        { name: 'web' },
        deleted({ apps_deleted: ['app-dfaf76bca9d1', 'app-0'], kv_keys_deleted: ['vps:1:config', 'app:x', 'a', 'b'] }),
        { 'app-dfaf76bca9d1': 'ide' }
      )
    ).toBe('Deleted web: removed the Hetzner server; 2 apps (ide, app-0); its configuration in your Cloudflare KV.');
  });
  it('says when the server was already gone at Hetzner', () => {
    expect(removalSummary({ name: 'web' }, deleted({ server_deleted: false }))).toBe(
      'Deleted web: removed nothing at Hetzner (the server was already gone).'
    );
  });
});

describe('OCI removals', () => {
  it('names the instance and the network Xanthus made', () => {
    expect(
      removalSummary(
        { name: 'arm', provider: 'oci' },
        deleted({ network_deleted: ['vcn xanthus', 'subnet xanthus'], kv_keys_deleted: ['vps:7:config'] })
      )
    ).toBe(
      'Deleted arm: removed the Oracle Cloud instance; its network (vcn xanthus, subnet xanthus); its configuration in your Cloudflare KV.'
    );
  });
  it('leaves the network out when nothing was removed there', () => {
    expect(
      removalSummary({ name: 'arm', provider: 'oci' }, deleted({ server_deleted: false, network_deleted: [] }))
    ).toBe('Deleted arm: removed nothing at Oracle Cloud (the instance was already gone).');
  });
});

describe('providerOf', () => {
  it('reads servers without a provider as Hetzner', () => {
    expect(providerOf({})).toBe('hetzner');
    expect(providerOf({ provider: 'oci' })).toBe('oci');
    expect(machineGoing({ provider: 'oci' })).toMatch(/Oracle Cloud instance/);
    expect(machineGoing({})).toMatch(/^the Hetzner server and its disk/);
  });
});

describe('settled', () => {
  it('tells lasting power states from passing ones', () => {
    expect(['running', 'off', 'missing'].every(settled)).toBe(true);
    expect(['starting', 'stopping', 'initializing'].some(settled)).toBe(false);
  });
});
