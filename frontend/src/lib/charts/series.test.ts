import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '$lib/types';
import { CHARTS, columns, formatValue, summary } from './series';

const points: MetricPoint[] = [
  { t: 60, cpu_percent: 12.5, memory_used_bytes: 1024 ** 3, memory_total_bytes: 4 * 1024 ** 3, net_rx_bps: 1500 },
  { t: 120, cpu_percent: 40, memory_used_bytes: 2 * 1024 ** 3, memory_total_bytes: 4 * 1024 ** 3 }
];

describe('metric charts', () => {
  it('turns points into uPlot columns, with null where a value is missing', () => {
    const network = CHARTS.find((c) => c.id === 'network')!;
    expect(columns(points, network)).toEqual([
      [60, 120],
      [1500, null],
      [null, null]
    ]);
  });

  it('formats each unit as people read it', () => {
    expect(formatValue(2 * 1024 ** 3, 'bytes')).toBe('2.0 GiB');
    expect(formatValue(1500, 'bits')).toBe('1.5 kbit/s');
    expect(formatValue(5.25, 'percent')).toBe('5.3 %');
    expect(formatValue(0.5, 'load')).toBe('0.50');
    expect(formatValue(null, 'bytes')).toBe('–');
  });

  it('summarises a chart in one sentence for screen readers', () => {
    const memory = CHARTS.find((c) => c.id === 'memory')!;
    expect(summary(points, memory)).toBe('Memory: now used 2.0 GiB, total 4.0 GiB; peak used 2.0 GiB');
    expect(summary([], memory)).toBe('Memory: no data');
  });
});
