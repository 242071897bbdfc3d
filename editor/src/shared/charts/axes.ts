// The pieces the cartesian charts share: a value axis from 0 with "nice"
// gridlines, and a legend row of colour swatches.
import { formatCompact } from './format';
import { seriesColour, seriesDash } from './palette';
import { clip, niceScale, s } from './svg';

export interface Frame {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
}

export interface ValueAxis {
  plotW: number;
  plotH: number;
  y(v: number): number;       // the SVG y of value v
  grid: SVGElement[];         // gridlines with their labels
}

export function valueAxis(f: Frame, max: number): ValueAxis {
  const plotW = f.width - f.margin.left - f.margin.right;
  const plotH = f.height - f.margin.top - f.margin.bottom;
  const { top, step } = niceScale(max);
  const y = (v: number) => f.margin.top + plotH - (v / top) * plotH;
  const grid: SVGElement[] = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    grid.push(s('line', { x1: f.margin.left, x2: f.width - f.margin.right, y1: y(v), y2: y(v), class: 'chart-grid' }),
      s('text', { x: f.margin.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-axis' }, formatCompact(v)));
  }
  return { plotW, plotH, y, grid };
}

// One swatch per name from x = `left`: a line (`line` kind) or a square.
export function legend(names: string[], left: number, top: number, kind: 'line' | 'box'): SVGElement[] {
  let x = left;
  return names.map((name, k) => {
    const text = clip(name, 30);
    const swatch = kind === 'line'
      ? s('line', { x1: 0, x2: 18, y1: 6, y2: 6, stroke: seriesColour(k), 'stroke-width': 3, 'stroke-dasharray': seriesDash(k) })
      : s('rect', { width: 12, height: 12, fill: seriesColour(k) });
    const g = s('g', { transform: `translate(${x},${top})` }, swatch, s('text', { x: kind === 'line' ? 22 : 16, y: 10, class: 'chart-legend' }, text));
    x += 34 + text.length * 7;
    return g;
  });
}
