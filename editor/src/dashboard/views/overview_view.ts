// Overview: the Monday-morning page. Active users and page views against the
// previous period, the team's saved funnels with their conversion and its change,
// guides with problems, and the top stuck points — about a dozen queries in
// parallel, whatever the size of the data.
import { h } from '../../shared/dom';
import { ChartCard } from '../../shared/charts/chart_card';
import { formatPercent, formatPointChange } from '../../shared/charts/format';
import { lineChart } from '../../shared/charts/line_chart';
import type { FunnelResult, TrendReport } from '../analytics_model';
import { exportedBucketStart, formatDay, lastDays, previousRange, rangeFromQuery, tooManyDays, trendBuckets, type DateRange } from '../date_range';
import { completionRate, dismissalRate, guideProblems } from '../guide_health';
import { PAGE_EVENT } from '../condition_model';
import { openSavedQuery } from './funnel_view';
import { teamFunnels } from './team_funnels';
import { badge, metricTile, viewHeader } from './widgets';
import { rangeQuery, type ViewContext } from './view_context';

// Saved funnels shown (each costs two queries: this period and the previous one).
const OVERVIEW_FUNNELS = 4;
// Without a range in the URL the overview is about this week against the last.
const OVERVIEW_DAYS = 7;

// The range the overview shows, for its links to other views: those default
// to 30 days, so a link without the overview's 7 opened a funnel or a guide
// on other numbers than the row it was clicked in.
function shownRange(ctx: ViewContext): URLSearchParams {
  return rangeFromQuery(ctx.query) ? rangeQuery(ctx.query) : new URLSearchParams({ days: String(OVERVIEW_DAYS) });
}

function lastConversion(r: FunnelResult): number {
  return r.steps[r.steps.length - 1]?.conversion_from_first ?? 0;
}

export async function overviewView(ctx: ViewContext): Promise<void> {
  const range: DateRange = rangeFromQuery(ctx.query) ?? lastDays(OVERVIEW_DAYS);
  const previous = previousRange(range);
  const tiles = h('div', { class: 'metrics', 'aria-busy': 'true' }, h('div', { class: 'loading' }, 'Loading'));
  const activity = new ChartCard('Active users per day', 'active-users');
  const funnels = new ChartCard('Top funnels', 'top-funnels');
  const guides = new ChartCard('Guides with problems', 'guides-with-problems');
  const stuck = new ChartCard('Top stuck points', 'top-stuck-points');
  [activity, funnels, guides, stuck].forEach((c) => c.loading());
  ctx.outlet.replaceChildren(viewHeader(ctx, '', `Overview · ${range.label}`, [], OVERVIEW_DAYS), tiles, activity.element,
    h('div', { class: 'two-columns' }, funnels.element, guides.element), stuck.element);

  const trend = (r: DateRange) => ctx.analytics.trends({ series: [{ event: PAGE_EVENT }], interval: 'day', from_ms: r.from_ms, to_ms: r.to_ms,
    ...trendBuckets(r, 'day') });
  void renderFunnels(ctx, funnels, range, previous);
  // Active users and page views are counted per day: a range longer than the
  // trends API takes says so, and the cards below still cover all of it.
  const tooLong = tooManyDays(range);
  if (tooLong) {
    void renderGuides(ctx, guides, range);
    void renderStuck(ctx, stuck, range);
    tiles.setAttribute('aria-busy', 'false');
    tiles.replaceChildren(h('p', { class: 'muted', 'data-testid': 'range-too-long' }, `${tooLong} Active users and page views need a shorter range.`));
    activity.empty(tooLong, 'Pick a shorter range to see active users per day; the funnels, guides and stuck points below cover the whole range.');
    return;
  }
  const [current, before, catalog] = await Promise.all([trend(range).catch((e) => e as Error), trend(previous).catch(() => null),
    ctx.analytics.catalog().catch(() => null)]);
  void renderGuides(ctx, guides, range);
  void renderStuck(ctx, stuck, range);

  tiles.setAttribute('aria-busy', 'false');
  if (current instanceof Error) {
    tiles.replaceChildren();
    activity.error(current);
    return;
  }
  const series = current.series[0]!;
  const prior = (before as TrendReport | null)?.series[0];
  tiles.replaceChildren(
    metricTile('Active users', series.users, prior?.users ?? null, { testId: 'active-users' }),
    metricTile('Page views', series.events, prior?.events ?? null, { testId: 'page-views' }),
    catalog ? metricTile('Events stored (all time)', catalog.events, undefined, { testId: 'events-all-time' }) : '');
  if (series.events === 0) {
    activity.empty('No page views in this period.', 'Active users are people who viewed at least one page (the SDK records page views). Check that the SDK snippet is installed, or pick a longer range.');
    return;
  }
  activity.show({
    chart: lineChart({ label: `Active users per day, ${range.label}`, xs: series.buckets.map((b) => b.start_ms), xLabel: formatDay,
      series: [{ name: 'Active users', values: series.buckets.map((b) => b.users) }, { name: 'Page views', values: series.buckets.map((b) => b.events) }] }),
    table: { caption: 'Active users and page views per day', rows: series.buckets, columns: [
      { label: 'Day', value: (b) => exportedBucketStart(b.start_ms, 'day'), render: (b) => formatDay(b.start_ms) },
      { label: 'Active users', value: (b) => b.users, numeric: true },
      { label: 'Page views', value: (b) => b.events, numeric: true }] },
  });
}

