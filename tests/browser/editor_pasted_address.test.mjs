// An author pastes a page's whole address, copied from the browser's address
// bar, into the live app bar's "Page to open", against the real collector and
// the sample app: the app window opens that page (it opened
// "<origin>/http://<origin>/projects/new", a page the app does not have, and
// picking there picked on the wrong page) and the field keeps the page alone.
// An address on an origin the app does not allow is refused with its reason,
// naming the allowed ones, instead of being opened as a path.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './harness.mjs';
import { assert, run } from './editor_session.mjs';
import { startSampleApp } from './sample_app.mjs';

if (!existsSync(join(DIST, 'cairn.js'))) {
  console.error(`browser: editor pasted address: ${DIST}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

// The app starts first: the collector needs its origin.
let collectorInfo = null;
const app = await startSampleApp(() => collectorInfo);

await run('browser: editor pasted address', { origins: [app.url] }, async (t) => {
  t.onCleanup(() => app.close());
  collectorInfo = t.collector;
  const page = await t.newPage();
  await t.logIn(page, t.collector.admin.email, t.collector.admin.password);
  await page.getByRole('button', { name: 'New guide' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Pasted address');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByLabel('Guide name', { exact: true }).waitFor();

  const field = page.getByLabel('Page to open');
  await field.fill(`${app.url}/projects/new?from=paste#top`);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Open app' }).click();
  const appWindow = await popup;
  await page.getByText(/^Connected: /).waitFor({ timeout: 15000 });
  const opened = new URL(appWindow.url());
  assert(opened.origin === app.url && opened.pathname === '/projects/new' && opened.search === '?from=paste',
    `the pasted page opens: ${appWindow.url()}`);
  assert(await field.inputValue() === '/projects/new?from=paste#top', `the field keeps the page alone: ${await field.inputValue()}`);
  assert(await page.getByLabel('App address').inputValue() === app.url, 'the app address is the pasted one');
  // Picking happens on that page: the Project key field is there.
  await page.getByRole('button', { name: 'Pick in app' }).click();
  await page.getByRole('button', { name: 'Cancel picking' }).waitFor();
  await appWindow.locator('#project-key').hover();
  await appWindow.locator('#project-key').click();
  await page.locator('.target-summary', { hasText: 'Project key' }).waitFor();

  // Another origin: refused, said why, and the app window stays where it was.
  await field.fill('https://elsewhere.example/projects/new');
  await page.getByRole('button', { name: 'Show in app' }).click();
  const status = page.locator('.live-status');
  await status.filter({ hasText: 'https://elsewhere.example is not one of this app\'s addresses' }).waitFor();
  assert((await status.textContent()).includes(app.url), `the allowed address is named: ${await status.textContent()}`);
  await page.locator('.notice', { hasText: 'https://elsewhere.example is not one of this app\'s addresses' }).waitFor();
  assert(new URL(appWindow.url()).pathname === '/projects/new', `the app window did not navigate: ${appWindow.url()}`);
  await t.shot(page, 'editor-pasted-address.png');
});
