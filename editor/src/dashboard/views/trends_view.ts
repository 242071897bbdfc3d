// Trends: events and distinct users over time for up to 10 event conditions
// (with property filters), per day or hour. The series, interval and measure
// are in the URL. One trends query.
import { h } from '../../shared/dom';
import { ChartCard } from '../../shared/charts/chart_card';
import { lineChart } from '../../shared/charts/line_chart';
import type { Column } from '../../shared/charts/data_table';
import type { EventCondition, GuideSummary, TrendInterval } from '../analytics_model';
import { catalogDatalists, conditionList } from '../condition_editor';
import { describeCondition, PAGE_EVENT } from '../condition_model';
import { dayStarts, exportedBucketStart, formatDay, formatHour, inRange, MAX_TREND_DAYS, rangeOrDefault, trendBuckets } from '../date_range';
import { viewHeader } from './widgets';
import type { ViewContext } from './view_context';

const MAX_SERIES = 10;
// The trends API's limits: hours per query, and days (its day_starts_ms).
const MAX_BUCKETS = { hour: 10000, day: MAX_TREND_DAYS };

function seriesFromQuery(query: URLSearchParams): EventCondition[] {
  try {
    const parsed = JSON.parse(query.get('series') ?? 'null') as unknown;
    if (Array.isArray(parsed) && parsed.length && parsed.every((c) => c && typeof c === 'object' && typeof (c as EventCondition).event === 'string')) {
      return (parsed as EventCondition[]).slice(0, MAX_SERIES);
    }
  } catch {
    // An edited link: fall back to page views.
  }
  return [{ event: PAGE_EVENT }];
}

export async function trendsView(ctx: ViewContext): Promise<void> {
  const range = rangeOrDefault(ctx.query);
  const series = seriesFromQuery(ctx.query);
  const interval: TrendInterval = ctx.query.get('interval') === 'hour' ? 'hour' : 'day';
  const measure = ctx.query.get('measure') === 'events' ? 'events' : 'users';
  const [catalog, guides] = await Promise.all([ctx.analytics.catalog().catch(() => null), ctx.analytics.guideSummaries().catch(() => [] as GuideSummary[])]);
  const guideName = (id: string) => guides.find((g) => g.id === id)?.name ?? id;

  const list = conditionList(series, guides, { label: (i) => `Series ${i + 1}`, min: 1, max: MAX_SERIES, addText: '+ Add series' });
  const intervalSelect = h('select', { id: 'trend-interval' },
    h('option', { value: 'day', selected: interval === 'day' }, 'Per day'), h('option', { value: 'hour', selected: interval === 'hour' }, 'Per hour'));
  const measureSelect = h('select', { id: 'trend-measure' },
    h('option', { value: 'users', selected: measure === 'users' }, 'Distinct users'), h('option', { value: 'events', selected: measure === 'events' }, 'Events'));
  const problems = h('ul', { class: 'form-error', role: 'alert' });
  const apply = h('button', { type: 'button', class: 'primary', id: 'apply-trend' }, 'Show trend');
  apply.addEventListener('click', () => {
    const values = list.editors().map((e) => e.value());
    const errors = values.map((v, i) => (typeof v === 'string' ? `Series ${i + 1}: ${v}` : null)).filter((x): x is string => !!x);
    if (errors.length) { problems.replaceChildren(...errors.map((e) => h('li', {}, e))); return; }
    const q = new URLSearchParams(ctx.query);
    q.set('series', JSON.stringify(values));
    q.set('interval', intervalSelect.value);
    q.set('measure', measureSelect.value);
    ctx.go('trends', q, { replace: true });
  });
  const card = new ChartCard(measure === 'users' ? 'Distinct users over time' : 'Events over time', `trend-${measure}-per-${interval}`);
  card.loading();
  ctx.outlet.replaceChildren(catalogDatalists(catalog), viewHeader(ctx, 'trends', 'Trends'),
    h('div', { class: 'card trend-form' }, list.element,
      h('div', { class: 'form-inline' }, h('label', { for: 'trend-interval', class: 'inline-label' }, 'Interval'), intervalSelect,
        h('label', { for: 'trend-measure', class: 'inline-label' }, 'Measure'), measureSelect, apply)),
    problems, card.element);

  const buckets = interval === 'hour' ? (range.to_ms - range.from_ms) / 3600000 : dayStarts(range).length;
  if (buckets > MAX_BUCKETS[interval]) {
    card.empty(`That is more than ${MAX_BUCKETS[interval].toLocaleString()} ${interval}s.`,
      interval === 'hour' ? 'Pick a shorter range or a coarser interval.' : 'Pick a shorter range.');
    return;
  }
  try {
    const report = await ctx.analytics.trends({ series, interval, from_ms: range.from_ms, to_ms: range.to_ms, ...trendBuckets(range, interval) });
    const names = series.map((c) => describeCondition(c, guideName));
    if (report.series.every((s) => s.events === 0)) {
      card.empty(`No matching events ${inRange(range)}.`, 'Check the series, or pick a longer range.');
      return;
    }
    const xs = report.series[0]!.buckets.map((b) => b.start_ms);
    const xLabel = interval === 'hour' ? formatHour : formatDay;
    const rows = xs.map((x, i) => ({ x, buckets: report.series.map((s) => s.buckets[i]!) }));
    card.show({
      summary: h('span', { class: 'trend-totals' }, report.series.map((s, k) =>
        h('span', { class: 'trend-total' }, `${names[k]}: `, h('strong', {}, s.users.toLocaleString()), ' users, ', h('strong', {}, s.events.toLocaleString()), ' events'))),
      chart: lineChart({ label: `${measure === 'users' ? 'Distinct users' : 'Events'} per ${interval}: ${names.join(', ')}`, xs, xLabel,
        series: report.series.map((s, k) => ({ name: names[k] ?? s.event, values: s.buckets.map((b) => b[measure]) })) }),
      table: { caption: `Events and users per ${interval}`, rows, columns: [
        { label: interval === 'hour' ? 'Hour' : 'Day', value: (r) => exportedBucketStart(r.x, interval), render: (r) => xLabel(r.x) },
        ...names.flatMap((n, k): Array<Column<(typeof rows)[number]>> => [
          { label: `${n}: users`, value: (r) => r.buckets[k]?.users ?? 0, numeric: true },
          { label: `${n}: events`, value: (r) => r.buckets[k]?.events ?? 0, numeric: true }])] },
    });
  } catch (e) {
    card.error(e);
  }
}
