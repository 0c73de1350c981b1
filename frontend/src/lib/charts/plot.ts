// uPlot behind two calls, loaded only by the pages that draw (import('$lib/charts/plot')): the library is ~20 KB
// gzipped and stays out of the first load. Colours come from the design tokens at draw time.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MetricPoint } from '$lib/types';
import { type ChartSpec, columns, formatValue } from './series';

export interface Chart {
  destroy(): void;
}

function token(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--color-${name}`).trim() || 'currentColor';
}

/** Keeps the chart as wide as its box. */
function fit(plot: uPlot, el: HTMLElement, height: number): Chart {
  const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(el.clientWidth, 100), height }));
  observer.observe(el);
  return {
    destroy() {
      observer.disconnect();
      plot.destroy();
    }
  };
}

/**
 * A full chart with time and value axes and a legend-free cursor (the page writes its own summary), over the whole
 * window {@code [from, to]} (epoch seconds): a server with an hour of data shows it as an hour of a day, not stretched.
 */
export function drawChart(
  el: HTMLElement,
  spec: ChartSpec,
  points: MetricPoint[],
  window: { from: number; to: number },
  height = 160
): Chart {
  const axis = { stroke: token('base-500'), grid: { stroke: token('base-200'), width: 1 }, ticks: { show: false } };
  const plot = new uPlot(
    {
      width: Math.max(el.clientWidth, 100),
      height,
      legend: { show: false },
      cursor: { y: false },
      scales: {
        x: { time: true, range: () => [window.from, window.to] },
        y: { range: spec.unit === 'percent' ? [0, 100] : (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] }
      },
      axes: [axis, { ...axis, size: 70, values: (_u, ticks) => ticks.map((v) => formatValue(v, spec.unit)) }],
      series: [
        {},
        ...spec.lines.map((l) => ({
          label: l.label,
          stroke: token(l.token),
          width: 2,
          spanGaps: false,
          points: { show: false }
        }))
      ]
    },
    columns(points, spec) as uPlot.AlignedData,
    el
  );
  return fit(plot, el, height);
}

/** A small line without axes, for a list row. */
export function drawSparkline(el: HTMLElement, spec: ChartSpec, points: MetricPoint[], height = 28): Chart {
  const plot = new uPlot(
    {
      width: Math.max(el.clientWidth, 60),
      height,
      legend: { show: false },
      cursor: { show: false },
      padding: [2, 0, 2, 0],
      scales: { y: { range: spec.unit === 'percent' ? [0, 100] : undefined } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: token(spec.lines[0].token), width: 1.5, points: { show: points.length < 4, size: 4 } }]
    },
    columns(points, { ...spec, lines: spec.lines.slice(0, 1) }) as uPlot.AlignedData,
    el
  );
  return fit(plot, el, height);
}
