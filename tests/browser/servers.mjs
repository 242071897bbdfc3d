// Loopback servers for the browser tests: a static server (the sample app, test
// pages and the built SDK under /sdk/) and a recording stub of the collector
// (GET /v1/guides, POST /v1/batch) on another port, so the SDK talks
// cross-origin as it does in production. Both listen on 127.0.0.1 ephemeral ports.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
export { startStaticServer } from '../../samples/static_server.mjs';

// The packed guide form the SDK asks for (sdk/guide/guide_pack.h, docs/api.md).
export const PACKED_GUIDES = 'application/vnd.cairn.guides-pack';
// The collector's packer as a command (tools/guide_pack): tests/browser/CMakeLists.txt
// names this build's; run by hand, the release tree's.
const GUIDE_PACK = process.env.CAIRN_GUIDE_PACK
  || resolve(dirname(fileURLToPath(import.meta.url)), '../../build/release/tools/guide_pack/cairn-guide-pack');

// `document` ({"guides": [...]}, as /v1/guides answers in JSON) in the packed
// form, made by the same code as the collector's. Rejects with the packer's
// problems when a guide is invalid: the collector would have refused to store it.
export function packGuides(document) {
  return new Promise((ok, fail) => {
    const child = execFile(GUIDE_PACK, [], { encoding: 'buffer', maxBuffer: 64 << 20, timeout: 20000 }, (error, stdout, stderr) => {
      if (!error) ok(stdout);
      else fail(new Error(error.code === 'ENOENT' ? `${GUIDE_PACK} missing: build cairn-guide-pack or set CAIRN_GUIDE_PACK`
        : `cairn-guide-pack refused the test's guides: ${stderr.toString().trim() || error.message}`));
    });
    child.stdin.end(JSON.stringify(document));
  });
}

function listen(server) {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`)));
}

// The collector stand-in. `guides` is the /v1/guides document, answered in
// JSON or, to an SDK that asks for it (Accept), packed by cairn-guide-pack,
// each form with its own ETag. Records every event of every accepted batch in
// `received`, and in `events` once per messageId, as the collector stores them:
// delivery is at least once (a batch in flight when the page goes away is also
// sent by beacon), dedup is the server's.
// `offline` makes it drop connections (as if the network were gone) without
// recording. `refuseNext` ({status, headers}) answers the next batch so,
// without recording it; `refused` lists when it did. `hangNext` (a count)
// takes that many batches and never answers them, as a hung proxy would:
// `hung` lists them, each `{ closed }` once the client gave up on it (close()
// ends those still open).
export async function startStubCollector(guides) {
  const state = { guides, batches: [], received: [], events: [], offline: false, guideRequests: 0, refuseNext: null, refused: [],
    hangNext: 0, hung: [] };
  const seen = new Set();
  const packed = { text: null, bytes: null };  // the last document packed, by its JSON text
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Expose-Headers': 'ETag, Retry-After' };
  const answerGuides = async (req, res) => {
    state.guideRequests++;
    const text = JSON.stringify(state.guides);
    const wantsPacked = (req.headers.accept ?? '').includes(PACKED_GUIDES);
    let body = text;
    if (wantsPacked) {
      if (packed.text !== text) Object.assign(packed, { text, bytes: await packGuides(state.guides) });
      body = packed.bytes;
    }
    const etag = `"${wantsPacked ? 'pack-' : ''}${text.length}-${hash(text)}"`;
    const headers = { ...cors, ETag: etag, Vary: 'Accept' };
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers).end(); return; }
    res.writeHead(200, { ...headers, 'Content-Type': wantsPacked ? PACKED_GUIDES : 'application/json' }).end(body);
  };
  const server = createServer((req, res) => {
    if (state.offline) { req.socket.destroy(); return; }
    const url = new URL(req.url, 'http://x');
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    if (req.method === 'GET' && url.pathname === '/v1/guides') {
      answerGuides(req, res).catch((e) => {
        // Loud: a test whose guides cannot be packed must fail, not run without guides.
        console.error(`stub collector: ${e.message}`);
        res.writeHead(500, cors).end(e.message);
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1/batch' && state.hangNext > 0) {
      state.hangNext--;
      const hung = { closed: false };
      state.hung.push(hung);
      req.resume();
      res.on('close', () => { hung.closed = true; });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1/batch' && state.refuseNext) {
      const { status, headers } = state.refuseNext;
      state.refuseNext = null;
      state.refused.push(Date.now());
      req.resume();
      req.on('end', () => res.writeHead(status, { ...cors, ...headers }).end());
      return;
    }
    if (req.method === 'POST' && url.pathname === '/v1/batch') {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c) => { text += c; });
      req.on('end', () => {
        let doc;
        try { doc = JSON.parse(text); } catch { res.writeHead(400, cors).end('{"error":"bad json"}'); return; }
        state.batches.push(doc);
        for (const e of doc.batch ?? []) {
          state.received.push(e);
          if (!seen.has(e.messageId)) { seen.add(e.messageId); state.events.push(e); }
        }
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end('{"success":true}');
      });
      return;
    }
    res.writeHead(404, cors).end();
  });
  const url = await listen(server);
  return { url, state, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16);
}
