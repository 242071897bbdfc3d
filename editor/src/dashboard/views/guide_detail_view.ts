// One guide: the step funnel (saw step 1, 2, … completed), each step's
// completion, dismissals and time on step, dismiss reasons, impact against
// the holdout group with its confidence interval, and the trend over time.
// Three queries: the guide report, the report with a goal (when one is set),
// and a trend.
import { h } from '../../shared/dom';
import { barChart } from '../../shared/charts/bar_chart';
import { ChartCard } from '../../shared/charts/chart_card';
import { formatDuration, formatPercent, formatPointChange } from '../../shared/charts/format';
import { funnelChart } from '../../shared/charts/funnel_chart';
import type { Column } from '../../shared/charts/data_table';
import { intervalChart } from '../../shared/charts/interval_chart';
import { lineChart } from '../../shared/charts/line_chart';
import type { EventCondition, GuideStats, GuideSummary, PropertyFilter } from '../analytics_model';
import { catalogDatalists, conditionEditor } from '../condition_editor';
import { describeCondition } from '../condition_model';
import { exportedBucketStart, formatDay, inRange, rangeOrDefault, tooManyDays, trendBuckets, type DateRange } from '../date_range';
import { GAVE_UP_MEANS, guideProblems, HOLDOUT_EXPLAINED } from '../guide_health';
import { badge, viewHeader } from './widgets';
import { rangeQuery, type ViewContext } from './view_context';

const DAY_MS = 86400000;
// The collector's longest goal window (docs/analytics.md): checked here to say
// it in the form's words; a value out of range is refused, never clamped, so
// the report always measures the days the link or the field says.
const MAX_GOAL_DAYS = 366;

function goalDaysProblem(text: string): string | null {
  const days = Number(text);
  if (text.trim() === '' || !Number.isInteger(days)) return 'Within: must be a whole number of days.';
  if (days < 1) return 'Within: must be at least 1 day.';
  if (days > MAX_GOAL_DAYS) return `Within: must be at most ${MAX_GOAL_DAYS} days.`;
  return null;
}

