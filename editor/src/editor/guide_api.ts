// The guide endpoints of the admin API (docs/api.md#guides), typed.
import type { Api, Problem } from '../shared/api';
import type { JsonObject } from './guide_types';

export interface GuideSummary {
  id: string;
  app_id: string;
  name: string;
  status: 'draft' | 'published' | 'archived' | string;
  published_version: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  updated_by: string;
}

export interface GuideRecord extends GuideSummary {
  draft: JsonObject | null;
}

export interface GuideVersion {
  guide_id: string;
  version: number;
  published_at_ms: number;
  published_by: string;
  note: string;
  guide?: JsonObject;
}

export class GuideApi {
  constructor(private readonly api: Api, private readonly appId: string) {}

  private path(suffix = ''): string {
    return `/api/apps/${encodeURIComponent(this.appId)}/guides${suffix}`;
  }

  private guidePath(guideId: string, suffix = ''): string {
    return this.path(`/${encodeURIComponent(guideId)}${suffix}`);
  }

  async list(): Promise<GuideSummary[]> {
    return (await this.api.get<{ guides: GuideSummary[] }>(this.path())).guides;
  }

  get(guideId: string): Promise<{ guide: GuideRecord; problems: Problem[] }> {
    return this.api.get(this.guidePath(guideId));
  }

  create(document: JsonObject): Promise<{ guide: GuideRecord; problems: Problem[] }> {
    return this.api.post(this.path(), document);
  }

  saveDraft(guideId: string, document: JsonObject): Promise<{ guide: GuideRecord; problems: Problem[] }> {
    return this.api.put(this.guidePath(guideId, '/draft'), document);
  }

  async publish(guideId: string, note: string): Promise<GuideVersion> {
    return (await this.api.post<{ version: GuideVersion }>(this.guidePath(guideId, '/publish'), note ? { note } : {})).version;
  }

  async versions(guideId: string): Promise<GuideVersion[]> {
    return (await this.api.get<{ versions: GuideVersion[] }>(this.guidePath(guideId, '/versions'))).versions;
  }

  async version(guideId: string, version: number): Promise<GuideVersion> {
    return (await this.api.get<{ version: GuideVersion }>(this.guidePath(guideId, `/versions/${version}`))).version;
  }

  async rollback(guideId: string, version: number): Promise<GuideVersion> {
    return (await this.api.post<{ version: GuideVersion }>(this.guidePath(guideId, '/rollback'), { version })).version;
  }

  async archive(guideId: string): Promise<GuideRecord> {
    return (await this.api.post<{ guide: GuideRecord }>(this.guidePath(guideId, '/archive'))).guide;
  }
}
