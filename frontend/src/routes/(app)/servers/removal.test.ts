import { describe, expect, it } from 'vitest';
import { removalSummary } from './removal';

const deleted = (over: object = {}) => ({
  id: 1, server_deleted: true, config_deleted: true, apps_deleted: [], dns_records_deleted: [], kv_keys_deleted: [], ...over
});

describe('removalSummary', () => {
  it('names what the API removed', () => {
    expect(removalSummary({ name: 'web' }, deleted({ apps_deleted: ['code'], dns_records_deleted: ['A code.example.com'], kv_keys_deleted: ['vps:1:config', 'app:code'] })))
      .toBe('Deleted web: removed the Hetzner server; 1 app (code); 1 DNS record (A code.example.com); 2 KV keys.');
  });
  it('says when the server was already gone at Hetzner', () => {
    expect(removalSummary({ name: 'web' }, deleted({ server_deleted: false }))).toBe('Deleted web: removed nothing at Hetzner (the server was already gone).');
  });
});
