// Shapes of the analytics queries and answers (docs/analytics.md,
// collector/analytics/funnel_json.cpp and report_json.cpp) and of the catalog
// (GET /api/apps/{app_id}/catalog, collector/catalog/catalog_json.cpp).

export type FilterOp = 'eq' | 'neq' | 'in' | 'contains';
export type PropertyValue = string | number;

export interface PropertyFilter {
  property: string;
  op: FilterOp;
  value?: PropertyValue;
  values?: PropertyValue[];
}

export interface EventCondition {
  event: string;
  filters?: PropertyFilter[];
}

export type FunnelOrder = 'ordered' | 'strict' | 'any';
export type FunnelCount = 'unique_users' | 'totals';

export interface FunnelQuery {
  steps: EventCondition[];
  window_ms?: number;
  order?: FunnelOrder;
  count?: FunnelCount;
  exclusions?: Array<EventCondition & { after_step: number }>;
  from_ms?: number;
  to_ms?: number;
  breakdown?: { property: string; limit?: number };
  dropped?: { step: number; offset?: number; limit?: number };
}

export interface FunnelStepResult {
  event: string;
  entered: number;
  converted: number;
  dropped: number;
  conversion_from_previous: number;
  conversion_from_first: number;
  median_ms_to_convert: number | null;
  p90_ms_to_convert: number | null;
}

export interface FunnelResult {
  steps: FunnelStepResult[];
  breakdown?: Array<{ value: PropertyValue | null; other: boolean; steps: FunnelStepResult[] }>;
  dropped?: { step: number; total: number; offset: number; users: string[] };
  data_version: number;
}

export interface GuideQuery {
  guide_id?: string;
  from_ms?: number;
  to_ms?: number;
  goal?: EventCondition;
  goal_window_ms?: number;
}

export interface GuideStepStats {
  step_index: number;
  step_id: string;
  seen_users: number;
  completed_users: number;
  dismissed_users: number;
  gave_up_users: number;  // Closed the guide on the step themselves, never completed it.
  target_missing_events: number;
  target_missing_users: number;
  median_ms_on_step: number | null;
  p90_ms_on_step: number | null;
  median_ms_before_dismiss: number | null;
}

export interface Proportion {
  users: number;
  converted: number;
  rate: number;
  low: number;
  high: number;
}

export interface GuideImpact {
  exposed: Proportion;
  holdout: Proportion;
  comparable: boolean;
  difference: number;
  low: number;
  high: number;
  interval: string;
}

export interface GuideStats {
  guide_id: string;
  // Users shown the guide; the experiment's holdout is never in it.
  seen_users: number;
  seen_events: number;
  // Users held out of the guide's experiment (would have been shown it, saw
  // nothing): the baseline for impact (docs/analytics.md, "Seen means shown").
  holdout_users: number;
  completed_users: number;
  dismissed_users_by_reason: Record<string, number>;
  target_missing_events: number;
  steps: GuideStepStats[];
  completion_funnel: number[];
  impact?: GuideImpact;
}

export interface GuideReport {
  guides: GuideStats[];
  data_version: number;
}

export interface StuckQuery {
  from_ms?: number;
  to_ms?: number;
  limit?: number;
}

export interface ClickHotspot {
  rage_clicks: number;
  rage_users: number;
  dead_clicks: number;
  dead_users: number;
}

export interface StuckStep {
  guide_id: string;
  step_index: number;
  seen_users: number;
  completed_users: number;
  // Closed the guide on the step themselves and never completed it.
  gave_up_users: number;
  drop_off_rate: number;  // gave_up_users / seen_users
  // The rates' 95% Wilson lower bounds, which the lists are ranked by.
  drop_off_rate_low: number;
  target_missing_users: number;
  target_missing_rate: number;
  target_missing_rate_low: number;
  median_ms_before_dismiss: number | null;
}

// What the collector keeps of a clicked element's descriptor (docs/analytics.md,
// "Stuck points"): itself a descriptor, so `{version: 1, element}` is a
// fingerprint the editor bridge can highlight.
export interface ElementSummary {
  tag: string;
  id?: string;
  role?: string;
  name?: string;
  text?: string;
  label?: string;
  attributes?: Record<string, string>;  // Test-id attributes only.
}

// The page path where most of an element's rage and dead clicks were.
export interface TopPath {
  path: string;
  url: string;  // The most frequent recorded URL on that path.
  clicks: number;
  share: number;
}

export interface StuckElement extends ClickHotspot {
  selector: string;
  top_path: TopPath | null;
  element: ElementSummary | null;
}

export interface StuckReport {
  pages: Array<ClickHotspot & { url: string }>;
  elements: StuckElement[];
  steps_by_drop_off: StuckStep[];
  steps_by_target_missing: StuckStep[];
  data_version: number;
}

export type TrendInterval = 'hour' | 'day';

export interface TrendQuery {
  series: EventCondition[];
  interval: TrendInterval;
  from_ms: number;
  to_ms: number;
  utc_offset_minutes?: number;
  day_starts_ms?: number[];  // days: the start of each local day (date_range.ts dayStarts)
  utc_offset_changes?: OffsetChange[];  // hours: the zone's offset changes in the range (date_range.ts offsetChanges)
}

// From at_ms on, the zone is utc_offset_minutes ahead of UTC.
export interface OffsetChange {
  at_ms: number;
  utc_offset_minutes: number;
}

export interface TrendBucket {
  start_ms: number;
  events: number;
  users: number;
}

export interface TrendReport {
  series: Array<EventCondition & { events: number; users: number; buckets: TrendBucket[] }>;
  interval: TrendInterval;
  data_version: number;
}

export interface CatalogEvent {
  name: string;
  count: number;
  last_seen_ms: number;
  properties: Array<{ key: string; count: number }>;
}

export interface Catalog {
  app_id: string;
  events: number;
  track_events: CatalogEvent[];
  cairn_events: CatalogEvent[];
  pages: Array<{ path: string; url: string; count: number; last_seen_ms: number }>;
  traits: Array<{ key: string; count: number; last_seen_ms: number; examples: unknown[] }>;
  clicks: Array<{ tag: string; text: string; role: string; test_id: string; count: number; last_seen_ms: number }>;
}

// Guide summaries from GET /api/apps/{app_id}/guides (names for guide ids).
export interface GuideSummary {
  id: string;
  name: string;
  status: string;
  published_version: number | null;
}

// One person's recent events from GET /api/apps/{app_id}/people/{user_key}/events
// (collector/people/person_events_json.cpp), newest first, merged over the
// ids linked to the person.
export interface PersonEvent {
  type: 'track' | 'page' | 'screen' | 'identify' | 'group' | 'unknown';
  event: string;  // the analytics name: the track name, "$page", ...
  timestamp_ms: number;
  user_key: string;  // the id it was stored under: the person's key or one of linked_ids
  name?: string;  // a page's or screen's own name
  url?: string;
  path?: string;
  element?: { tag?: string; text?: string; role?: string };  // clicks
  properties: Record<string, string | number | boolean | null>;
  properties_truncated: boolean;
}

export interface PersonEventsPage {
  events: PersonEvent[];
  next_before_ms: number | null;
  merged: boolean;
  linked_ids: string[];           // ids an identify linked to the person, merged in (sorted)
  linked_ids_truncated: boolean;  // more are linked than one page merges (PersonIdsLimits)
}

// What DELETE /api/apps/{app}/people/{user_key} erased.
export interface PersonErasure {
  user_keys: number;      // Ids that had stored events.
  events: number;         // Rows deleted.
  identity_links: number; // Anonymous ids linked to the person, erased with it.
}
