// Bundles the browser SDK beside the core's standalone cairn_core.wasm (run by
// scripts/build-wasm after `cmake --build --preset wasm`). No Emscripten JS glue
// is bundled: src/core/core_module.ts loads the wasm itself. Output in
// build/wasm/wasm/dist/ (or $CAIRN_WASM_BUILD_DIR/wasm/dist/):
//   cairn.js     classic script (IIFE) defining window.Cairn — the snippet's file
//   cairn.mjs    ES module
//   cairn.wasm   the core
//   cairn-editor.js / cairn-editor.mjs   editor mode (docs/editor-bridge.md),
//                fetched by cairn.js / cairn.mjs only in tabs the editor opened
//   npm/         the npm package layout (package.json, README.md, LICENSE, ES
//                module, wasm, the public API's .d.ts)
// Fails when the shipped JS contains eval or new Function (strict CSP), when
// editor code ends up in cairn.js / cairn.mjs (every user loads them), when a
// minified `_` property name is also written quoted in the sources, or when
// the core does not load with that loader (an import it does not give).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
// CAIRN_WASM_BUILD_DIR: another build tree of the wasm preset (size experiments).
const buildDir = resolve(root, process.env.CAIRN_WASM_BUILD_DIR || 'build/wasm');
const coreDir = join(buildDir, 'wasm/core');
const dist = join(buildDir, 'wasm/dist');
const coreWasm = join(coreDir, 'cairn_core.wasm');
if (!existsSync(coreWasm)) {
  console.error(`build.mjs: ${coreWasm} missing; run cmake --build --preset wasm first`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'npm/dist'), { recursive: true });

// ES2022 syntax is shipped as written (class fields, #private names, which
// minify): the SDK already needs Chrome 85 (`??=`), Firefox 101 and Safari 16.4
// (constructable stylesheets, ui_root.ts), which all have the ES2022 the source
// uses (no class static blocks: Chrome 94).
//
// Properties named with a trailing underscore are internal to the adapter
// (shapes such as page_walk.ts's WalkedElement that never leave it): their
// names are minified. Names that cross a boundary (the core's JSON protocol,
// postMessage data, stored records, the DOM, the public API) never end in `_`.
// One mangle cache for every bundle, so cairn.js and the editor chunk agree.
const mangleCache = {};
const common = {
  bundle: true, minify: true, target: 'es2022', legalComments: 'none', charset: 'utf8',
  mangleProps: /[^_]_$/, logLevel: 'warning',
};
// Builds with `common` and the shared mangle cache.
async function bundle(options) {
  const result = await build({ ...common, mangleCache, ...options });
  Object.assign(mangleCache, result.mangleCache);
}
// The ES module's import() of the editor chunk stays an import of the file
// beside it (index.ts); the classic script adds cairn-editor.js itself (snippet.ts).
const editorChunkBeside = { name: 'editor-chunk-beside', setup(b) {
  b.onResolve({ filter: /editor_bridge\/editor_chunk$/ }, (a) => (a.kind === 'dynamic-import' ? { path: './cairn-editor.mjs', external: true } : undefined));
} };
await bundle({ entryPoints: [join(here, 'src/snippet.ts')], format: 'iife', outfile: join(dist, 'cairn.js') });
await bundle({ entryPoints: [join(here, 'src/index.ts')], format: 'esm', outfile: join(dist, 'cairn.mjs'), plugins: [editorChunkBeside] });
await bundle({ entryPoints: [join(here, 'src/editor_bridge/editor_chunk_script.ts')], format: 'iife', outfile: join(dist, 'cairn-editor.js') });
await bundle({ entryPoints: [join(here, 'src/editor_bridge/editor_chunk.ts')], format: 'esm', outfile: join(dist, 'cairn-editor.mjs') });
copyFileSync(coreWasm, join(dist, 'cairn.wasm'));
await loadWithOurLoader(join(dist, 'cairn.wasm'));

