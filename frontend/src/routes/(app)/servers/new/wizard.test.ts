import { describe, expect, it } from 'vitest';
import type { ServerTypeOption } from '$lib/types';
import { arrange, stageStates, unavailableReason } from './wizard';

const t = (
  name: string,
  cores: number,
  memory: number,
  monthly: number,
  architecture = 'x86',
  cpu_type = 'shared'
): ServerTypeOption => ({
  name,
  cores,
  memory_gb: memory,
  disk_gb: 40,
  monthly_total: monthly,
  architecture,
  cpu_type,
  available: true,
  deprecated: false
});
const types = [
  t('cx23', 2, 4, 4.5),
  t('cax11', 2, 4, 3.9, 'arm'),
  t('ccx13', 2, 8, 14, 'x86', 'dedicated'),
  t('cx33', 4, 8, 7.6)
];

describe('arrange', () => {
  it('sorts by price both ways', () => {
    expect(arrange(types, { architecture: '', cpu: '', sort: 'price_asc' }).map((x) => x.name)).toEqual([
      'cax11',
      'cx23',
      'cx33',
      'ccx13'
    ]);
    expect(arrange(types, { architecture: '', cpu: '', sort: 'price_desc' })[0].name).toBe('ccx13');
  });

  it('sorts by CPU and memory with the name as tie-break', () => {
    expect(arrange(types, { architecture: '', cpu: '', sort: 'cpu_desc' }).map((x) => x.name)).toEqual([
      'cx33',
      'cax11',
      'ccx13',
      'cx23'
    ]);
    expect(arrange(types, { architecture: '', cpu: '', sort: 'memory_asc' }).map((x) => x.name)).toEqual([
      'cax11',
      'cx23',
      'ccx13',
      'cx33'
    ]);
  });

  it('filters by architecture and vCPU kind', () => {
    expect(arrange(types, { architecture: 'arm', cpu: '', sort: 'price_asc' }).map((x) => x.name)).toEqual(['cax11']);
    expect(arrange(types, { architecture: 'x86', cpu: 'dedicated', sort: 'price_asc' }).map((x) => x.name)).toEqual([
      'ccx13'
    ]);
  });
});

describe('unavailableReason', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  it('says when a deprecated type stopped or stops being sold', () => {
    expect(
      unavailableReason(
        { ...t('cx22', 2, 4, 4), available: false, deprecated: true, unavailable_after: '2026-01-01T00:00:00Z' },
        now
      )
    ).toBe('Deprecated — Hetzner stopped selling it after 1 Jan 2026');
    expect(
      unavailableReason(
        { ...t('cpx31', 4, 8, 15), available: false, deprecated: true, unavailable_after: '2027-03-31T00:00:00Z' },
        now
      )
    ).toBe('Deprecated — Hetzner sells it until 31 Mar 2027');
  });
  it('tells a sold-out type apart from a deprecated one', () => {
    expect(unavailableReason({ ...t('cpx12', 1, 2, 6), available: false, reason: 'unavailable' }, now)).toBe(
      'Not available in this location right now'
    );
  });
});

describe('stageStates', () => {
  it('marks earlier stages done and the current one current', () => {
    const s = stageStates('WAITING_K3S');
    expect(s.map((x) => x.state)).toEqual(['done', 'done', 'current', 'pending', 'pending', 'pending']);
  });
  it('marks everything done when ready', () => {
    expect(stageStates('READY').every((x) => x.state === 'done')).toBe(true);
  });
  it('starts with nothing known', () => {
    expect(stageStates(undefined).every((x) => x.state === 'pending')).toBe(true);
  });
});
