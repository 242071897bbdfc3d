// "Who dropped?": the users whose furthest step was N, paged from the funnel
// answer's `dropped` list (sorted by user id, docs/analytics.md). One query
// per page; each user opens to their last events (one request per user opened).
import { h } from '../../shared/dom';
import { ChartCard } from '../../shared/charts/chart_card';
import type { FunnelQuery } from '../analytics_model';
import { personWithEvents } from './person_events';
import type { ViewContext } from './view_context';

export const DROPPED_PAGE_SIZE = 50;

export function droppedUsersPanel(ctx: ViewContext, query: FunnelQuery, step: number, stepLabel: string, nextLabel: string): HTMLElement {
  const card = new ChartCard(`Dropped after step ${step}: reached “${stepLabel}”, not “${nextLabel}”`, `dropped-after-step-${step}`, 'h3');
  const pager = h('div', { class: 'pager' });
  const note = h('p', { class: 'muted small-print' },
    'Each user reached this step but not the next one within the window. Open a user to see their last events.');
  const element = h('div', { class: 'dropped-panel', id: 'dropped-panel' }, card.element, pager, note);

  const load = async (offset: number) => {
    card.loading();
    pager.replaceChildren();
    try {
      // The list is of users (the API lists them for unique-user funnels only); a breakdown changes nothing in it.
      const { breakdown: _ignored, ...rest } = query;
      const result = await ctx.analytics.funnel({ ...rest, count: 'unique_users', dropped: { step, offset, limit: DROPPED_PAGE_SIZE } });
      const page = result.dropped ?? { step, total: 0, offset, users: [] };
      if (!page.total) { card.empty('Nobody dropped at this step.'); return; }
      card.show({
        summary: `${page.total.toLocaleString()} user${page.total === 1 ? '' : 's'} dropped · showing ${(offset + 1).toLocaleString()}–${(offset + page.users.length).toLocaleString()}`,
        table: { caption: `Users who dropped after step ${step}`, rows: page.users, columns: [
          { label: 'User', value: (user) => user, render: (user) => personWithEvents(ctx.analytics, user, ctx.href(`people/${encodeURIComponent(user)}`)) }] },
      });
      const prev = h('button', { type: 'button', disabled: offset === 0 }, '‹ Previous');
      const next = h('button', { type: 'button', disabled: offset + page.users.length >= page.total }, 'Next ›');
      prev.addEventListener('click', () => void load(Math.max(0, offset - DROPPED_PAGE_SIZE)));
      next.addEventListener('click', () => void load(offset + DROPPED_PAGE_SIZE));
      pager.replaceChildren(prev, h('span', { class: 'muted' }, `page ${Math.floor(offset / DROPPED_PAGE_SIZE) + 1} of ${Math.ceil(page.total / DROPPED_PAGE_SIZE)}`), next);
    } catch (e) {
      card.error(e);
    }
  };
  void load(0);
  return element;
}
