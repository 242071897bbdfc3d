// A small loopback static server for the sample app and the browser tests:
// serves `mounts` ({'/sdk/': dir, '/': dir}) on 127.0.0.1, with SPA fallback so
// history-API routes survive a reload, and an optional `rewrite(file, text)` for
// HTML (the demo writes the collector's address and write key into <meta> tags).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };

// Serves `mounts`; `headers(path)` adds response headers (a CSP for some pages).
// Unknown paths under a mount listed in `spaFallback` get that file instead.
// `port` 0 picks a free port. Resolves to {url, close()}.
export async function startStaticServer(mounts, { headers = () => ({}), spaFallback = {}, rewrite = null, port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    const prefix = Object.keys(mounts).sort((a, b) => b.length - a.length).find((p) => path.startsWith(p));
    if (!prefix) { res.writeHead(404).end(); return; }
    const base = resolve(mounts[prefix]);
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    if (path.endsWith('/')) file = join(file, 'index.html');
    let body;
    try {
      body = await readFile(file);
    } catch {
      const fallback = spaFallback[prefix];
      if (!fallback) { res.writeHead(404).end('not found'); return; }
      file = join(base, fallback);
      try { body = await readFile(file); } catch { res.writeHead(404).end('not found'); return; }
    }
    if (rewrite && extname(file) === '.html') body = rewrite(file, body.toString('utf8'));
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headers(path) });
    res.end(body);
  });
  const url = await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`));
  });
  return { url, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}
