// Builds the two web apps the collector serves: the editor (/editor/) and the
// dashboard (/dashboard/). Each is one page: index.html + app.js + app.css,
// written to build/editor/<app>/ (point --editor-dir / --dashboard-dir there).
// Type-checks first, so a type error fails the build (and CI).
//   node editor/build.mjs [--watch]
import { build, context } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const out = join(root, 'build/editor');
const apps = ['editor', 'dashboard'];
const watch = process.argv.includes('--watch');

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.json')],
  { stdio: 'inherit' });

for (const app of apps) {
  const dir = join(out, app);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const options = {
    entryPoints: { app: join(here, 'src', app, 'main.ts') },
    bundle: true, minify: !watch, sourcemap: true, target: 'es2020', format: 'esm',
    outdir: dir, legalComments: 'none', charset: 'utf8', logLevel: 'warning',
    loader: { '.css': 'css' },
  };
  if (watch) await (await context(options)).watch();
  else await build(options);
  copyFileSync(join(here, 'src', app, 'index.html'), join(dir, 'index.html'));
}

// The build stamp lets a test (and a human) see which build is being served.
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync(join(out, 'VERSION'), `${version}\n`);
console.log(`editor/build.mjs: ${apps.map((a) => `build/editor/${a}/`).join(', ')} ready`);
