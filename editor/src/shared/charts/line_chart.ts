// Time series as lines: one line per series over shared x values (bucket
// starts), a y axis from 0 with "nice" ticks, a legend, and a <title> on each
// point so hovering reads the exact value.
import { seriesColour, seriesDash } from './palette';
import { legend, valueAxis } from './axes';
import { chartSvg, s } from './svg';

export interface LineSeries {
  name: string;
  values: number[];  // one per x
}

export interface LineChartOptions {
  label: string;                 // what the chart shows, for assistive technology
  xs: number[];                  // bucket starts (ms)
  xLabel(x: number): string;     // axis label for one bucket
  series: LineSeries[];
  valueLabel?(v: number): string;
}

const W = 760;
const H = 260;
const M = { left: 52, right: 16, top: 34, bottom: 30 };

export function lineChart(o: LineChartOptions): SVGSVGElement {
  const max = Math.max(0, ...o.series.flatMap((x) => x.values));
  const { plotW, y, grid } = valueAxis({ width: W, height: H, margin: M }, max);
  const n = o.xs.length;
  const x = (i: number) => M.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const valueLabel = o.valueLabel ?? ((v: number) => v.toLocaleString());

  const every = Math.max(1, Math.ceil(n / 8));
  const xTicks = o.xs.map((value, i) => i % every === 0
    ? s('text', { x: x(i), y: H - 10, 'text-anchor': n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle', class: 'chart-axis' }, o.xLabel(value)) : null);

  const lines = o.series.map((series, k) => {
    const colour = seriesColour(k);
    const path = series.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
    const dots = n <= 62 ? series.values.map((v, i) => s('circle', { cx: x(i), cy: y(v), r: 3, fill: colour },
      s('title', {}, `${series.name}, ${o.xLabel(o.xs[i]!)}: ${valueLabel(v)}`))) : [];
    return s('g', { class: 'chart-series' },
      s('path', { d: path, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': seriesDash(k) }), dots);
  });

  const legendRow = legend(o.series.map((x) => x.name), M.left, 12, 'line');

  return chartSvg(W, H, o.label, grid, xTicks, lines, legendRow);
}
