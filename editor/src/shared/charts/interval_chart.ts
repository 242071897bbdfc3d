// Estimates with confidence intervals: a dot for the estimate and a whisker
// from low to high, on a shared axis; a zero line when the axis spans zero
// (a difference whose interval crosses it is not significant).
import { chartSvg, s } from './svg';
import { seriesColour } from './palette';

export interface IntervalRow {
  label: string;
  value: number;
  low: number;
  high: number;
}

export interface IntervalChartOptions {
  label: string;
  rows: IntervalRow[];
  min: number;
  max: number;
  format(v: number): string;
}

const W = 760;
const ROW = 34;
const LABEL_W = 190;

export function intervalChart(o: IntervalChartOptions): SVGSVGElement {
  const plotW = W - LABEL_W - 40;
  const height = 16 + o.rows.length * ROW + 26;
  const x = (v: number) => LABEL_W + ((Math.min(o.max, Math.max(o.min, v)) - o.min) / (o.max - o.min || 1)) * plotW;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => o.min + f * (o.max - o.min));
  const axis = ticks.map((t) => s('g', {},
    s('line', { x1: x(t), x2: x(t), y1: 10, y2: height - 22, class: t === 0 && o.min < 0 ? 'chart-zero' : 'chart-grid' }),
    s('text', { x: x(t), y: height - 6, 'text-anchor': 'middle', class: 'chart-axis' }, o.format(t))));
  const rows = o.rows.map((r, i) => {
    const y = 16 + i * ROW + ROW / 2;
    const colour = seriesColour(i);
    return s('g', {},
      s('text', { x: LABEL_W - 10, y: y + 4, 'text-anchor': 'end', class: 'chart-label' }, r.label),
      s('line', { x1: x(r.low), x2: x(r.high), y1: y, y2: y, stroke: colour, 'stroke-width': 3 }),
      s('line', { x1: x(r.low), x2: x(r.low), y1: y - 7, y2: y + 7, stroke: colour, 'stroke-width': 2 }),
      s('line', { x1: x(r.high), x2: x(r.high), y1: y - 7, y2: y + 7, stroke: colour, 'stroke-width': 2 }),
      s('circle', { cx: x(r.value), cy: y, r: 6, fill: colour },
        s('title', {}, `${r.label}: ${o.format(r.value)} (95% interval ${o.format(r.low)} to ${o.format(r.high)})`)));
  });
  return chartSvg(W, height, o.label, axis, rows);
}