export async function guideDetailView(ctx: ViewContext): Promise<void> {
  const guideId = ctx.params.guideId ?? '';
  const range = rangeOrDefault(ctx.query);
  const [names, catalog] = await Promise.all([ctx.analytics.guideSummaries().catch(() => [] as GuideSummary[]), ctx.analytics.catalog().catch(() => null)]);
  const guideName = names.find((g) => g.id === guideId)?.name ?? guideId;
  const steps = new ChartCard('Step funnel', `guide-${guideId}-steps`);
  const stepTable = new ChartCard('Steps', `guide-${guideId}-step-details`);
  const reasons = new ChartCard('Dismiss reasons', `guide-${guideId}-dismiss-reasons`);
  const impact = new ChartCard('Impact vs holdout', `guide-${guideId}-impact`);
  const trend = new ChartCard('Over time', `guide-${guideId}-trend`);
  [steps, stepTable, reasons, trend].forEach((c) => c.loading());
  const problems = h('div', { class: 'problems' });

  const goalParam = ctx.query.get('goal');
  let goal: EventCondition | null = null;
  try { goal = goalParam ? JSON.parse(goalParam) as EventCondition : null; } catch { goal = null; }
  const goalDaysText = ctx.query.get('goal_days') ?? '7';
  const goalWindowDays = Number(goalDaysText);
  const goalEditor = conditionEditor(goal, names, 'Goal');
  const goalDays = h('input', { id: 'goal-days', type: 'number', min: 1, max: MAX_GOAL_DAYS, step: 1, value: goalDaysText, class: 'narrow',
    'aria-describedby': 'goal-error' });
  const goalRun = h('button', { type: 'button', class: 'primary', id: 'measure-impact' }, 'Measure impact');
  const goalError = h('p', { class: 'form-error', role: 'alert', id: 'goal-error' });
  // A link with a goal window out of range shows the problem and measures nothing.
  const daysProblem = goal ? goalDaysProblem(goalDaysText) : null;
  if (daysProblem) goalError.textContent = daysProblem;
  const measured = daysProblem ? null : goal;
  goalRun.addEventListener('click', () => {
    const c = goalEditor.value();
    if (typeof c === 'string') { goalError.textContent = `Goal: ${c}`; return; }
    const problem = goalDaysProblem(goalDays.value);
    if (problem) { goalError.textContent = problem; goalDays.focus(); return; }
    const q = new URLSearchParams(ctx.query);
    q.set('goal', JSON.stringify(c));
    q.set('goal_days', goalDays.value);
    ctx.go(`guides/${encodeURIComponent(guideId)}`, q, { replace: true });
  });
  const goalForm = h('div', { class: 'goal-form' },
    h('p', { class: 'muted' }, 'Did users who saw the guide reach a goal more often than the holdout group (users the guide was held back from)?'),
    goalEditor.element, h('label', { for: 'goal-days' }, 'Within (days after first seeing the guide)'), goalDays, ' ', goalRun, goalError);

  ctx.outlet.replaceChildren(catalogDatalists(catalog),
    h('p', { class: 'breadcrumb' }, h('a', { href: ctx.href('guides', rangeQuery(ctx.query)) }, '‹ All guides')),
    viewHeader(ctx, `guides/${encodeURIComponent(guideId)}`, guideName), problems,
    steps.element, stepTable.element, reasons.element,
    h('section', { class: 'card' }, h('h2', {}, 'Impact'), goalForm, impact.element), trend.element);
  if (measured) impact.loading();
  else impact.empty(goal ? 'Correct the days above to measure impact.' : 'Pick a goal to compare users who saw the guide with the holdout group.');

  void renderTrend(ctx, trend, guideId, range);
  try {
    const report = await ctx.analytics.guides({ guide_id: guideId, from_ms: range.from_ms, to_ms: range.to_ms,
      ...(measured ? { goal: measured, goal_window_ms: goalWindowDays * DAY_MS } : {}) });
    const g = report.guides.find((x) => x.guide_id === guideId);
    if (!g) {
      [steps, stepTable, reasons].forEach((c) => c.empty(`Nobody saw this guide ${inRange(range)}.`));
      if (measured) impact.empty('Nobody saw this guide in this period.');
      return;
    }
    problems.replaceChildren(...guideProblems(g).map((p) => badge(p.text, p.kind === 'target_missing' ? 'danger' : 'warning')));
    renderSteps(steps, stepTable, g);
    renderReasons(reasons, g);
    if (measured) renderImpact(impact, g, describeCondition(measured));
  } catch (e) {
    [steps, stepTable, reasons].forEach((c) => c.error(e));
    if (measured) impact.error(e);
  }
}

