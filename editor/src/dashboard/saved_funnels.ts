// Saved funnels, kept in this browser's localStorage per app (the collector
// has no endpoint for them yet; docs/dashboard.md says so). A saved funnel is
// the query without its date range, so it can be run on any range.
import type { FunnelQuery } from './analytics_model';

export type FunnelDefinition = Omit<FunnelQuery, 'from_ms' | 'to_ms' | 'dropped'>;

export interface SavedFunnel {
  id: string;
  name: string;
  definition: FunnelDefinition;
  saved_at_ms: number;
}

const key = (appId: string) => `cairn:dashboard:funnels:${appId}`;

export function listSavedFunnels(appId: string): SavedFunnel[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(appId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((f): f is SavedFunnel =>
      !!f && typeof f === 'object' && typeof f.id === 'string' && typeof f.name === 'string' && !!f.definition && Array.isArray(f.definition.steps)) : [];
  } catch {
    return [];  // A corrupt entry must not break the dashboard; saving again replaces it.
  }
}

export function findSavedFunnel(appId: string, id: string): SavedFunnel | undefined {
  return listSavedFunnels(appId).find((f) => f.id === id);
}

// Saves under `id` (replacing) or as a new funnel; returns the stored entry.
export function saveFunnel(appId: string, name: string, definition: FunnelDefinition, id?: string): SavedFunnel {
  const all = listSavedFunnels(appId);
  const entry: SavedFunnel = { id: id ?? `f${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name, definition, saved_at_ms: Date.now() };
  const at = all.findIndex((f) => f.id === entry.id);
  if (at >= 0) all[at] = entry; else all.push(entry);
  localStorage.setItem(key(appId), JSON.stringify(all));
  return entry;
}

export function deleteSavedFunnel(appId: string, id: string): void {
  localStorage.setItem(key(appId), JSON.stringify(listSavedFunnels(appId).filter((f) => f.id !== id)));
}
