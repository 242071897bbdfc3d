// Small pieces several views share: a metric tile with its change against a
// previous period, page headers with the range picker, problem badges.
import { h } from '../../shared/dom';
import { formatNumber, formatPercent, formatPointChange } from '../../shared/charts/format';
import { rangePicker, withRange } from '../date_range';
import type { ViewContext } from './view_context';

// A headline number; `previous` adds "▲ 12% vs previous period".
export function metricTile(label: string, value: number | null, previous?: number | null, { percent = false, testId = '' } = {}): HTMLElement {
  const text = value === null ? '–' : percent ? formatPercent(value) : formatNumber(value);
  let change: HTMLElement | null = null;
  if (value !== null && previous !== undefined && previous !== null) {
    const delta = percent ? value - previous : previous === 0 ? (value === 0 ? 0 : null) : (value - previous) / previous;
    const direction = delta === null ? 'new' : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
    const words = delta === null ? 'new this period'
      : percent ? `${formatPointChange(delta)} vs previous period`
        : `${delta > 0 ? '▲' : delta < 0 ? '▼' : '='} ${formatPercent(Math.abs(delta))} vs previous period`;
    change = h('div', { class: `metric-change change-${direction}` }, words);
  }
  return h('div', { class: 'card metric', 'data-metric': testId || null },
    h('div', { class: 'metric-label' }, label), h('div', { class: 'metric-value' }, text), change);
}

// The view title with the date range picker that rewrites the URL.
// `defaultDays`: the range the view uses when the URL has none.
export function viewHeader(ctx: ViewContext, path: string, title: string, extra: Node[] = [], defaultDays?: number): HTMLElement {
  const picker = rangePicker(ctx.query, (params) => ctx.go(path, withRange(ctx.query, params), { replace: true }), { defaultDays });
  return h('div', { class: 'view-header' }, h('h1', {}, title), h('div', { class: 'view-tools' }, picker, ...extra));
}

export function badge(text: string, kind: 'warning' | 'danger' | 'info' = 'warning'): HTMLElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

export function grid(...children: Node[]): HTMLElement {
  return h('div', { class: 'grid' }, ...children);
}
