// Funnels saved before the collector kept them: earlier dashboards stored them
// in this browser's localStorage per app. The first time an editor (or admin)
// opens the funnels or the overview of that app here, they are saved to the
// collector for the team and removed from the browser, with a notice; a
// viewer, who cannot save, is told once per browser session who can move them.
import { ApiError } from '../shared/api';
import { notify } from '../shared/notices';
import { MAX_NAME_CHARS, type FunnelDefinition, type SavedFunnelsApi } from './saved_funnels';

interface LegacyFunnel {
  name: string;
  definition: FunnelDefinition;
}

const storageKey = (appId: string) => `cairn:dashboard:funnels:${appId}`;
const toldKey = (appId: string) => `cairn:dashboard:funnels-told:${appId}`;

function readLegacy(appId: string): LegacyFunnel[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(appId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((f): f is LegacyFunnel =>
      !!f && typeof f === 'object' && typeof f.name === 'string' && !!f.definition && Array.isArray(f.definition.steps)) : [];
  } catch {
    return [];  // Corrupt: nothing to import.
  }
}

// Saves one funnel, renaming it when its name is taken by a different funnel.
async function importOne(api: SavedFunnelsApi, f: LegacyFunnel): Promise<boolean> {
  for (const name of [f.name, `${f.name} (from this browser)`]) {
    try {
      await api.create(name.slice(0, MAX_NAME_CHARS), f.definition, null);
      return true;
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'name_taken')) throw e;
    }
  }
  return false;
}

const running = new Map<string, Promise<void>>();

// Moves this browser's saved funnels of `appId` to the collector once. Funnels
// the collector refuses (invalid, or the app is full) stay in the browser.
export function importLegacyFunnels(appId: string, api: SavedFunnelsApi, canSave: boolean): Promise<void> {
  const legacy = readLegacy(appId);
  if (!legacy.length) {
    localStorage.removeItem(storageKey(appId));
    return Promise.resolve();
  }
  if (!canSave) {
    if (!sessionStorage.getItem(toldKey(appId))) {
      sessionStorage.setItem(toldKey(appId), '1');
      notify(`${legacy.length} funnel${legacy.length === 1 ? ' is' : 's are'} saved only in this browser. Viewers cannot share them; an editor who opens the dashboard in this browser moves them to the team's saved funnels.`, 'info', 10000);
    }
    return Promise.resolve();
  }
  let job = running.get(appId);
  if (!job) {
    job = (async () => {
      const kept: LegacyFunnel[] = [];
      let moved = 0;
      for (const f of legacy) {
        try {
          if (await importOne(api, f)) moved++; else kept.push(f);
        } catch {
          kept.push(f);
        }
      }
      if (kept.length) localStorage.setItem(storageKey(appId), JSON.stringify(kept)); else localStorage.removeItem(storageKey(appId));
      if (moved) notify(`Moved ${moved} saved funnel${moved === 1 ? '' : 's'} from this browser to the collector: your team sees ${moved === 1 ? 'it' : 'them'} now.`, 'success', 8000);
      if (kept.length) notify(`${kept.length} funnel${kept.length === 1 ? '' : 's'} saved in this browser could not be moved to the collector; ${kept.length === 1 ? 'it stays' : 'they stay'} here for another try.`, 'error', 10000);
    })().finally(() => running.delete(appId));
    running.set(appId, job);
  }
  return job;
}
