// Where a file of the SDK (cairn.wasm, cairn-editor.js) is served: beside
// cairn.js, else under the collector's /sdk/. The script's own URL is read
// while it first runs: document.currentScript is null after.
const scriptUrl = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null)?.src : undefined;

export function sdkFileUrl(file: string, host: string): string {
  const src = scriptUrl || (document.currentScript as HTMLScriptElement | null)?.src;
  return src ? new URL(file, src).href : host.replace(/\/+$/, '') + '/sdk/' + file;
}
