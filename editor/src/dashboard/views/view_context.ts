// What every dashboard view gets: the app, its analytics calls, the element
// to render into, the URL query (date range and view state live there, so a
// view is a shareable link) and navigation.
import type { Account, App } from '../../shared/model';
import type { Api } from '../../shared/api';
import type { AnalyticsApi } from '../analytics_api';
import type { SavedFunnelsApi } from '../saved_funnels';

export interface ViewContext {
  api: Api;
  account: Account;
  app: App;
  analytics: AnalyticsApi;
  savedFunnels: SavedFunnelsApi;
  outlet: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  // `path` relative to /dashboard/; the query replaces the current one.
  go(path: string, query?: URLSearchParams, options?: { replace?: boolean }): void;
  href(path: string, query?: URLSearchParams): string;
}

// The query parameters that carry over when moving between views (the date range).
export function rangeQuery(query: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of ['days', 'from', 'to']) {
    const v = query.get(k);
    if (v !== null) out.set(k, v);
  }
  return out;
}