// The team's first saved funnels (from the collector), each this period and the previous one.
async function renderFunnels(ctx: ViewContext, card: ChartCard, range: DateRange, previous: DateRange): Promise<void> {
  try {
    const saved = (await teamFunnels(ctx)).slice(0, OVERVIEW_FUNNELS);
    if (!saved.length) {
      card.empty('No saved funnels yet.', 'Build a funnel and save it: the top ones appear here with their change against the previous period.');
      card.element.querySelector('.empty-state')?.append(h('a', { href: ctx.href('funnels', shownRange(ctx)) }, 'Open the funnel builder'));
      return;
    }
    const rows = await Promise.all(saved.map(async (f) => {
      const [now, then] = await Promise.all([
        ctx.analytics.funnel({ ...f.query, from_ms: range.from_ms, to_ms: range.to_ms }),
        ctx.analytics.funnel({ ...f.query, from_ms: previous.from_ms, to_ms: previous.to_ms })]);
      return { funnel: f, entered: now.steps[0]?.entered ?? 0, conversion: lastConversion(now), previous: lastConversion(then), previousEntered: then.steps[0]?.entered ?? 0 };
    }));
    card.show({ table: { caption: 'Saved funnels: conversion this period and change', rows, columns: [
      { label: 'Funnel', value: (r) => r.funnel.name, render: (r) => h('a', { href: ctx.href('funnels', openSavedQuery(shownRange(ctx), r.funnel)) }, r.funnel.name) },
      { label: 'Started', value: (r) => r.entered, numeric: true },
      { label: 'Conversion', value: (r) => r.conversion, render: (r) => formatPercent(r.conversion), numeric: true },
      { label: 'Change', value: (r) => (r.previousEntered ? r.conversion - r.previous : null),
        render: (r) => (r.previousEntered ? h('span', { class: changeClass(r.conversion - r.previous) }, formatPointChange(r.conversion - r.previous)) : 'new'), numeric: true }] } });
  } catch (e) {
    card.error(e);
  }
}

function changeClass(delta: number): string {
  return delta > 0 ? 'change-up' : delta < 0 ? 'change-down' : 'change-flat';
}

async function renderGuides(ctx: ViewContext, card: ChartCard, range: DateRange): Promise<void> {
  try {
    const [report, names] = await Promise.all([ctx.analytics.guides({ from_ms: range.from_ms, to_ms: range.to_ms }),
      ctx.analytics.guideSummaries().catch(() => [])]);
    const name = (id: string) => names.find((g) => g.id === id)?.name ?? id;
    const rows = report.guides.map((g) => ({ g, problems: guideProblems(g) })).filter((r) => r.problems.length);
    if (!report.guides.length) { card.empty('No guide was seen in this period.'); return; }
    if (!rows.length) { card.empty(`No problems: ${report.guides.length} guide${report.guides.length === 1 ? '' : 's'} seen, none with missing targets or high dismissal.`); return; }
    card.show({ table: { caption: 'Guides with problems', rows, columns: [
      { label: 'Guide', value: (r) => name(r.g.guide_id), render: (r) => h('a', { href: ctx.href(`guides/${encodeURIComponent(r.g.guide_id)}`, shownRange(ctx)) }, name(r.g.guide_id)) },
      { label: 'Seen by', value: (r) => r.g.seen_users, numeric: true },
      { label: 'Completed', value: (r) => completionRate(r.g), render: (r) => formatPercent(completionRate(r.g)), numeric: true },
      { label: 'Dismissed', value: (r) => dismissalRate(r.g), render: (r) => formatPercent(dismissalRate(r.g)), numeric: true },
      { label: 'Problem', value: (r) => r.problems.map((p) => p.text).join('; '),
        render: (r) => h('span', {}, r.problems.map((p) => badge(p.text, p.kind === 'target_missing' ? 'danger' : 'warning'))) }] } });
  } catch (e) {
    card.error(e);
  }
}

async function renderStuck(ctx: ViewContext, card: ChartCard, range: DateRange): Promise<void> {
  try {
    const report = await ctx.analytics.stuck({ from_ms: range.from_ms, to_ms: range.to_ms, limit: 5 });
    const rows = [
      ...report.pages.map((p) => ({ kind: 'Page', key: p.url, rage: p.rage_clicks, dead: p.dead_clicks, users: Math.max(p.rage_users, p.dead_users) })),
      ...report.elements.map((e) => ({ kind: 'Element', key: e.selector, rage: e.rage_clicks, dead: e.dead_clicks, users: Math.max(e.rage_users, e.dead_users) })),
    ];
    if (!rows.length) { card.empty('No rage or dead clicks in this period.'); return; }
    card.show({ summary: h('a', { href: ctx.href('stuck', shownRange(ctx)) }, 'All stuck points'),
      table: { caption: 'Top pages and elements by rage and dead clicks', rows, columns: [
        { label: 'Where', value: (r) => r.key },
        { label: 'Kind', value: (r) => r.kind },
        { label: 'Rage clicks', value: (r) => r.rage, numeric: true },
        { label: 'Dead clicks', value: (r) => r.dead, numeric: true },
        { label: 'Users (at least)', value: (r) => r.users, numeric: true }] } });
  } catch (e) {
    card.error(e);
  }
}