function renderSteps(chart: ChartCard, table: ChartCard, g: GuideStats): void {
  const labels = [...g.completion_funnel.slice(0, -1).map((_, i) => `Saw step ${i + 1}`), 'Completed'];
  const funnel = g.completion_funnel.map((entered) => ({ entered }));
  const held = g.holdout_users > 0
    ? h('span', { id: 'guide-holdout' }, ` Held out: ${g.holdout_users.toLocaleString()} user${g.holdout_users === 1 ? '' : 's'} ${HOLDOUT_EXPLAINED}.`)
    : null;
  chart.show({
    summary: h('span', {}, `${g.seen_users.toLocaleString()} users saw it, ${g.completed_users.toLocaleString()} completed it (${formatPercent(g.seen_users ? g.completed_users / g.seen_users : 0)}).`, held),
    chart: funnelChart({ label: `Guide step funnel: ${g.completion_funnel.join(', ')} users`, stepLabels: labels, series: [{ name: 'Users', steps: funnel }] }),
    table: { caption: 'Users at each step of the guide', rows: labels.map((label, i) => ({ label, users: g.completion_funnel[i] ?? 0 })), columns: [
      { label: 'Step', value: (r) => r.label },
      { label: 'Users', value: (r) => r.users, numeric: true },
      { label: 'Of first step', value: (r) => (g.completion_funnel[0] ? r.users / g.completion_funnel[0] : 0),
        render: (r) => formatPercent(g.completion_funnel[0] ? r.users / g.completion_funnel[0] : 0), numeric: true }] },
  });
  table.show({ summary: GAVE_UP_MEANS, table: { caption: 'Per step: completion, dismissals, giving up, missing targets and time on step', rows: g.steps, columns: [
    { label: 'Step', value: (s) => s.step_index + 1 },
    { label: 'Step id', value: (s) => s.step_id, render: (s) => h('code', {}, s.step_id || '–') },
    { label: 'Saw', value: (s) => s.seen_users, numeric: true },
    { label: 'Completed', value: (s) => s.completed_users, numeric: true },
    { label: 'Dismissed', value: (s) => s.dismissed_users, numeric: true },
    { label: 'Gave up', value: (s) => s.gave_up_users, numeric: true },
    { label: 'Target missing (users)', value: (s) => s.target_missing_users, numeric: true },
    { label: 'Median time on step', csvLabel: 'Median time on step (ms)', value: (s) => s.median_ms_on_step, render: (s) => formatDuration(s.median_ms_on_step), numeric: true },
    { label: 'p90 time on step', csvLabel: 'p90 time on step (ms)', value: (s) => s.p90_ms_on_step, render: (s) => formatDuration(s.p90_ms_on_step), numeric: true },
    { label: 'Median time before dismissing', csvLabel: 'Median time before dismissing (ms)', value: (s) => s.median_ms_before_dismiss, render: (s) => formatDuration(s.median_ms_before_dismiss), numeric: true }] } });
}

const REASON_LABELS: Record<string, string> = {
  close_button: 'Close button', escape_key: 'Escape key', outside_click: 'Clicked outside', skip_button: 'Skip button',
  target_missing: 'Target missing', superseded: 'Another guide took over', api: 'Closed by the app', unknown: 'Unknown',
};

function renderReasons(card: ChartCard, g: GuideStats): void {
  const rows = Object.entries(g.dismissed_users_by_reason).map(([reason, users]) => ({ reason, users })).sort((a, b) => b.users - a.users);
  if (!rows.length) { card.empty('Nobody dismissed this guide.'); return; }
  card.show({
    chart: barChart({ label: 'Users who dismissed the guide, by reason', measures: ['Users'], rows: rows.map((r) => ({ label: REASON_LABELS[r.reason] ?? r.reason, values: [r.users] })) }),
    table: { caption: 'Dismissals by reason', rows, columns: [
      { label: 'Reason', value: (r) => r.reason, render: (r) => REASON_LABELS[r.reason] ?? r.reason },
      { label: 'Users', value: (r) => r.users, numeric: true }] },
  });
}

