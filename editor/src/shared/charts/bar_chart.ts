// Ranked horizontal bars: one row per item (a page, an element, a dismissal
// reason), one stacked segment per measure (e.g. rage clicks, dead clicks), the
// total at the end of the bar. Long labels are clipped with the full text in a
// <title>.
import { formatCompact } from './format';
import { seriesColour } from './palette';
import { legend } from './axes';
import { chartSvg, clip, niceScale, s } from './svg';

export interface BarRow {
  label: string;
  values: number[];  // one per measure
}

export interface BarChartOptions {
  label: string;
  measures: string[];
  rows: BarRow[];
  valueLabel?(v: number): string;
}

const W = 760;
const ROW = 26;
const LABEL_W = 250;

export function barChart(o: BarChartOptions): SVGSVGElement {
  const top = 28;
  const height = top + o.rows.length * ROW + 24;
  const plotW = W - LABEL_W - 70;
  const max = Math.max(0, ...o.rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const { top: scaleTop } = niceScale(max);
  const valueLabel = o.valueLabel ?? ((v: number) => v.toLocaleString());
  const rows = o.rows.map((row, i) => {
    const y = top + i * ROW;
    let x = LABEL_W;
    const segments = row.values.map((v, k) => {
      const w = (v / scaleTop) * plotW;
      const rect = s('rect', { x, y: y + 4, width: Math.max(0, w), height: ROW - 8, fill: seriesColour(k) },
        s('title', {}, `${row.label} — ${o.measures[k] ?? ''}: ${valueLabel(v)}`));
      x += w;
      return rect;
    });
    const total = row.values.reduce((a, b) => a + b, 0);
    return s('g', {},
      s('text', { x: LABEL_W - 8, y: y + ROW / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, clip(row.label, 36), s('title', {}, row.label)),
      segments,
      s('text', { x: x + 6, y: y + ROW / 2 + 4, class: 'chart-value' }, valueLabel(total)));
  });
  const legendRow = o.measures.length > 1 ? legend(o.measures, LABEL_W, 6, 'box') : [];
  const axis = s('text', { x: LABEL_W + plotW, y: height - 6, 'text-anchor': 'end', class: 'chart-axis' }, `scale 0 – ${formatCompact(scaleTop)}`);
  return chartSvg(W, height, o.label, legendRow, rows, axis);
}
