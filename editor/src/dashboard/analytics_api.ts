// The dashboard's calls to the collector: the four analytics queries, the
// catalog, the guide list, a person's last events and their erasure, for one app. Each view
// makes a handful of calls, never one per row (only a row the user opens asks
// for that person's events), so a view costs a few engine queries whatever the data.
import { Api, ApiError } from '../shared/api';
import type {
  Catalog, FunnelQuery, FunnelResult, GuideQuery, GuideReport, GuideSummary, PersonErasure, PersonEventsPage, StuckQuery, StuckReport, TrendQuery,
  TrendReport,
} from './analytics_model';

export class AnalyticsApi {
  private catalogPromise: Promise<Catalog | null> | null = null;
  private guidesPromise: Promise<GuideSummary[]> | null = null;

  constructor(readonly api: Api, readonly appId: string) {}

  private path(suffix: string): string {
    return `/api/apps/${encodeURIComponent(this.appId)}/${suffix}`;
  }

  funnel(query: FunnelQuery): Promise<FunnelResult> {
    return this.api.post<FunnelResult>(this.path('analytics/funnel'), query);
  }

  guides(query: GuideQuery): Promise<GuideReport> {
    return this.api.post<GuideReport>(this.path('analytics/guides'), query);
  }

  stuck(query: StuckQuery): Promise<StuckReport> {
    return this.api.post<StuckReport>(this.path('analytics/stuck'), query);
  }

  trends(query: TrendQuery): Promise<TrendReport> {
    return this.api.post<TrendReport>(this.path('analytics/trends'), query);
  }

  // One person's (analytics user key's) most recent events, newest first;
  // `beforeMs` (a page's next_before_ms) asks for the page after it.
  personEvents(userKey: string, limit: number, beforeMs?: number): Promise<PersonEventsPage> {
    const before = beforeMs === undefined ? '' : `&before_ms=${beforeMs}`;
    return this.api.get<PersonEventsPage>(this.path(`people/${encodeURIComponent(userKey)}/events?limit=${limit}${before}`));
  }

  // Erases a person: every event of the key and of the anonymous ids linked
  // to it (docs/api.md "Erasing a person"). Admins only.
  async erasePerson(userKey: string): Promise<PersonErasure> {
    const answer = await this.api.request<{ erased: PersonErasure }>('DELETE', this.path(`people/${encodeURIComponent(userKey)}`));
    return answer.erased;
  }

  // The app's known events, pages and elements; null when this collector has no
  // catalog endpoint (older build): the pickers then take free text. Loaded
  // once per view (main.ts makes an AnalyticsApi per view).
  catalog(): Promise<Catalog | null> {
    this.catalogPromise ??= this.api.get<Catalog>(this.path('catalog')).catch((e) => {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
      this.catalogPromise = null;
      throw e;
    });
    return this.catalogPromise;
  }

  // Guide names by id (all statuses), so reports keyed by guide_id read as names.
  guideSummaries(): Promise<GuideSummary[]> {
    this.guidesPromise ??= this.api.get<{ guides: GuideSummary[] }>(this.path('guides')).then((r) => r.guides).catch((e) => {
      this.guidesPromise = null;
      throw e;
    });
    return this.guidesPromise;
  }

  async guideName(guideId: string): Promise<string> {
    const guides = await this.guideSummaries().catch(() => []);
    return guides.find((g) => g.id === guideId)?.name ?? guideId;
  }
}
