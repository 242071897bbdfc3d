// The npm package's ES module where there is no document, as server-side
// rendering (Next.js, Nuxt) imports it: plain Node, no browser. Importing it
// and calling every documented call is harmless (docs/sdk.md#server-side-rendering):
// init resolves (it threw `document is not defined` without a wasmUrl) and
// warns once, nothing throws, nothing reaches the network (a collector and
// a wasm URL that count requests), and calls are not kept for a later init
// (a server's queue grew with each request and held its users' traits).
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { assert, DIST, runAndExit } from './harness.mjs';

// Runs in a fresh Node: the test's own process has loaded other modules.
const SERVER_RENDER = `
const warnings = [];
console.warn = (...a) => { warnings.push(a.join(' ')); };
const pkg = await import(process.env.CAIRN_MJS);
const Cairn = pkg.default;
const host = process.env.CAIRN_HOST;
const out = { same: pkg.Cairn === Cairn, threw: [], answers: [] };
const attempt = async (name, f) => { try { out.answers.push([name, await f()]); } catch (e) { out.threw.push(name + ': ' + e); } };
await attempt('init', () => Cairn.init({ writeKey: 'cwk_ssr', host }));
await attempt('init wasmUrl', () => Cairn.init({ writeKey: 'cwk_ssr', host, wasmUrl: host + '/sdk/cairn.wasm' }));
// A request's calls, many times over: a queue would keep each one's traits.
global.gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 20000; i++) {
  const traits = { note: 'x'.repeat(1000) + i };
  Cairn.identify('user-' + i, traits);
  Cairn.track('Rendered', traits);
}
global.gc();
out.heapGrowth = process.memoryUsage().heapUsed - before;
for (const [name, args] of [['identify', ['user-1', { plan: 'team' }]], ['track', ['Saved']], ['page', []], ['group', ['acct-7']],
  ['consent', [true]], ['launch', ['welcome']], ['flush', []], ['reset', []], ['shutdown', []]]) {
  await attempt(name, () => Cairn[name](...args));
}
await attempt('init after shutdown', () => Cairn.init({ writeKey: 'cwk_ssr', host }));
for (const hook of ['describe', 'fingerprint', 'locate', 'core']) await attempt('debug.' + hook, () => Cairn.debug[hook]({}));
await new Promise((r) => setTimeout(r, 300));
out.warnings = warnings;
console.log(JSON.stringify(out));
`;

const requests = [];
const server = createServer((req, res) => { requests.push(`${req.method} ${req.url}`); res.writeHead(404).end(); });
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const host = `http://127.0.0.1:${server.address().port}`;

await runAndExit('browser: sdk server side', [], async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--input-type=module', '-e', SERVER_RENDER], {
    env: { ...process.env, CAIRN_MJS: pathToFileURL(join(DIST, 'npm/dist/cairn.mjs')).href, CAIRN_HOST: host }, timeout: 30000,
  });
  const out = JSON.parse(stdout);
  assert(out.same, 'the default export is the named Cairn');
  assert(out.threw.length === 0, `calls threw on the server: ${out.threw.join('; ')}`);
  const nonNull = out.answers.filter(([, v]) => v !== undefined && v !== null);
  assert(nonNull.length === 0, `calls answered something on the server: ${JSON.stringify(nonNull)}`);
  // 20,000 calls with 1 KB traits each: about 40 MB if kept.
  assert(out.heapGrowth < 4e6, `the calls were kept: heap grew ${(out.heapGrowth / 1e6).toFixed(1)} MB`);
  assert(JSON.stringify(out.warnings) === JSON.stringify(['cairn: Cairn.init: no document here (server-side rendering?): the SDK does nothing']),
    `warnings: ${JSON.stringify(out.warnings)}`);
  assert(requests.length === 0, `the server-side SDK made requests: ${requests.join(', ')}`);
}, async () => { server.closeAllConnections(); await new Promise((ok) => server.close(ok)); });
