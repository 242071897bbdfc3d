// Serves the Acme sample app for the demo: samples/acme/ at /, the built SDK at
// /sdk/, with the collector's address and the app's write key written into the
// pages' <meta name="cairn-host"> and <meta name="cairn-write-key"> tags.
// Usage: node samples/serve.mjs --port 8400 --collector http://127.0.0.1:8470 \
//          --write-key cwk_... --sdk-dir build/wasm/wasm/dist
// Runs until SIGINT/SIGTERM.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
for (const required of ['collector', 'write-key', 'sdk-dir']) {
  if (!args[required]) { console.error(`serve.mjs: --${required} is required`); process.exit(2); }
}
const port = Number(args.port ?? 8400);
if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error('serve.mjs: --port must be 0-65535'); process.exit(2); }

const escape = (s) => s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]);
const rewrite = (_file, html) => html
  .replace(/(<meta name="cairn-host" content=")[^"]*(")/, `$1${escape(args.collector)}$2`)
  .replace(/(<meta name="cairn-write-key" content=")[^"]*(")/, `$1${escape(args['write-key'])}$2`);

const server = await startStaticServer(
  { '/sdk/': args['sdk-dir'], '/': join(here, 'acme') },
  { spaFallback: { '/': 'index.html' }, rewrite, port });
console.log(`sample app: ${server.url}/`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
