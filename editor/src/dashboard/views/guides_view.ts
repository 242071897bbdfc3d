// Guide analytics, the list: every guide seen in the range with its reach,
// completion and dismissal, its experiment holdout (when a guide has one),
// and problem badges; a guide opens its detail.
import { h } from '../../shared/dom';
import { ChartCard } from '../../shared/charts/chart_card';
import { barChart } from '../../shared/charts/bar_chart';
import { formatPercent } from '../../shared/charts/format';
import type { GuideStats, GuideSummary } from '../analytics_model';
import { inRange, rangeOrDefault } from '../date_range';
import { completionRate, dismissalRate, guideProblems, HOLDOUT_EXPLAINED } from '../guide_health';
import { badge, viewHeader } from './widgets';
import { rangeQuery, type ViewContext } from './view_context';

export async function guidesView(ctx: ViewContext): Promise<void> {
  const range = rangeOrDefault(ctx.query);
  const card = new ChartCard('Guides', 'guides');
  card.loading();
  ctx.outlet.replaceChildren(viewHeader(ctx, 'guides', 'Guide analytics'), card.element);
  try {
    const [report, names] = await Promise.all([ctx.analytics.guides({ from_ms: range.from_ms, to_ms: range.to_ms }),
      ctx.analytics.guideSummaries().catch(() => [] as GuideSummary[])]);
    const name = (id: string) => names.find((g) => g.id === id)?.name ?? id;
    if (!report.guides.length) {
      card.empty(`No guide was seen ${inRange(range)}.`, names.length ? 'Published guides appear here once users see them.' : 'Create and publish a guide in the editor first.');
      return;
    }
    const guides = [...report.guides].sort((a, b) => b.seen_users - a.seen_users);
    // The holdout column only when some guide has an experiment holdout.
    const withHoldout = guides.some((g) => g.holdout_users > 0);
    const link = (g: GuideStats) => h('a', { href: ctx.href(`guides/${encodeURIComponent(g.guide_id)}`, rangeQuery(ctx.query)) }, name(g.guide_id));
    card.show({
      summary: withHoldout ? h('span', { id: 'guides-holdout-note' }, `"Seen by" counts users shown the guide; "Held out" counts users ${HOLDOUT_EXPLAINED}.`) : undefined,
      chart: barChart({ label: 'Users who saw and completed each guide', measures: ['Completed', 'Saw, not completed'],
        rows: guides.slice(0, 15).map((g) => ({ label: name(g.guide_id), values: [g.completed_users, Math.max(0, g.seen_users - g.completed_users)] })) }),
      table: { caption: 'Guides seen in the period', rows: guides, columns: [
        { label: 'Guide', value: (g) => name(g.guide_id), render: link },
        { label: 'Guide id', value: (g) => g.guide_id, render: (g) => h('code', {}, g.guide_id) },
        { label: 'Seen by', value: (g) => g.seen_users, numeric: true },
        { label: 'Completed by', value: (g) => g.completed_users, numeric: true },
        ...(withHoldout ? [{ label: 'Held out', value: (g: GuideStats) => g.holdout_users, numeric: true }] : []),
        { label: 'Completion', value: completionRate, render: (g) => formatPercent(completionRate(g)), numeric: true },
        { label: 'Dismissal', value: dismissalRate, render: (g) => formatPercent(dismissalRate(g)), numeric: true },
        { label: 'Target missing (events)', value: (g) => g.target_missing_events, numeric: true },
        { label: 'Problems', value: (g) => guideProblems(g).map((p) => p.text).join('; '),
          render: (g) => h('span', {}, guideProblems(g).map((p) => badge(p.text, p.kind === 'target_missing' ? 'danger' : 'warning'))) }] },
    });
  } catch (e) {
    card.error(e);
  }
}
