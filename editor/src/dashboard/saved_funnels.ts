// Saved funnels, kept by the collector per app and shared by the team
// (GET/POST/PUT/DELETE /api/apps/{app_id}/funnels, docs/api.md "Saved
// funnels"). A saved funnel is the query without its date range, so it runs
// on any range, plus the range it is compared with, if any.
import type { Api } from '../shared/api';
import type { FunnelQuery } from './analytics_model';

export type FunnelDefinition = Omit<FunnelQuery, 'from_ms' | 'to_ms' | 'dropped'>;

// The last `days` days, or the fixed half-open [from_ms, to_ms).
export type CompareRange = { days: number } | { from_ms: number; to_ms: number };

export interface SavedFunnel {
  id: string;
  app_id: string;
  name: string;
  query: FunnelDefinition;
  compare: CompareRange | null;
  created_by: string;
  created_by_email: string;
  created_at_ms: number;
  updated_at_ms: number;
}

// The collector's limit (SavedFunnelLimits::kMaxNameChars), checked here to say so before sending.
export const MAX_NAME_CHARS = 120;

export class SavedFunnelsApi {
  constructor(private readonly api: Api, private readonly appId: string) {}

  private path(suffix = ''): string {
    return `/api/apps/${encodeURIComponent(this.appId)}/funnels${suffix}`;
  }

  // Oldest first.
  async list(): Promise<SavedFunnel[]> {
    return (await this.api.get<{ funnels: SavedFunnel[] }>(this.path())).funnels;
  }

  async create(name: string, query: FunnelDefinition, compare: CompareRange | null): Promise<SavedFunnel> {
    return (await this.api.post<{ funnel: SavedFunnel }>(this.path(), { name, query, compare })).funnel;
  }

  // Replaces name, query and comparison (a rename sends the rest unchanged).
  async replace(id: string, name: string, query: FunnelDefinition, compare: CompareRange | null): Promise<SavedFunnel> {
    return (await this.api.put<{ funnel: SavedFunnel }>(this.path(`/${encodeURIComponent(id)}`), { name, query, compare })).funnel;
  }

  remove(id: string): Promise<void> {
    return this.api.delete(this.path(`/${encodeURIComponent(id)}`));
  }
}
