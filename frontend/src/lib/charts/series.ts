// What the metric charts show, from the API's points: pure functions (unit-tested), no uPlot here, so pages can use
// them without loading the chart library.
import type { MetricPoint } from '$lib/types';

export type Unit = 'percent' | 'bytes' | 'bits' | 'load';

export interface ChartSpec {
  id: string;
  title: string;
  unit: Unit;
  /** Each line: its label and the value of a point (null where the server recorded none). */
  lines: { label: string; value: (p: MetricPoint) => number | null | undefined; token: string }[];
}

export const CHARTS: ChartSpec[] = [
  {
    id: 'cpu',
    title: 'CPU',
    unit: 'percent',
    lines: [{ label: 'busy', value: (p) => p.cpu_percent, token: 'brand-600' }]
  },
  {
    id: 'memory',
    title: 'Memory',
    unit: 'bytes',
    lines: [
      { label: 'used', value: (p) => p.memory_used_bytes, token: 'brand-600' },
      { label: 'total', value: (p) => p.memory_total_bytes, token: 'base-400' }
    ]
  },
  {
    id: 'disk',
    title: 'Disk (/)',
    unit: 'bytes',
    lines: [
      { label: 'used', value: (p) => p.disk_used_bytes, token: 'brand-600' },
      { label: 'total', value: (p) => p.disk_total_bytes, token: 'base-400' }
    ]
  },
  {
    id: 'network',
    title: 'Network',
    unit: 'bits',
    lines: [
      { label: 'received', value: (p) => p.net_rx_bps, token: 'brand-600' },
      { label: 'sent', value: (p) => p.net_tx_bps, token: 'ok-500' }
    ]
  },
  {
    id: 'load',
    title: 'Load (1 min)',
    unit: 'load',
    lines: [{ label: 'load', value: (p) => p.load1, token: 'brand-600' }]
  }
];

/** uPlot's column data: the times, then one column per line. */
export function columns(points: MetricPoint[], spec: ChartSpec): (number | null)[][] {
  return [points.map((p) => p.t), ...spec.lines.map((l) => points.map((p) => l.value(p) ?? null))];
}

const BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const BITS = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s'];

/** A value as the charts' axes and summaries show it. */
export function formatValue(v: number | null | undefined, unit: Unit): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (unit === 'percent') return `${v.toFixed(v < 10 ? 1 : 0)} %`;
  if (unit === 'load') return v.toFixed(2);
  const [base, names] = unit === 'bytes' ? [1024, BYTES] : [1000, BITS];
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < names.length - 1) {
    x /= base;
    i++;
  }
  return `${x.toFixed(x < 10 && i > 0 ? 1 : 0)} ${names[i]}`;
}

/** One sentence for screen readers: the latest value of each line and the peak of the first. */
export function summary(points: MetricPoint[], spec: ChartSpec): string {
  const last = points[points.length - 1];
  if (!last) return `${spec.title}: no data`;
  const now = spec.lines.map((l) => `${l.label} ${formatValue(l.value(last), spec.unit)}`).join(', ');
  const values = points.map((p) => spec.lines[0].value(p)).filter((v): v is number => typeof v === 'number');
  const peak = values.length ? Math.max(...values) : null;
  return `${spec.title}: now ${now}; peak ${spec.lines[0].label} ${formatValue(peak, spec.unit)}`;
}