for (const file of ['cairn.js', 'cairn.mjs', 'cairn-editor.js', 'cairn-editor.mjs']) {
  const text = readFileSync(join(dist, file), 'utf8');
  const bad = text.match(/\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*["'`]/);
  if (bad) {
    console.error(`build.mjs: ${file} contains "${bad[0]}": a strict CSP would block it`);
    process.exit(1);
  }
  // Only editor mode verifies tokens: its code stays out of what every user loads.
  if (!file.includes('editor') && text.includes('/v1/editor/verify')) {
    console.error(`build.mjs: ${file} contains editor mode code; it belongs in the editor chunk (api/editor_port.ts)`);
    process.exit(1);
  }
}

// A quoted `_` name (obj['x_'], a JSON key) is not mangled, so it would no
// longer meet the mangled one: such names stay out of the sources.
const sources = readdirSync(join(here, 'src'), { recursive: true }).filter((f) => f.endsWith('.ts'))
  .map((f) => [f, readFileSync(join(here, 'src', f), 'utf8')]);
for (const name of Object.keys(mangleCache)) {
  const quoted = sources.find(([, text]) => new RegExp(`['"\`]${name}['"\`]`).test(text));
  if (quoted) {
    console.error(`build.mjs: "${name}" is quoted in src/${quoted[0]}; names ending in _ are minified (see common)`);
    process.exit(1);
  }
}

// npm layout: ES module + wasm + declarations, README and LICENSE.
copyFileSync(join(here, 'npm/README.md'), join(dist, 'npm/README.md'));
copyFileSync(join(root, 'LICENSE'), join(dist, 'npm/LICENSE'));
copyFileSync(join(dist, 'cairn.mjs'), join(dist, 'npm/dist/cairn.mjs'));
copyFileSync(join(dist, 'cairn.wasm'), join(dist, 'npm/dist/cairn.wasm'));
copyFileSync(join(dist, 'cairn.js'), join(dist, 'npm/dist/cairn.js'));
for (const file of ['cairn-editor.mjs', 'cairn-editor.js']) copyFileSync(join(dist, file), join(dist, 'npm/dist', file));
// Declarations of every module (type-checks them all), of which the package
// ships the public API's only: index.d.ts and what it imports
// (api/public_types.ts). The internal ones would show a host's editor names
// the minifier renames and let it import modules that are not the API.
function shipTypes(file) {
  const out = join(dist, 'npm/types', file);
  if (existsSync(out)) return;
  // The package is "type": "module": a host resolving it as Node does
  // (moduleResolution node16/nodenext) needs the .js of every relative import,
  // or TypeScript rejects the declarations (and with skipLibCheck, every type
  // silently becomes `any`). The sources import without extensions (bundler).
  const text = readFileSync(join(declarations, file), 'utf8').replace(/(from |import\()'(\.\.?\/[^']+)'/g, "$1'$2.js'");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  for (const [, imported] of text.matchAll(/(?:from |import\()'(\.\.?\/[^']+)\.js'/g)) shipTypes(join(dirname(file), `${imported}.d.ts`));
}
const declarations = mkdtempSync(join(tmpdir(), 'cairn-types-'));
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.json'),
    '--outDir', declarations], { stdio: 'inherit' });
  shipTypes('index.d.ts');
} finally {
  rmSync(declarations, { recursive: true, force: true });
}
writeFileSync(join(dist, 'npm/package.json'), JSON.stringify({
  name: '@cairn/sdk', version, description: 'Cairn browser SDK: in-product guides and behaviour analytics',
  license: 'Apache-2.0', type: 'module', module: './dist/cairn.mjs', main: './dist/cairn.mjs',
  types: './types/index.d.ts', sideEffects: false,
  exports: { '.': { types: './types/index.d.ts', import: './dist/cairn.mjs' }, './cairn.wasm': './dist/cairn.wasm' },
  files: ['dist', 'types'],
}, null, 2) + '\n');

// Test-only bundle for the browser tests (not part of the SDK).
await bundle({ minify: false, entryPoints: [join(here, 'test/ui_gallery.ts')], format: 'iife', outfile: join(buildDir, 'wasm/test/ui_gallery.js') });
await bundle({ minify: false, entryPoints: [join(here, 'test/describe_parity.ts')], format: 'iife', outfile: join(buildDir, 'wasm/test/describe_parity.js') });

const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const sizes = { 'cairn.js': gz('cairn.js'), 'cairn.wasm': gz('cairn.wasm') };
console.log(`build.mjs: dist ready in ${dist}; gzip -9: cairn.js ${sizes['cairn.js']} B + cairn.wasm ${sizes['cairn.wasm']} B = ${sizes['cairn.js'] + sizes['cairn.wasm']} B` +
  ` (editor mode only: cairn-editor.js ${gz('cairn-editor.js')} B)`);

// Instantiates the core with the shipped loader, in Node: a core that needs an
// import core_module.ts does not give (a libc change, a stale glue-era build)
// fails the build here with the LinkError, not in a user's browser.
async function loadWithOurLoader(wasmFile) {
  const probeDir = mkdtempSync(join(tmpdir(), 'cairn-core-probe-'));
  try {
    const probe = join(probeDir, 'core_module.mjs');
    await bundle({ entryPoints: [join(here, 'src/core/core_module.ts')], format: 'esm', outfile: probe });
    const { CoreModule } = await import(pathToFileURL(probe).href);
    const bytes = readFileSync(wasmFile);
    const core = await CoreModule.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    if (!Array.isArray(core.info?.modules)) throw new Error(`cairn_version answered ${JSON.stringify(core.info)}`);
  } catch (e) {
    console.error(`build.mjs: ${wasmFile} does not load with src/core/core_module.ts: ${e.message}`);
    process.exit(1);
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}
