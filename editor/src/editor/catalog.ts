// What the app's users have sent so far (GET /api/apps/{app_id}/catalog):
// trait keys, event names and page paths, offered as suggestions in the
// targeting builder. An older collector without the endpoint gives an empty
// catalog, and the fields stay free text.
import { ApiError, type Api } from '../shared/api';
import { h } from '../shared/dom';

export interface Catalog {
  traits: Array<{ key: string; examples: unknown[] }>;
  events: string[];
  pages: string[];
}

const EMPTY: Catalog = { traits: [], events: [], pages: [] };

export async function loadCatalog(api: Api, appId: string): Promise<Catalog> {
  try {
    const answer = await api.get<{
      traits?: Array<{ key: string; examples?: unknown[] }>;
      track_events?: Array<{ name: string }>;
      pages?: Array<{ path: string }>;
    }>(`/api/apps/${encodeURIComponent(appId)}/catalog`);
    return {
      traits: (answer.traits ?? []).map((t) => ({ key: t.key, examples: t.examples ?? [] })),
      events: (answer.track_events ?? []).map((e) => e.name),
      pages: [...new Set((answer.pages ?? []).map((p) => p.path))],
    };
  } catch (e) {
    if (e instanceof ApiError && e.isUnauthenticated) throw e;
    // 404 from a collector without the endpoint, or any other failure:
    // suggestions are a convenience, the fields stay free text.
    return EMPTY;
  }
}

// A <datalist> of suggestions; an input points at it with `list`.
export function suggestionList(id: string, values: string[]): HTMLDataListElement {
  return h('datalist', { id }, values.map((value) => h('option', { value })));
}
