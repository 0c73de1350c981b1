import { describe, expect, it } from 'vitest';
import type { ServerTypeOption } from '$lib/types';
import { arrange, stageStates } from './wizard';

const t = (name: string, cores: number, memory: number, monthly: number, architecture = 'x86', cpu_type = 'shared'): ServerTypeOption =>
  ({ name, cores, memory_gb: memory, disk_gb: 40, monthly_total: monthly, architecture, cpu_type });
const types = [t('cx22', 2, 4, 4.5), t('cax11', 2, 4, 3.9, 'arm'), t('ccx13', 2, 8, 14, 'x86', 'dedicated'), t('cx32', 4, 8, 7.6)];

describe('arrange', () => {
  it('sorts by price both ways', () => {
    expect(arrange(types, { architecture: '', cpu: '', sort: 'price_asc' }).map((x) => x.name)).toEqual(['cax11', 'cx22', 'cx32', 'ccx13']);
    expect(arrange(types, { architecture: '', cpu: '', sort: 'price_desc' })[0].name).toBe('ccx13');
  });

  it('sorts by CPU and memory with the name as tie-break', () => {
    expect(arrange(types, { architecture: '', cpu: '', sort: 'cpu_desc' }).map((x) => x.name)).toEqual(['cx32', 'cax11', 'ccx13', 'cx22']);
    expect(arrange(types, { architecture: '', cpu: '', sort: 'memory_asc' }).map((x) => x.name)).toEqual(['cax11', 'cx22', 'ccx13', 'cx32']);
  });

  it('filters by architecture and vCPU kind', () => {
    expect(arrange(types, { architecture: 'arm', cpu: '', sort: 'price_asc' }).map((x) => x.name)).toEqual(['cax11']);
    expect(arrange(types, { architecture: 'x86', cpu: 'dedicated', sort: 'price_asc' }).map((x) => x.name)).toEqual(['ccx13']);
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
