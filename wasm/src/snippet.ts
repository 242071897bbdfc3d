// Classic-script entry (IIFE): defines window.Cairn and replays calls the
// inline snippet queued before this file loaded (window.Cairn = [[name, ...args]]).
import { Cairn } from './api/cairn';
import { EDITOR_CHUNK_GLOBAL, useEditorChunk, type EditorChunk } from './api/editor_port';
import { sdkFileUrl } from './api/sdk_file_url';
import { warnOnce } from './api/warn_once';

type Queued = [string, ...unknown[]];
const w = window as unknown as { Cairn?: unknown };
const queued = Array.isArray(w.Cairn) ? (w.Cairn as Queued[]) : [];
// cairn.js added a second time (a tag manager and the page both add it): the
// SDK already there keeps window.Cairn. Replaced, it would send the calls
// after to a copy that was never started, and they would be lost.
if (!Array.isArray(w.Cairn) && typeof (w.Cairn as typeof Cairn | undefined)?.init === 'function') {
  warnOnce('cairn.js was loaded twice; the first copy runs');
} else {
  w.Cairn = Cairn;
}

// Editor mode comes as cairn-editor.js beside this file, added like this file
// was (same origin, same nonce), so a CSP that allows cairn.js allows it.
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce;
useEditorChunk((host) => new Promise<EditorChunk>((resolve, reject) => {
  const script = document.createElement('script');
  script.src = sdkFileUrl('cairn-editor.js', host);
  if (nonce) script.nonce = nonce;
  script.onload = () => {
    const chunk = (window as unknown as Record<string, EditorChunk | undefined>)[EDITOR_CHUNK_GLOBAL];
    if (chunk) resolve(chunk); else reject(new Error(`${script.src} defined no editor chunk`));
  };
  script.onerror = () => reject(new Error(`cannot load ${script.src}`));
  (document.head ?? document.documentElement).appendChild(script);
}));

for (const [name, ...args] of queued) {
  const fn = (Cairn as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  if (typeof fn === 'function') fn.apply(Cairn, args);
  else warnOnce(`window.Cairn queue: no call named ${JSON.stringify(name)}`);
}
