// SDK size benchmark: what a page downloads for Cairn (cairn.js + cairn.wasm;
// our CSS is inside cairn.js) against tour libraries and an analytics SDK, all
// measured in this run from their npm packages with the same compression.
// The editor chunk (cairn-editor.js) is reported apart: only tabs the editor
// opened load it, so it is not in what every user downloads.
//   node bench/sdk/size.mjs [--json]     (CAIRN_WASM_BUILD_DIR=build/<dir> for another tree)
// Needs scripts/build-wasm first and `npm ci` (peers are devDependencies).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const nm = (p) => join(root, 'node_modules', p);
// CAIRN_WASM_BUILD_DIR: measure another build tree of the wasm preset.
const dist = join(resolve(root, process.env.CAIRN_WASM_BUILD_DIR || 'build/wasm'), 'wasm/dist');
const TARGET_GZIP = 50 * 1024;

const bundles = [
  { name: 'cairn (guides + analytics)', files: [join(dist, 'cairn.js'), join(dist, 'cairn.wasm')] },
  { name: `driver.js ${version('driver.js')} (tour)`, files: [nm('driver.js/dist/driver.js.iife.js'), nm('driver.js/dist/driver.css')] },
  { name: `shepherd.js ${version('shepherd.js')} (tour)`, files: [nm('shepherd.js/dist/js/shepherd.mjs'), nm('shepherd.js/dist/css/shepherd.css')] },
  { name: `intro.js ${version('intro.js')} (tour)`, files: [nm('intro.js/minified/intro.min.js'), nm('intro.js/minified/introjs.min.css')] },
  { name: `posthog-js ${version('posthog-js')} (analytics core)`, files: [nm('posthog-js/dist/array.js')] },
];

function version(pkg) {
  try { return JSON.parse(readFileSync(nm(`${pkg}/package.json`), 'utf8')).version; } catch { return '?'; }
}

const editorChunk = { name: 'cairn editor mode (authors only)', files: [join(dist, 'cairn-editor.js')] };

const rows = [];
for (const b of [...bundles, editorChunk]) {
  const missing = b.files.filter((f) => !existsSync(f));
  if (missing.length) { console.error(`size: missing ${missing.join(', ')}`); process.exit(1); }
  let raw = 0, gzip = 0, brotli = 0;
  const parts = [];
  for (const f of b.files) {
    const bytes = readFileSync(f);
    const gz = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += gz;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    parts.push(`${f.split('/').pop()} ${gz}`);
  }
  rows.push({ name: b.name, raw, gzip, brotli, parts: parts.join(' + ') });
}

const editorRow = rows.pop();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify([...rows, editorRow], null, 2));
} else {
  const ours = rows[0];
  const kb = (n) => (n / 1024).toFixed(1).padStart(6);
  console.log('bundle'.padEnd(38) + 'raw KB'.padStart(8) + 'gzip-9 KB'.padStart(11) + 'brotli KB'.padStart(11) + '  gzip vs cairn');
  for (const r of rows) {
    console.log(r.name.padEnd(38) + kb(r.raw).padStart(8) + kb(r.gzip).padStart(11) + kb(r.brotli).padStart(11) +
      `  ${(r.gzip / ours.gzip).toFixed(2)}x`);
  }
  const tourPlusAnalytics = rows[2].gzip + rows[4].gzip;
  console.log(`\ncairn parts (gzip -9 bytes): ${ours.parts}`);
  console.log(`editor mode, only in tabs the editor opened (gzip -9 bytes, not in the total): ${editorRow.parts}`);
  console.log(`shepherd + posthog (what a vendor ships today): ${kb(tourPlusAnalytics).trim()} KB = ${(tourPlusAnalytics / ours.gzip).toFixed(2)}x cairn`);
  console.log(`target: cairn <= ${TARGET_GZIP / 1024} KB gzip: ${ours.gzip <= TARGET_GZIP ? 'met' : `MISSED by ${kb(ours.gzip - TARGET_GZIP).trim()} KB`}`);
}
