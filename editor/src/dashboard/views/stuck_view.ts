// Stuck points: pages and elements ranked by rage and dead clicks (elements
// shown by their descriptor: tag, text, role, test id, and the page most of
// their clicks were on), with "Open in app" that shows the page — and
// outlines the element — in the customer's app; then guide steps ranked by
// the share of viewers who gave up on them (closed the guide there and never
// completed the step: a checklist left half done or a hint never opened is
// not given up) and by missing targets. One stuck query answers it all.
import { h } from '../../shared/dom';
import { barChart } from '../../shared/charts/bar_chart';
import { ChartCard } from '../../shared/charts/chart_card';
import { formatDuration, formatPercent } from '../../shared/charts/format';
import type { GuideSummary, StuckElement, StuckReport, StuckStep } from '../analytics_model';
import { parseElementLabel } from '../condition_model';
import { inRange, rangeOrDefault } from '../date_range';
import { GAVE_UP_MEANS } from '../guide_health';
import { appPageUrl, openAndHighlight } from '../open_in_app';
import { viewHeader } from './widgets';
import { rangeQuery, type ViewContext } from './view_context';

export const STUCK_ROWS = 20;

export async function stuckView(ctx: ViewContext): Promise<void> {
  const range = rangeOrDefault(ctx.query);
  const pages = new ChartCard('Pages with rage and dead clicks', 'stuck-pages');
  const elements = new ChartCard('Elements with rage and dead clicks', 'stuck-elements');
  const dropOff = new ChartCard('Guide steps users give up on', 'stuck-guide-steps-drop-off');
  const missing = new ChartCard('Guide steps whose target is missing', 'stuck-guide-steps-target-missing');
  [pages, elements, dropOff, missing].forEach((c) => c.loading());
  ctx.outlet.replaceChildren(viewHeader(ctx, 'stuck', 'Where users get stuck'),
    h('p', { class: 'muted' }, 'A rage click is a burst of clicks on one element; a dead click is a click after which nothing changed on the page.'),
    pages.element, elements.element, h('div', { class: 'two-columns' }, dropOff.element, missing.element));
  let report: StuckReport;
  let guides: GuideSummary[];
  try {
    [report, guides] = await Promise.all([ctx.analytics.stuck({ from_ms: range.from_ms, to_ms: range.to_ms, limit: STUCK_ROWS }),
      ctx.analytics.guideSummaries().catch(() => [] as GuideSummary[])]);
  } catch (e) {
    [pages, elements, dropOff, missing].forEach((c) => c.error(e));
    return;
  }
  const noOrigin = !ctx.app.origins.length;
  if (!report.pages.length) pages.empty(`No rage or dead clicks ${inRange(range)}.`);
  else pages.show({
    tableFirst: true,
    chart: barChart({ label: 'Rage and dead clicks per page', measures: ['Rage clicks', 'Dead clicks'],
      rows: report.pages.map((p) => ({ label: p.url, values: [p.rage_clicks, p.dead_clicks] })) }),
    table: { caption: 'Pages ranked by rage and dead clicks', rows: report.pages, columns: [
      { label: 'Page', value: (p) => p.url, render: (p) => h('span', { class: 'url' }, p.url) },
      { label: 'Rage clicks', value: (p) => p.rage_clicks, numeric: true },
      { label: 'Rage users', value: (p) => p.rage_users, numeric: true },
      { label: 'Dead clicks', value: (p) => p.dead_clicks, numeric: true },
      { label: 'Dead users', value: (p) => p.dead_users, numeric: true },
      { label: 'Open', value: () => null, render: (p) => {
        const url = appPageUrl(ctx.app, p.url);
        return url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, 'Open in app ↗') : h('span', { class: 'muted' }, '–');
      } }] },
  });

  if (!report.elements.length) elements.empty(`No rage or dead clicks ${inRange(range)}.`);
  else elements.show({
    summary: noOrigin ? 'Add an allowed origin to this app to open elements in it.' : undefined,
    tableFirst: true,
    chart: barChart({ label: 'Rage and dead clicks per element', measures: ['Rage clicks', 'Dead clicks'],
      rows: report.elements.map((e) => ({ label: e.selector, values: [e.rage_clicks, e.dead_clicks] })) }),
    table: { caption: 'Elements ranked by rage and dead clicks', rows: report.elements.map((e) => ({ ...e, ...describe(e) })), columns: [
      { label: 'Element', value: (e) => e.selector, render: (e) => h('span', { class: 'descriptor' },
        h('code', {}, e.tag), e.text ? h('span', { class: 'descriptor-text' }, `“${e.text}”`) : null) },
      { label: 'Role', value: (e) => e.role, render: (e) => e.role || '–' },
      { label: 'Rage clicks', value: (e) => e.rage_clicks, numeric: true },
      { label: 'Rage users', value: (e) => e.rage_users, numeric: true },
      { label: 'Dead clicks', value: (e) => e.dead_clicks, numeric: true },
      { label: 'Dead users', value: (e) => e.dead_users, numeric: true },
      { label: 'Test id or id', value: (e) => e.identifier, render: (e) => (e.identifier ? h('code', {}, e.identifier) : '–') },
      { label: 'Mostly on', value: (e) => e.top_path?.path ?? null, render: (e) => (e.top_path
        ? h('span', {}, h('span', { class: 'url' }, e.top_path.path), ` (${formatPercent(e.top_path.share)})`) : '–') },
      { label: 'Open', value: () => null, render: (e) => (noOrigin ? h('span', { class: 'muted' }, '–') : openElementButton(ctx, e)) }] },
  });

  const name = (id: string) => guides.find((g) => g.id === id)?.name ?? id;
  showSteps(ctx, dropOff, report.steps_by_drop_off, name, 'drop');
  showSteps(ctx, missing, report.steps_by_target_missing.filter((s) => s.target_missing_users > 0), name, 'missing');
}

