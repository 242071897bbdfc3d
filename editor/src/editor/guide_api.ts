// The guide endpoints of the admin API (docs/api.md#guides), typed.
import { ApiError, type Api, type Problem } from '../shared/api';
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
  // +1 on every change; sent back in If-Match so a save never overwrites a
  // change this editor has not seen (docs/api.md#editing-a-guide-together).
  revision: number;
  // In the list only: the published version's schedule (null: never published).
  published_schedule?: { start: string | null; end: string | null } | null;
  // In the list only: true when the collector refuses the published version
  // (published under older rules), so the SDK is not given the guide.
  published_refused?: boolean;
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

// What a 409 edit_conflict says about the change that came first.
export interface EditConflict {
  revision: number;
  updated_at_ms: number;
  updated_by: string;
  updated_by_email: string;
}

// The conflict in an error, or null when it is another error.
export function editConflictOf(error: unknown): EditConflict | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'edit_conflict') return null;
  const current = error.detail.current as Partial<EditConflict> | undefined;
  if (!current || typeof current.revision !== 'number') return null;
  return {
    revision: current.revision,
    updated_at_ms: Number(current.updated_at_ms ?? 0),
    updated_by: String(current.updated_by ?? ''),
    updated_by_email: String(current.updated_by_email ?? ''),
  };
}

const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` });

// The form the SDK reads guides in (docs/api.md, POST /api/apps/{app_id}/guides/pack).
const PACKED_GUIDES = 'application/vnd.cairn.guides-pack';

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

  // `published_problems`: what the codec refuses in the version users are
  // served (published under older rules); [] when it runs.
  get(guideId: string): Promise<{ guide: GuideRecord; problems: Problem[]; published_problems?: Problem[] }> {
    return this.api.get(this.guidePath(guideId));
  }

  create(document: JsonObject): Promise<{ guide: GuideRecord; problems: Problem[] }> {
    return this.api.post(this.path(), document);
  }

  // Draft saves, publish and rollback name the revision they are based on;
  // a 409 edit_conflict (editConflictOf) means someone else changed it first.
  saveDraft(guideId: string, document: JsonObject, revision: number): Promise<{ guide: GuideRecord; problems: Problem[] }> {
    return this.api.put(this.guidePath(guideId, '/draft'), document, ifMatch(revision));
  }

  // `document` in the packed form the SDK runs (the editor's preview and
  // check), in `version`, the newest the app's SDK reads (AppBridge.packVersion);
  // a 422 invalid_guide names its problems as a save does, a 422 not_packable
  // what that version cannot carry.
  pack(document: JsonObject, version: number): Promise<ArrayBuffer> {
    return this.api.postForBytes(this.path('/pack'), document, `${PACKED_GUIDES}; v=${version}`);
  }

  async publish(guideId: string, note: string, revision: number): Promise<GuideVersion> {
    return (await this.api.post<{ version: GuideVersion }>(this.guidePath(guideId, '/publish'), note ? { note } : {}, ifMatch(revision))).version;
  }

  async versions(guideId: string): Promise<GuideVersion[]> {
    return (await this.api.get<{ versions: GuideVersion[] }>(this.guidePath(guideId, '/versions'))).versions;
  }

  async version(guideId: string, version: number): Promise<GuideVersion> {
    return (await this.api.get<{ version: GuideVersion }>(this.guidePath(guideId, `/versions/${version}`))).version;
  }

  async rollback(guideId: string, version: number, revision: number): Promise<GuideVersion> {
    return (await this.api.post<{ version: GuideVersion }>(this.guidePath(guideId, '/rollback'), { version }, ifMatch(revision))).version;
  }

  async archive(guideId: string): Promise<GuideRecord> {
    return (await this.api.post<{ guide: GuideRecord }>(this.guidePath(guideId, '/archive'))).guide;
  }

  // Only a guide never published can go (409 guide_published otherwise).
  deleteUnpublished(guideId: string, revision: number): Promise<void> {
    return this.api.request<void>('DELETE', this.guidePath(guideId), undefined, ifMatch(revision));
  }
}
