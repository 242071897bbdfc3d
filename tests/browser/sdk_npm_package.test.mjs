// The npm package as a vendor's TypeScript app meets it (docs/quickstart.md#with-npm):
// packed and installed offline into an app of its own, type-checked with
// --strict under the module resolutions apps use (bundler, and Node's
// nodenext, where extensionless imports in the declarations made every type
// `any`). Right usage compiles (traits typed by an interface too), wrong
// usage fails with the runtime's own rules (an environment init refuses, an
// unknown option, a numeric event name), and the documented exports resolve.
// The package ships a README and the repository's LICENSE, and types of the
// public API only: no internal module's declarations, no internal option.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assert, DIST, ROOT, runAndExit } from './harness.mjs';

const RIGHT = `
import Cairn, { type CairnApi, type CairnOptions, type ElementDescriptor, type Fingerprint, type Properties } from '@cairn/sdk';

interface User { id: string; plan: 'free' | 'team'; seats: number; signedUp: Date }

const options: CairnOptions = {
  writeKey: 'cwk_0', host: 'https://cairn.example.com', wasmUrl: '/sdk/cairn.wasm',
  environment: 'staging', consent: 'pending', sampleRate: 0.5, flushAt: 10, flushIntervalMs: 1000,
  autocapture: true, capturePageviews: false, respectDoNotTrack: true, guides: true, locale: 'de',
  unmaskedTraits: ['email'],
};
export async function start(user: User): Promise<void> {
  await Cairn.init(options);
  Cairn.identify(user.id, user);
  Cairn.identify(42);
  Cairn.identify(null, { plan: 'free' });
  Cairn.group('acct-7', { name: 'Initech', seats: 25 });
  const props: Properties = { template: 'kanban', nested: { a: [1, 2] } };
  Cairn.track('Project Created', props);
  Cairn.page('Settings', { tab: 'billing' });
  Cairn.page();
  Cairn.consent(true);
  Cairn.launch('welcome-tour');
  Cairn.flush();
  Cairn.reset();
  Cairn.shutdown();
  const d: ElementDescriptor | null = Cairn.debug.describe(document.body);
  const fp = Cairn.debug.fingerprint(document.body);
  const el: Element | null = fp ? Cairn.debug.locate(fp) : null;
  const stored: Fingerprint | null = fp;
  const api: CairnApi = Cairn;
  void d; void el; void stored; void api;
}
`;

// Each line is one mistake the types must catch, as the runtime would.
const WRONG = [
  "Cairn.track(42);",
  "void Cairn.init({ writeKey: 'k', host: 'https://c.example.com', environment: 'Staging' });",
  "void Cairn.init({ writeKey: 'k', host: 'https://c.example.com', capturePageViews: false });",
  "void Cairn.init({ host: 'https://c.example.com' });",
  "Cairn.consent('yes');",
  "void Cairn.init({ writeKey: 'k', host: 'https://c.example.com', unmaskedTraits: 'email' });",
  // Bytes instead of wasmUrl: an internal option once, never documented.
  "void Cairn.init({ writeKey: 'k', host: 'https://c.example.com', wasm: new ArrayBuffer(8) });",
];

// Every name the package's types export (docs/sdk.md#install-with-npm).
const PUBLIC = ['AncestorLevel', 'Cairn', 'CairnApi', 'CairnOptions', 'ElementDescriptor', 'Fingerprint', 'Properties', 'Rect', 'default'];

const RESOLUTIONS = [['--module', 'nodenext'], ['--module', 'esnext', '--moduleResolution', 'bundler']];