// What to show of an element: its descriptor summary, or for clicks recorded
// without one, what its label says (tag and name).
function describe(e: StuckElement): { tag: string; text: string; role: string; identifier: string } {
  if (e.element) {
    const testId = Object.entries(e.element.attributes ?? {})[0];
    return { tag: e.element.tag, text: e.element.name || e.element.text || e.element.label || '', role: e.element.role ?? '',
      identifier: testId ? `[${testId[0]}="${testId[1]}"]` : e.element.id ? `#${e.element.id}` : '' };
  }
  const parsed = parseElementLabel(e.selector) ?? { tag: e.selector, text: '' };
  return { tag: parsed.tag, text: parsed.text, role: '', identifier: '' };
}

// Opens the page where most of the element's clicks were (the report's
// top_path; the app's home when no click carried a URL) and outlines it.
function openElementButton(ctx: ViewContext, e: StuckElement): HTMLElement {
  const url = appPageUrl(ctx.app, e.top_path?.url ?? '/');
  const button = h('button', { type: 'button', class: 'small open-in-app', 'data-selector': e.selector,
    title: e.top_path ? `Opens ${e.top_path.path}` : 'Opens the app' }, 'Open in app ↗');
  button.addEventListener('click', () => { if (url) openAndHighlight(ctx.api, ctx.app, url, e.selector, e.element); });
  return button;
}

function showSteps(ctx: ViewContext, card: ChartCard, steps: StuckStep[], name: (id: string) => string, kind: 'drop' | 'missing'): void {
  if (!steps.length) { card.empty(kind === 'drop' ? 'No guide steps were seen in this period.' : 'No guide step lost its target in this period.'); return; }
  card.show({
    summary: kind === 'drop' ? GAVE_UP_MEANS : undefined,
    table: { caption: kind === 'drop' ? 'Guide steps ranked by the share of viewers who gave up (its 95% lower bound)' : 'Guide steps ranked by target-missing rate (its 95% lower bound)', rows: steps, columns: [
    { label: 'Guide', value: (s) => name(s.guide_id), render: (s) => h('a', { href: ctx.href(`guides/${encodeURIComponent(s.guide_id)}`, rangeQuery(ctx.query)) }, name(s.guide_id)) },
    { label: 'Step', value: (s) => s.step_index + 1, numeric: true },
    { label: 'Saw', value: (s) => s.seen_users, numeric: true },
    kind === 'drop'
      ? { label: 'Gave up', value: (s) => s.gave_up_users, numeric: true }
      : { label: 'Lost target', value: (s) => s.target_missing_users, numeric: true },
    kind === 'drop'
      ? { label: 'Gave up (share)', value: (s) => s.drop_off_rate, render: (s) => formatPercent(s.drop_off_rate), numeric: true }
      : { label: 'Target missing', value: (s) => s.target_missing_rate, render: (s) => formatPercent(s.target_missing_rate), numeric: true },
    // The ranking's key: the rate the data vouches for (a few users cannot top the list).
    kind === 'drop'
      ? { label: 'At least (95%)', value: (s) => s.drop_off_rate_low, render: (s) => formatPercent(s.drop_off_rate_low), numeric: true }
      : { label: 'At least (95%)', value: (s) => s.target_missing_rate_low, render: (s) => formatPercent(s.target_missing_rate_low), numeric: true },
    { label: 'Median time before dismissing', csvLabel: 'Median time before dismissing (ms)', value: (s) => s.median_ms_before_dismiss, render: (s) => formatDuration(s.median_ms_before_dismiss), numeric: true }] } });
}