function renderImpact(card: ChartCard, g: GuideStats, goalText: string): void {
  const i = g.impact;
  if (!i) { card.empty('The collector returned no impact for this goal.'); return; }
  if (!i.comparable) {
    card.empty(`Not comparable yet: ${i.exposed.users.toLocaleString()} exposed and ${i.holdout.users.toLocaleString()} holdout users.`,
      'Impact needs users in both groups: give the guide a holdout share in its rollout settings.');
    return;
  }
  const significant = i.low > 0 || i.high < 0;
  const verdict = significant
    ? `${i.difference > 0 ? 'Helps' : 'Hurts'}: ${formatPointChange(i.difference)} (95% interval ${formatPointChange(i.low)} to ${formatPointChange(i.high)}).`
    : `No clear effect: ${formatPointChange(i.difference)}, and the 95% interval (${formatPointChange(i.low)} to ${formatPointChange(i.high)}) includes zero.`;
  const rows = [
    { group: 'Saw the guide', p: i.exposed },
    { group: 'Holdout', p: i.holdout },
  ];
  const span = Math.max(0.05, Math.abs(i.low), Math.abs(i.high));
  const diffChart = intervalChart({ label: 'Difference in goal conversion with its 95% interval', min: -span, max: span, format: formatPointChange,
    rows: [{ label: 'Difference', value: i.difference, low: i.low, high: i.high }] });
  const rateChart = intervalChart({ label: 'Goal conversion per group with 95% Wilson intervals', min: 0, max: 1, format: (v) => formatPercent(v, 0),
    rows: rows.map((r) => ({ label: r.group, value: r.p.rate, low: r.p.low, high: r.p.high })) });
  card.show({
    summary: h('span', { id: 'impact-verdict' }, h('strong', {}, verdict), ` Goal: ${goalText}.`),
    chart: h('div', {}, rateChart, diffChart),
    table: { caption: 'Goal conversion: exposed vs holdout', rows: [...rows.map((r) => ({ group: r.group, users: r.p.users, converted: r.p.converted, rate: r.p.rate, low: r.p.low, high: r.p.high })),
      { group: 'Difference (exposed − holdout)', users: null, converted: null, rate: i.difference, low: i.low, high: i.high }], columns: [
      { label: 'Group', value: (r) => r.group },
      { label: 'Users', value: (r) => r.users, numeric: true },
      { label: 'Reached goal', value: (r) => r.converted, numeric: true },
      { label: 'Rate', value: (r) => r.rate, render: (r) => formatPercent(r.rate), numeric: true },
      { label: '95% low', value: (r) => r.low, render: (r) => formatPercent(r.low), numeric: true },
      { label: '95% high', value: (r) => r.high, render: (r) => formatPercent(r.high), numeric: true }] },
  });
}

async function renderTrend(ctx: ViewContext, card: ChartCard, guideId: string, range: DateRange): Promise<void> {
  const byGuide = (event: string, ...more: PropertyFilter[]): EventCondition => ({ event, filters: [{ property: 'guide_id', op: 'eq', value: guideId }, ...more] });
  // "Saw" as the guide report counts it: a holdout exposure shows nothing (docs/analytics.md).
  const shown = byGuide('cairn_guide_seen', { property: 'variant', op: 'neq', value: 'holdout' });
  const names = ['Saw', 'Completed', 'Dismissed'];
  const tooLong = tooManyDays(range);
  if (tooLong) { card.empty(tooLong, 'Pick a shorter range to see the guide over time.'); return; }
  try {
    const report = await ctx.analytics.trends({ series: [shown, byGuide('cairn_guide_completed'), byGuide('cairn_guide_dismissed')],
      interval: 'day', from_ms: range.from_ms, to_ms: range.to_ms, ...trendBuckets(range, 'day') });
    const first = report.series[0];
    if (!first || report.series.every((s) => s.events === 0)) { card.empty('No guide events in this period.'); return; }
    const xs = first.buckets.map((b) => b.start_ms);
    card.show({
      chart: lineChart({ label: 'Users per day who saw, completed and dismissed the guide', xs, xLabel: formatDay,
        series: report.series.map((s, k) => ({ name: names[k] ?? s.event, values: s.buckets.map((b) => b.users) })) }),
      table: { caption: 'Users per day', rows: xs.map((x, i) => ({ x, values: report.series.map((s) => s.buckets[i]?.users ?? 0) })), columns: [
        { label: 'Day', value: (r) => exportedBucketStart(r.x, 'day'), render: (r) => formatDay(r.x) },
        ...names.map((n, k): Column<{ x: number; values: number[] }> => ({ label: `${n} (users)`, value: (r) => r.values[k] ?? 0, numeric: true }))] },
    });
  } catch (e) {
    card.error(e);
  }
}