const app = mkdtempSync(join(tmpdir(), 'cairn-npm-app-'));
await runAndExit('browser: sdk npm package', [], async () => {
  const npm = (...args) => execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'vendor-app', version: '1.0.0', private: true, type: 'module' }));
  npm('pack', join(DIST, 'npm'), '--pack-destination', app);
  const tarball = readdirSync(app).find((f) => f.endsWith('.tgz'));
  assert(tarball, 'npm pack wrote no tarball');
  npm('install', join(app, tarball));

  const pkg = join(app, 'node_modules/@cairn/sdk');
  const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
  assert(/Apache License\s+Version 2\.0/.test(license), 'the repository LICENSE is the Apache License 2.0');
  assert(existsSync(join(pkg, 'LICENSE')) && readFileSync(join(pkg, 'LICENSE'), 'utf8') === license, 'the package ships the repository LICENSE');
  assert(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).license === 'Apache-2.0', 'package.json license agrees with LICENSE');
  const readme = existsSync(join(pkg, 'README.md')) ? readFileSync(join(pkg, 'README.md'), 'utf8') : '';
  assert(readme.includes("import Cairn from '@cairn/sdk'") && readme.includes('Cairn.init('), 'the package README shows how to start');

  // The declarations shipped are the ones index.d.ts reaches, and they export public names only.
  const types = join(pkg, 'types');
  const reached = new Set();
  const names = new Set();
  const reach = (file) => {
    if (reached.has(file)) return;
    reached.add(file);
    const text = readFileSync(join(types, file), 'utf8');
    for (const [, name] of text.matchAll(/^export (?:declare )?(?:const|function|class|interface|type|enum) (\w+)/gm)) names.add(name);
    for (const [, list] of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) for (const name of list.split(',')) names.add(name.trim().split(/\s+as\s+/).pop());
    if (/^export default /m.test(text)) names.add('default');
    for (const [, spec] of text.matchAll(/(?:from |import\()'(\.\.?\/[^']+?)(?:\.js)?'/g)) reach(join(dirname(file), `${spec}.d.ts`));
  };
  reach('index.d.ts');
  const shipped = readdirSync(types, { recursive: true }).filter((f) => f.endsWith('.d.ts'));
  const unreached = shipped.filter((f) => !reached.has(f));
  assert(unreached.length === 0, `declarations of internal modules shipped: ${unreached.join(', ')}`);
  const internal = [...names].filter((n) => !PUBLIC.includes(n));
  assert(internal.length === 0, `the package's types export internal names: ${internal.join(', ')}`);

  const tsc = (file, flags) => {
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--strict', '--noEmit', '--target', 'es2022',
        '--lib', 'es2022,dom', '--types', '', ...flags, file], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return '';
    } catch (e) {
      return (e.stdout || '') + (e.stderr || '') || String(e);
    }
  };
  writeFileSync(join(app, 'right.ts'), RIGHT);
  for (const flags of RESOLUTIONS) {
    const errors = tsc('right.ts', flags);
    assert(errors === '', `right usage, ${flags.join(' ')}:\n${errors}`);
    for (const [i, line] of WRONG.entries()) {
      writeFileSync(join(app, `wrong${i}.ts`), `import Cairn from '@cairn/sdk';\n${line}\n`);
      const out = tsc(`wrong${i}.ts`, flags);
      assert(/wrong\d\.ts\(2,\d+\): error TS/.test(out), `${flags.join(' ')}: the types let through: ${line}\n${out}`);
      // The declarations themselves are clean: a mistake is the caller's line only.
      assert(!out.includes('node_modules'), `${flags.join(' ')}: errors in the package's declarations:\n${out}`);
    }
  }

  // The ES module and the wasm the quickstart names resolve from the app.
  writeFileSync(join(app, 'resolve.mjs'), `
    import Cairn from '@cairn/sdk';
    import { fileURLToPath } from 'node:url';
    const calls = ['init', 'identify', 'track', 'page', 'group', 'reset', 'consent', 'launch', 'flush', 'shutdown'];
    const hooks = ['describe', 'fingerprint', 'locate'];
    console.log(JSON.stringify({ missing: [...calls.filter((c) => typeof Cairn[c] !== 'function'),
      ...hooks.filter((h) => typeof Cairn.debug?.[h] !== 'function')], wasm: fileURLToPath(import.meta.resolve('@cairn/sdk/cairn.wasm')) }));`);
  const resolved = JSON.parse(execFileSync(process.execPath, ['resolve.mjs'], { cwd: app, encoding: 'utf8' }));
  assert(resolved.missing.length === 0, `documented calls missing from the package: ${resolved.missing}`);
  assert(existsSync(resolved.wasm) && resolved.wasm.endsWith('cairn.wasm'), `@cairn/sdk/cairn.wasm: ${resolved.wasm}`);
}, async () => { rmSync(app, { recursive: true, force: true }); });
