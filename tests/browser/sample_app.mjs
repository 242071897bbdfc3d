// The sample app (samples/acme) with the built SDK (build/wasm/wasm/dist at
// /sdk/) on its own origin, as samples/serve.mjs serves it. Its <meta> tags
// get the collector's address and write key per request from `collector()`,
// so the app can start before the collector (which needs the app's origin).
import { join } from 'node:path';
import { startStaticServer } from '../../samples/static_server.mjs';
import { DIST, ROOT } from './harness.mjs';

// `collector()` → {url, writeKey} or null (tags left empty). Resolves to {url, close()}.
export function startSampleApp(collector) {
  return startStaticServer({ '/sdk/': DIST, '/': join(ROOT, 'samples/acme') }, {
    spaFallback: { '/': 'index.html' },
    rewrite: (_file, html) => html
      .replace(/(<meta name="cairn-host" content=")[^"]*(")/, `$1${collector()?.url ?? ''}$2`)
      .replace(/(<meta name="cairn-write-key" content=")[^"]*(")/, `$1${collector()?.writeKey ?? ''}$2`),
  });
}
