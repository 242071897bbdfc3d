// Where the editor token lives in this tab (docs/editor-bridge.md, "Trust"): it
// arrives in the URL fragment `#cairn-editor=<token>`, leaves the URL at once
// (history.replaceState, so it is neither bookmarked nor shared nor sent as a
// Referer) and lives in this tab's sessionStorage, so editor mode survives
// reloads and page changes in this tab only. Part of cairn.js (every page asks
// "was this tab opened by the editor?" before loading the editor chunk); the
// collector's verdict on the token is the chunk's (editor_bridge/editor_token.ts).

const STORAGE_KEY = 'cairn:editor';
const FRAGMENT = /(^#?|&)cairn-editor=([^&]*)/;
const MAX_TOKEN_LENGTH = 1024;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;  // storage disabled: editor mode lasts for this page only
  }
}

// Moves a fragment token into sessionStorage and returns the tab's token, or
// null when this tab was not opened by the editor.
export function takeEditorToken(): string | null {
  const store = storage();
  // The rest of the fragment is kept byte for byte (hash routers live there).
  const match = FRAGMENT.exec(location.hash);
  if (match) {
    const rest = location.hash.slice(1).replace(FRAGMENT, '').replace(/^&/, '');
    history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    const fromUrl = match[2]!;
    if (fromUrl && fromUrl.length <= MAX_TOKEN_LENGTH) {
      store?.setItem(STORAGE_KEY, fromUrl);
      return fromUrl;
    }
  }
  const stored = store?.getItem(STORAGE_KEY) ?? null;
  return stored && stored.length <= MAX_TOKEN_LENGTH ? stored : null;
}

export function forgetEditorToken(): void {
  storage()?.removeItem(STORAGE_KEY);
}
