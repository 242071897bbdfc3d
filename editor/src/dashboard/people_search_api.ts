// The People page's search: GET /api/apps/{app_id}/people?q=&limit= (docs/api.md
// "Searching people"): people whose user key starts with q, or whose latest
// identify's email or name contain it. One call per (debounced) keystroke.
import type { AnalyticsApi } from './analytics_api';

export interface PersonMatch {
  user_key: string;
  email?: string;
  name?: string;
  last_seen_ms: number;
}

export interface PeopleSearchAnswer {
  people: PersonMatch[];
  // More people may match than are listed (over the limit, or the collector's
  // bound on the identify rows it reads).
  truncated: boolean;
}

// The collector's bounds (PeopleSearchLimits).
export const PEOPLE_SEARCH_MAX_BYTES = 200;
export const PEOPLE_SEARCH_LIMIT = 20;

export function searchPeople(analytics: AnalyticsApi, text: string, limit = PEOPLE_SEARCH_LIMIT): Promise<PeopleSearchAnswer> {
  const query = new URLSearchParams({ q: text, limit: String(limit) });
  return analytics.api.get<PeopleSearchAnswer>(`/api/apps/${encodeURIComponent(analytics.appId)}/people?${query}`);
}
