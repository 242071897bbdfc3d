// Entry point of the dashboard web app (served at /dashboard/): the shell
// (login, app switcher) around six views — overview, funnels, guides, stuck
// points, trends, people — routed under /dashboard/ with their state in the URL.
import '../shared/base.css';
import './dashboard.css';
import { h } from '../shared/dom';
import { Router } from '../shared/router';
import { startShell, type ShellContext } from '../shared/shell';
import { AnalyticsApi } from './analytics_api';
import { SavedFunnelsApi } from './saved_funnels';
import { funnelView } from './views/funnel_view';
import { guideDetailView } from './views/guide_detail_view';
import { guidesView } from './views/guides_view';
import { overviewView } from './views/overview_view';
import { peopleView } from './views/people_view';
import { stuckView } from './views/stuck_view';
import { trendsView } from './views/trends_view';
import { rangeQuery, type ViewContext } from './views/view_context';

const BASE = '/dashboard/';
const TABS = [['', 'Overview'], ['funnels', 'Funnels'], ['guides', 'Guides'], ['stuck', 'Stuck points'], ['trends', 'Trends'], ['people', 'People']] as const;

type View = (ctx: ViewContext) => Promise<void>;

const router = new Router(BASE);
let shell: ShellContext | null = null;
let started = false;

function currentPath(): string {
  return location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length).replace(/\/$/, '') : '';
}

function render(view: View, params: Record<string, string>, query: URLSearchParams): Promise<void> | void {
  if (!shell) return;
  const { main, app, api, account } = shell;
  const focusedId = document.activeElement?.id ?? '';
  const path = currentPath();
  const tabPath = path.split('/')[0] ?? '';
  const nav = h('nav', { class: 'dashboard-tabs', 'aria-label': 'Dashboard' },
    TABS.map(([p, label]) => h('a', { href: router.href(p) + (rangeQuery(query).toString() ? `?${rangeQuery(query)}` : ''),
      'aria-current': p === tabPath ? 'page' : null }, label)));
  if (!app) {
    main.replaceChildren(h('div', { class: 'empty-state card' }, h('h1', {}, 'No app yet'),
      h('p', {}, 'An admin creates an app ', h('a', { href: '/editor/apps/new' }, 'in the editor'),
        ' (or with cairn-collector create-app) and installs the SDK; its analytics appear here.')));
    return;
  }
  // One per view, not per page load: its cached guide names and catalog would
  // otherwise miss a guide published in the editor while the dashboard is open.
  const analytics = new AnalyticsApi(api, app.id);
  // Views that first load the catalog or guide names render after it; until then, say so.
  const outlet = h('div', { class: 'view', id: 'view' }, h('p', { class: 'loading' }, 'Loading'));
  main.replaceChildren(nav, outlet);
  const ctx: ViewContext = {
    api, account, app, analytics, savedFunnels: new SavedFunnelsApi(api, app.id), outlet, params, query,
    go: (p, q, options) => router.navigate(q && q.toString() ? `${p}?${q}` : p, options),
    href: (p, q) => router.href(p) + (q && q.toString() ? `?${q}` : ''),
  };
  // A control that navigates (a range select, Save, Open) re-renders the view;
  // keyboard users keep their place when the new view has the same control.
  return view(ctx).then(() => {
    if (focusedId && (document.activeElement === document.body || !document.activeElement)) document.getElementById(focusedId)?.focus();
  }).catch((e) => {
    outlet.append(h('p', { class: 'form-error', role: 'alert' }, e instanceof Error ? e.message : String(e)));
  });
}

router
  .on('', (params, query) => render(overviewView, params, query))
  .on('funnels', (params, query) => render(funnelView, params, query))
  .on('guides', (params, query) => render(guidesView, params, query))
  .on('guides/:guideId', (params, query) => render(guideDetailView, params, query))
  .on('stuck', (params, query) => render(stuckView, params, query))
  .on('trends', (params, query) => render(trendsView, params, query))
  .on('people', (params, query) => render(peopleView, params, query))
  .on('people/:userKey', (params, query) => render(peopleView, params, query))
  .otherwise(() => {
    shell?.main.replaceChildren(h('div', { class: 'empty-state card' }, h('h1', {}, 'Page not found'),
      h('p', {}, h('a', { href: BASE }, 'Go to the overview'))));
  });

void startShell({
  product: 'dashboard',
  title: 'Dashboard',
  mount(context) {
    shell = context;
    if (!started) {
      started = true;
      router.start();
    } else {
      // Another app was picked: show the same view for it.
      router.navigate(currentPath() + location.search, { replace: true });
    }
  },
});
