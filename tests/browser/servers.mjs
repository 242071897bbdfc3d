// Loopback servers for the browser tests: a static server (the sample app, test
// pages and the built SDK under /sdk/) and a recording stub of the collector
// (GET /v1/guides, POST /v1/batch) on another port, so the SDK talks
// cross-origin as it does in production. Both listen on 127.0.0.1 ephemeral ports.
import { createServer } from 'node:http';
export { startStaticServer } from '../../samples/static_server.mjs';

function listen(server) {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`)));
}

// The collector stand-in. `guides` is the /v1/guides document. Records every
// event of every accepted batch in `received`, and in `events` once per
// messageId, as the collector stores them: delivery is at least once (a batch in
// flight when the page goes away is also sent by beacon), dedup is the server's.
// `offline` makes it drop connections (as if the network were gone) without
// recording.
export async function startStubCollector(guides) {
  const state = { guides, batches: [], received: [], events: [], offline: false, guideRequests: 0 };
  const seen = new Set();
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Expose-Headers': 'ETag' };
  const server = createServer((req, res) => {
    if (state.offline) { req.socket.destroy(); return; }
    const url = new URL(req.url, 'http://x');
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    if (req.method === 'GET' && url.pathname === '/v1/guides') {
      state.guideRequests++;
      const body = JSON.stringify(state.guides);
      const etag = `"${body.length}-${hash(body)}"`;
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { ...cors, ETag: etag }).end(); return; }
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json', ETag: etag }).end(body);
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
