// A funnel as grouped vertical bars: one group per step, one bar per series
// (the whole population, breakdown values, or two date ranges). Above each
// bar a hatched ghost shows the users lost since the previous step; clicking
// it (or the matching button under the chart) asks who they were.
import { formatCompact, formatPercent } from './format';
import { DROP_OFF_PATTERN_ID, seriesColour } from './palette';
import { legend, valueAxis } from './axes';
import { chartSvg, clip, s } from './svg';

export interface FunnelBarStep {
  entered: number;
}

export interface FunnelChartSeries {
  name: string;
  steps: FunnelBarStep[];
}

export interface FunnelChartOptions {
  label: string;
  stepLabels: string[];
  series: FunnelChartSeries[];
  // Called with the step (1-based) whose users dropped before the next one.
  onDropOff?(step: number, seriesIndex: number): void;
  // Name the series even when there is one: a breakdown with a single value
  // (everybody's plan was "trial") must say which value the bars are.
  alwaysLegend?: boolean;
}

const W = 760;
const H = 300;
const M = { left: 52, right: 12, top: 40, bottom: 44 };

export function funnelChart(o: FunnelChartOptions): SVGSVGElement {
  const max = Math.max(0, ...o.series.flatMap((x) => x.steps.map((st) => st.entered)));
  const { plotW, plotH, y, grid } = valueAxis({ width: W, height: H, margin: M }, max);
  const steps = o.stepLabels.length;
  const groupW = plotW / Math.max(1, steps);
  const barW = Math.min(90, (groupW * 0.72) / Math.max(1, o.series.length));

  const defs = s('defs', {}, s('pattern', { id: DROP_OFF_PATTERN_ID, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    s('rect', { width: 6, height: 6, fill: '#f1f2f5' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#8a93a3', 'stroke-width': 2 })));

  const groups = o.stepLabels.map((label, k) => {
    const groupX = M.left + k * groupW + (groupW - barW * o.series.length) / 2;
    const bars = o.series.map((series, j) => {
      const entered = series.steps[k]?.entered ?? 0;
      const first = series.steps[0]?.entered ?? 0;
      const previous = k > 0 ? series.steps[k - 1]?.entered ?? 0 : entered;
      const x = groupX + j * barW;
      const colour = seriesColour(j);
      const parts: SVGElement[] = [];
      if (previous > entered) {
        const ghost = s('rect', { x: x + 2, y: y(previous), width: barW - 4, height: y(entered) - y(previous), fill: `url(#${DROP_OFF_PATTERN_ID})`,
          stroke: '#8a93a3', class: o.onDropOff ? 'chart-drop clickable' : 'chart-drop', 'data-step': k, 'data-series': j },
        s('title', {}, `${series.name}: ${(previous - entered).toLocaleString()} dropped between step ${k} and step ${k + 1}`));
        if (o.onDropOff) ghost.addEventListener('click', () => o.onDropOff!(k, j));
        parts.push(ghost);
      }
      parts.push(s('rect', { x: x + 2, y: y(entered), width: barW - 4, height: M.top + plotH - y(entered), fill: colour, class: 'chart-bar' },
        s('title', {}, `${series.name}, step ${k + 1} ${label}: ${entered.toLocaleString()} (${formatPercent(first ? entered / first : 0)} of step 1)`)));
      // The count sits on the bar itself (not on the ghost above it), with its share of step 1.
      const count = o.series.length > 2 ? formatCompact(entered) : entered.toLocaleString();
      parts.push(s('text', { x: x + barW / 2, y: y(entered) - 4, 'text-anchor': 'middle', class: 'chart-value' },
        k > 0 && o.series.length <= 2 && first ? `${count} · ${formatPercent(entered / first, 0)}` : count));
      return s('g', {}, parts);
    });
    return s('g', {}, bars,
      s('text', { x: M.left + k * groupW + groupW / 2, y: H - 24, 'text-anchor': 'middle', class: 'chart-label' },
        `${k + 1}. ${clip(label, Math.max(8, Math.floor(groupW / 7.5)))}`, s('title', {}, label)));
  });

  const legendRow = o.series.length > 1 || (o.alwaysLegend && o.series.length) ? legend(o.series.map((x) => x.name), M.left, 6, 'box') : [];
  return chartSvg(W, H, o.label, defs, grid, groups, legendRow);
}
