// Loads an editor TypeScript module for a node:test file: esbuild bundles it
// (with what it imports) into a temp dir, which is removed when the process
// exits, and the bundle is imported. Modules that touch `document` or
// `window` need fake_dom.mjs installed first.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = mkdtempSync(join(tmpdir(), 'cairn-editor-test-'));
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));

let bundles = 0;

// The exports of the modules at `paths` (relative to the repository root:
// 'editor/src/editor/json_diff.ts'), bundled together so that classes they
// share (ApiError, say) are one class for instanceof.
export async function loadModule(...paths) {
  const outfile = join(outdir, `${basename(paths[0], '.ts')}-${++bundles}.mjs`);
  await build({
    stdin: { contents: paths.map((p) => `export * from ${JSON.stringify(`./${p}`)};`).join('\n'), resolveDir: ROOT, loader: 'ts' },
    outfile, bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'error', loader: { '.css': 'empty' },
  });
  return import(pathToFileURL(outfile).href);
}
