// The boundary between cairn.js and the editor chunk (docs/editor-bridge.md,
// "Loading"). Editor mode runs only in tabs the editor opened, so its code
// (verify, picker, overlay, preview/check) is a separate file fetched only when
// this tab holds an editor token: cairn-editor.js beside cairn.js for the
// classic script, cairn-editor.mjs through import() for the ES module. The
// client sees nothing of it but these interfaces; editor_bridge/editor_chunk.ts
// implements them.
import type { CoreModule } from '../core/core_module';
import type { Command, Fingerprint, Problem, SessionInput, UserContext } from '../core/protocol';
import { takeEditorToken } from '../platform/editor_token_store';
import type { UiRoot } from '../ui/ui_root';

// What editor mode needs from the running client.
export interface EditorHost {
  core: CoreModule;
  ui: UiRoot;
  locale(): string;
  user(): UserContext;
  // The fingerprint a guide step stores for `el` (the core builds it from the
  // measured page), or null when `el` is not on the page or cannot be targeted.
  fingerprint(el: Element): Fingerprint | null;
  // Measures the page and loads it into the core's locator, where
  // cairn_editor_check reads it: the measured elements by candidate index, or
  // null when the core refused the page.
  loadPage(): Element[] | null;
  // Loads a packed guide list (the editor's draft) into the core for the next
  // preview or check; the core's problems when it refuses the bytes.
  loadPackedGuides(packed: Uint8Array): Problem[];
  // Feeds the session and runs its commands; returns the core's problems.
  session(input: SessionInput): Problem[];
  // Hides every step the session shows and stops locating its targets.
  stopGuides(): void;
}

// Editor mode once entered: what the client calls on it.
export interface EditorSession {
  // True while a draft runs: the client then feeds its session as usual.
  readonly previewing: boolean;
  start(sdkVersion: string): void;
  stop(): void;
  onRoute(url: string): void;
  // Sees every session command the client runs.
  observe(c: Command): void;
}

// The chunk's one export: verifies `token` with the collector and enters
// editor mode, or answers null (the tab then runs normally).
export interface EditorChunk {
  openEditor(collector: { host: string; writeKey: string }, token: string, host: EditorHost): Promise<EditorSession | null>;
}

// Where the classic-script chunk (cairn-editor.js) leaves itself for cairn.js.
export const EDITOR_CHUNK_GLOBAL = 'CairnEditor';

// Fetches the chunk; each entry (snippet.ts, index.ts) supplies its own.
export type EditorChunkLoader = (collectorHost: string) => Promise<EditorChunk>;

let loadChunk: EditorChunkLoader | null = null;

export function useEditorChunk(loader: EditorChunkLoader): void {
  loadChunk = loader;
}

// Editor mode for this tab, or null when the editor did not open it, the token
// does not verify, or the chunk cannot load (one warning; the page runs as
// usual, editor mode must never break the host page).
export async function connectEditor(collector: { host: string; writeKey: string }, host: EditorHost): Promise<EditorSession | null> {
  const token = takeEditorToken();
  if (!token) return null;
  try {
    if (!loadChunk) throw new Error('this build has no editor chunk');
    const chunk = await loadChunk(collector.host);
    return await chunk.openEditor(collector, token, host);
  } catch (e) {
    console.warn('cairn: editor mode unavailable, running normally:', e);
    return null;
  }
}
