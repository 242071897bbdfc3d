// The editor bridge end to end (docs/editor-bridge.md) with the real
// cairn-collector: a test editor page on the collector's origin logs in, gets
// an editor token and opens the sample app (another origin) in editor mode,
// then picks elements (light DOM, open shadow root, same-origin iframe),
// checks and previews guides over postMessage. Also: a second tab of the app
// stays normal, a page on a third origin cannot drive editor mode, forged and
// foreign-app tokens give no editor mode, and editor mode sends no events.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { assert, eventually, DIST, ROOT, SHOTS, TEST_TIMEOUT_MS } from './harness.mjs';
import { shownStep } from './guides.mjs';
import { startStaticServer } from './servers.mjs';

const NAME = 'browser: editor bridge';
const COLLECTOR = process.env.CAIRN_COLLECTOR || join(ROOT, 'build/release/collector/cairn-collector');
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-gpu', '--disable-quic'];
for (const [file, hint] of [[join(DIST, 'cairn.js'), 'run scripts/build-wasm'], [COLLECTOR, 'build cairn-collector or set CAIRN_COLLECTOR']]) {
  if (!existsSync(file)) {
    console.error(`${NAME}: ${file} missing; ${hint}`);
    process.exit(1);
  }
}

mkdirSync(SHOTS, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'cairn-editor-bridge-'));
const cli = (...args) => {
  const out = execFileSync(COLLECTOR, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return Object.fromEntries(out.trim().split('\n').map((l) => l.split(' ')));
};

const started = [];
let collectorProcess = null;
const timer = setTimeout(() => { console.error(`${NAME}: timed out`); cleanup().then(() => process.exit(2)); }, TEST_TIMEOUT_MS);

async function cleanup() {
  for (const s of started.splice(0)) await s.close().catch(() => {});
  if (collectorProcess && collectorProcess.exitCode === null) {
    collectorProcess.kill('SIGTERM');
    await new Promise((ok) => { collectorProcess.once('exit', ok); setTimeout(ok, 5000); });
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function startCollector() {
  collectorProcess = spawn(COLLECTOR, ['serve', '--data-dir', dataDir, '--port', '0', '--log-level', 'warn',
    '--sdk-dir', DIST, '--editor-dir', join(ROOT, 'tests/browser/pages/editor')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: collectorProcess.stdout });
  const port = await new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error('the collector did not start')), 20000);
    lines.on('line', (line) => {
      const m = /^listening .*:(\d+)$/.exec(line);
      if (m) { clearTimeout(t); ok(Number(m[1])); }
    });
    collectorProcess.once('exit', (code) => fail(new Error(`the collector exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

// Messages the app posted back to the test editor page.
const messagesOf = (page) => page.evaluate(() => window.bridgeTest.messages.map((m) => ({ origin: m.origin, ...m.data })));
async function answer(editor, type, requestId, what) {
  const find = async () => (await messagesOf(editor)).find((m) => m.type === type && (requestId === undefined || m.request_id === requestId));
  try {
    return await eventually(find, what ?? `${type} ${requestId ?? ''}`);
  } catch (e) {
    throw new Error(`${e.message}; the app posted: ${JSON.stringify((await messagesOf(editor)).slice(-2).map((m) => ({ ...m, fingerprint: undefined })))}`);
  }
}

// The outlines editor mode draws in Cairn's shadow root.
const outlines = (page, cls = '') => page.evaluate((c) => Array.from(document.querySelector('cairn-ui')?.shadowRoot?.querySelectorAll('.eo' + c) ?? [])
  .filter((o) => !o.hidden).map((o) => { const r = o.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, label: o.textContent }; }), cls);
const badge = (page) => page.evaluate(() => document.querySelector('cairn-ui')?.shadowRoot?.querySelector('.eb')?.textContent ?? null);
const near = (a, b) => Math.abs(a.x - b.x) < 3 && Math.abs(a.y - b.y) < 3 && Math.abs(a.w - b.w) < 3 && Math.abs(a.h - b.h) < 3;

function tooltipGuide(fingerprint, extra = {}) {
  return { schema: 1, id: 'draft-tooltip', name: 'Draft tooltip', version: 1, status: 'draft',
    trigger: { kind: 'page_load', pages: { include: [{ path: '/nowhere' }] } }, frequency: { kind: 'once' },
    audience: { rollout: 0 },
    steps: [{ id: 'new-project', kind: 'tooltip', target: { fingerprint },
      content: { en: { title: 'Draft tip', body: 'Only the author sees this.', buttons: [{ label: 'Done', action: 'complete' }] } } }], ...extra };
}

let failed = false;
let browser = null;
const errors = [];
try {
  const admin = cli('create-admin', '--email', 'author@acme.test');
  const app = await startStaticServer({ '/sdk/': DIST, '/pages/': join(ROOT, 'tests/browser/pages'), '/': join(ROOT, 'samples/acme') },
    { spaFallback: { '/': 'index.html' } });
  started.push(app);
  const foreign = await startStaticServer({ '/': join(ROOT, 'tests/browser/pages/editor') });
  started.push(foreign);
  const acme = cli('create-app', '--name', 'Acme', '--origin', app.url);
  const other = cli('create-app', '--name', 'Other', '--origin', app.url);
  const collector = await startCollector();

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS, timeout: 30000 });
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  context.setDefaultTimeout(10000);
  await context.addInitScript(({ host, writeKey }) => { window.__cairnTest = { host, writeKey, flushIntervalMs: 200 }; },
    { host: collector, writeKey: acme.write_key });
  context.on('page', (p) => {
    p.on('pageerror', (e) => errors.push(String(e)));
    // Refused tokens (401) and the editor-mode tab's posts to a foreign opener
    // (dropped by the browser, which says so) are expected; script errors are not.
    p.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && !m.text().includes("Failed to execute 'postMessage'")) errors.push(m.text());
    });
  });
  const batches = [];
  const chunkLoads = [];  // tabs that fetched the editor chunk (cairn-editor.js)
  context.on('request', (r) => {
    if (r.url().includes('/v1/batch')) batches.push(r.frame().page());
    if (r.url().includes('/sdk/cairn-editor.')) chunkLoads.push(r.frame().page());
  });

  // The editor logs in and gets an edit token for the app.
  const editor = await context.newPage();
  await editor.goto(`${collector}/editor/`);
  assert(await editor.evaluate(({ email, password }) => window.bridgeTest.login(email, password), { email: 'author@acme.test', password: admin.password }) === 200, 'editor login');
  const issued = await editor.evaluate((id) => window.bridgeTest.token(id, 'edit'), acme.app_id);
  assert(issued.status === 201 && issued.body.token, `token issued: ${JSON.stringify(issued)}`);
  const token = issued.body.token;

  // It opens the app: editor mode starts, the token leaves the URL.
  const [live] = await Promise.all([context.waitForEvent('page'),
    editor.evaluate((url) => window.bridgeTest.open(url), `${app.url}/projects#cairn-editor=${token}`)]);
  const ready = await answer(editor, 'ready', undefined, 'ready from the app');
  assert(ready.origin === app.url && ready.purpose === 'edit' && ready.url === `${app.url}/projects`, `ready: ${JSON.stringify(ready)}`);
  // The packed guides the app's core reads, which the editor asks the draft route for.
  assert(ready.pack_version === 2, `ready names the pack version: ${JSON.stringify(ready)}`);
  assert(!live.url().includes('cairn-editor'), `the fragment is gone: ${live.url()}`);
  assert(await live.evaluate(() => sessionStorage.getItem('cairn:editor')) === token, 'the token is kept in sessionStorage');
  assert((await badge(live))?.includes('author@acme.test'), `badge: ${await badge(live)}`);
  assert(chunkLoads.includes(live), 'the editor tab loaded the editor chunk');
  const send = (message, pack = null) => editor.evaluate(([m, o, p]) => window.bridgeTest.send(m, o, p), [message, app.url, pack]);
  // The draft packed by the collector (POST .../guides/pack) in the app's version, as the editor sends it.
  const pack = async (draft) => {
    const packed = await editor.evaluate(([id, g, v]) => window.bridgeTest.pack(id, g, v), [acme.app_id, draft, ready.pack_version]);
    assert(packed.status === 200, `pack: ${JSON.stringify(packed)}`);
    return packed.pack;
  };

  // Pick: the outline follows the pointer; the click is swallowed and answered.
  await send({ type: 'pick', request_id: 'p1' });
  await eventually(async () => { await live.hover('#new-project'); return (await outlines(live)).length === 1; }, 'hover outline');
  const target = await live.locator('#new-project').boundingBox();
  assert(near((await outlines(live))[0], { x: target.x, y: target.y, w: target.width, h: target.height }), 'the outline sits on the hovered element');
  await shot(live, 'editor-bridge-pick.png');
  await live.click('#new-project');
  const picked = await answer(editor, 'picked', 'p1');
  assert(picked.summary.test_id === 'new-project' && picked.summary.tag === 'a', `picked summary: ${JSON.stringify(picked.summary)}`);
  assert(picked.fingerprint.element?.tag === 'a', `fingerprint: ${JSON.stringify(picked.fingerprint).slice(0, 200)}`);
  // With the pick, the check of its fingerprint here: what the locator relies on.
  assert(picked.check?.status === 'found' && picked.check.anchors?.test_id === 'new-project' && picked.check.anchors.id === 'new-project' &&
    picked.check.look_alikes === 0, `picked check: ${JSON.stringify(picked.check)}`);
  assert(new URL(live.url()).pathname === '/projects', `the app did not follow the link: ${live.url()}`);

  // Check on the same page: found (and outlined); untargeted and other-page steps say so.
  const guide = tooltipGuide(picked.fingerprint);
  const checked = { ...guide, steps: [...guide.steps,
    { id: 'hello', kind: 'modal', content: { en: { title: 'Hello', body: 'x' } } },
    { ...guide.steps[0], id: 'billing', page: { path: '/billing' } }] };
  await send({ type: 'check', request_id: 'c1' }, await pack(checked));
  const check1 = await answer(editor, 'check_result', 'c1');
  assert(check1.steps.map((s) => s.status).join() === 'found,no_target,other_page', `statuses: ${JSON.stringify(check1.steps)}`);
  assert(check1.steps[0].candidates[0].summary.test_id === 'new-project' && check1.steps[0].confidence > 0.7, 'found the picked element');
  assert(check1.steps[0].anchors?.test_id === 'new-project' && !('anchors' in check1.steps[2]), `anchors only where located: ${JSON.stringify(check1.steps)}`);
  assert((await outlines(live, '.found')).length === 1, 'the found step is outlined');

  // Preview: the draft tooltip shows in this tab only, whatever its rules say.
  const packedGuide = await pack(guide);
  await send({ type: 'preview', request_id: 'v1' }, packedGuide);
  const previewStarted = await answer(editor, 'preview_started', 'v1');
  assert(previewStarted.problems.length === 0, `preview problems: ${JSON.stringify(previewStarted.problems)}`);
  const step = await eventually(() => shownStep(live), 'draft tooltip shown in the editor tab');
  assert(step.title === 'Draft tip', `preview title: ${step.title}`);
  await shot(live, 'editor-bridge-preview.png');
  const normal = await context.newPage();
  await normal.goto(`${app.url}/projects`);
  await normal.waitForFunction(() => window.Cairn?.debug.core() !== null);
  await normal.waitForTimeout(500);
  assert(await shownStep(normal) === null, 'a normal tab of the app does not show the draft');
  assert(await badge(normal) === null, 'a normal tab is not in editor mode');
  assert(!chunkLoads.includes(normal), 'a normal tab never requests the editor chunk');
  await normal.evaluate(() => window.Cairn.flush());
  await eventually(() => batches.includes(normal), 'a normal tab records and sends events (the request watch works)');
  await live.locator('cairn-ui button[data-action=complete]').click();
  const ended = await answer(editor, 'preview_ended', 'v1');
  assert(ended.reason === 'completed', `preview ended: ${ended.reason}`);
  await eventually(async () => (await shownStep(live)) === null, 'the tooltip is gone');

  // stop_preview ends a running preview and is answered by its own id.
  await send({ type: 'preview', request_id: 'v3' }, packedGuide);
  await answer(editor, 'preview_started', 'v3');
  await eventually(() => shownStep(live), 'preview shown again');
  await send({ type: 'stop_preview', request_id: 's3' });
  assert((await answer(editor, 'preview_ended', 's3')).reason === 'stopped', 'stop_preview answered');
  await eventually(async () => (await shownStep(live)) === null, 'stopped preview hidden');

  // A malformed draft is refused by the collector's packer with the problems at their pointers.
  const refused = await editor.evaluate(([id, g]) => window.bridgeTest.pack(id, g), [acme.app_id, { ...guide, steps: [] }]);
  assert(refused.status === 422 && refused.body.error.problems.some((p) => p.pointer === '/steps'), `pack refused: ${JSON.stringify(refused)}`);
  // Damaged bytes: preview_started and the check carry the reader's problem at /guides; nothing runs.
  const damaged = await editor.evaluate((i) => {
    const packs = window.bridgeTest.packs;
    return packs.push(packs[i].slice(0, packs[i].byteLength - 5)) - 1;
  }, packedGuide);
  await send({ type: 'preview', request_id: 'v2' }, damaged);
  const bad = await answer(editor, 'preview_started', 'v2');
  assert(bad.problems.length === 1 && bad.problems[0].pointer === '/guides' && bad.problems[0].message, `problems: ${JSON.stringify(bad.problems)}`);
  assert(await shownStep(live) === null, 'a refused draft shows nothing');
  await send({ type: 'check', request_id: 'c3' }, damaged);
  const badCheck = await answer(editor, 'error', 'c3');
  assert(badCheck.code === 'bad_request' && badCheck.message.startsWith('/guides: '), `check of damaged bytes: ${JSON.stringify(badCheck)}`);
  // A guide document instead of the packed form is a malformed request.
  await send({ type: 'preview', request_id: 'v4', guide });
  const unpacked = await answer(editor, 'error', 'v4');
  assert(unpacked.code === 'bad_request' && unpacked.message.includes('packed_guide'), `a JSON guide: ${JSON.stringify(unpacked)}`);
  await send({ type: 'launch_rockets', request_id: 'x1' });
  assert((await answer(editor, 'error', 'x1')).code === 'bad_request', 'unknown type answers error');

  // The app's DOM changes: the step's target is gone → missing.
  await live.evaluate(() => document.querySelector('#new-project').remove());
  await send({ type: 'check', request_id: 'c2' }, packedGuide);
  const check2 = await answer(editor, 'check_result', 'c2');
  assert(check2.steps[0].status === 'missing', `after removal: ${JSON.stringify(check2.steps[0])}`);

  // An SPA route change is reported.
  await live.click('[data-testid=nav-settings]');
  const moved = await answer(editor, 'location', undefined, 'location after an SPA route change');
  assert(moved.url === `${app.url}/settings`, `location: ${moved.url}`);

  // Open shadow roots and same-origin iframes: hover, pick, find again.
  await live.goto(`${app.url}/pages/editor-targets.html`);
  await answer(editor, 'ready', undefined, 'ready again after the page change');
  await eventually(async () => (await messagesOf(editor)).filter((m) => m.type === 'ready').length === 2, 'second ready');
  for (const [id, hover, expected] of [['p2', () => live.locator('#shadow-button'), 'Shadow action'],
    ['p3', () => live.frameLocator('#frame').locator('#frame-button'), 'Frame action']]) {
    await send({ type: 'pick', request_id: id });
    const el = hover();
    await eventually(async () => { await el.hover(); return (await outlines(live)).length >= 1; }, `hover outline for ${expected}`);
    const box = await el.boundingBox();
    const hoverBox = (await outlines(live)).find((o) => near(o, { x: box.x, y: box.y, w: box.width, h: box.height }));
    assert(hoverBox, `the outline covers ${expected}: ${JSON.stringify(await outlines(live))} vs ${JSON.stringify(box)}`);
    await el.click();
    const p = await answer(editor, 'picked', id);
    assert(p.summary.text === expected, `picked ${expected}: ${JSON.stringify(p.summary)}`);
    await send({ type: 'highlight', request_id: id + 'h', fingerprint: p.fingerprint });
    const h = await answer(editor, 'check_result', id + 'h');
    assert(h.steps[0].status === 'found', `${expected} found again: ${JSON.stringify(h.steps[0])}`);
  }
  assert(await live.title() !== 'shadow clicked', 'the shadow button did not see the pick click');
  await shot(live, 'editor-bridge-frames.png');

  // Esc cancels a pick.
  await send({ type: 'pick', request_id: 'p4' });
  await live.locator('h1').hover();
  await live.keyboard.press('Escape');
  await answer(editor, 'pick_cancelled', 'p4');

  // A view token (the dashboard's) allows highlight only.
  const viewToken = (await editor.evaluate((id) => window.bridgeTest.token(id, 'view'), acme.app_id)).body.token;
  const [viewer] = await Promise.all([context.waitForEvent('page'),
    editor.evaluate((url) => window.bridgeTest.open(url), `${app.url}/projects#cairn-editor=${viewToken}`)]);
  await eventually(async () => (await messagesOf(editor)).some((m) => m.type === 'ready' && m.purpose === 'view'), 'ready for the view token');
  await send({ type: 'pick', request_id: 'vp' });
  assert((await answer(editor, 'error', 'vp')).code === 'forbidden', 'a view token cannot pick');
  await send({ type: 'highlight', request_id: 'vh', fingerprint: picked.fingerprint });
  assert((await answer(editor, 'check_result', 'vh')).steps[0].status === 'found', 'a view token can highlight');
  assert((await outlines(viewer, '.found')).length === 1, 'the highlight is drawn');

  // A page on a third origin that opens the app with a valid token cannot
  // drive it: no ready reaches it, its pick is ignored, clicks work normally.
  const outsider = await context.newPage();
  await outsider.goto(`${foreign.url}/index.html`);
  const [captive] = await Promise.all([context.waitForEvent('page'),
    outsider.evaluate((url) => window.bridgeTest.open(url), `${app.url}/projects#cairn-editor=${token}`)]);
  await eventually(() => badge(captive), 'editor mode (the token is good)');
  await outsider.evaluate((o) => window.bridgeTest.send({ type: 'pick', request_id: 'evil' }, o), app.url);
  await captive.evaluate(() => window.postMessage({ cairn: 1, type: 'pick', request_id: 'self' }, '*'));
  await captive.waitForTimeout(300);
  await captive.hover('#new-project');
  await captive.waitForTimeout(200);
  assert((await outlines(captive)).length === 0, 'no picker for foreign messages');
  await captive.click('#new-project');
  await eventually(() => new URL(captive.url()).pathname === '/projects/new', 'the click was not swallowed');
  assert((await messagesOf(outsider)).length === 0, `nothing posted to the foreign opener: ${JSON.stringify(await messagesOf(outsider))}`);

  // Forged tokens and tokens of another app: no editor mode, the token is dropped.
  const otherToken = (await editor.evaluate((id) => window.bridgeTest.token(id, 'edit'), other.app_id)).body.token;
  for (const bogus of [token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'), otherToken, 'forged']) {
    const tab = await context.newPage();
    await tab.goto(`${app.url}/projects#cairn-editor=${bogus}`);
    await eventually(() => tab.evaluate(() => window.Cairn?.debug.core() !== null), 'SDK started');
    await eventually(() => tab.evaluate(() => sessionStorage.getItem('cairn:editor') === null), `token dropped: ${bogus.slice(0, 12)}`);
    assert(await badge(tab) === null, 'no editor mode for a bad token');
    await tab.close();
  }

  // Editor mode recorded nothing: no batch ever left the editor tabs.
  await live.evaluate(() => { window.Cairn.track('author_did_something'); window.Cairn.flush(); });
  await live.waitForTimeout(500);
  assert(![live, captive, viewer].some((p) => batches.includes(p)), 'editor mode sends no events to /v1/batch');
  assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  console.log(`${NAME}: passed`);
} catch (e) {
  failed = true;
  console.error(`${NAME}: FAILED: ${e && e.stack || e}`);
  if (errors.length) console.error('page errors:\n  ' + errors.join('\n  '));
} finally {
  clearTimeout(timer);
  await browser?.close().catch(() => {});
  await cleanup();
}
process.exit(failed ? 1 : 0);

async function shot(page, file) {
  await page.screenshot({ path: join(SHOTS, file) });
}
