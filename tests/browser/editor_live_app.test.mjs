// The whole authoring story of issue 7 with the sample app: the editor opens
// the Acme app (SDK from build/wasm/wasm/dist, on its own origin) through the
// editor bridge, the author picks the real "New project" link, writes the
// text, targets /projects, previews and checks the guide in the app window,
// publishes; then an end user in a fresh browser context sees the tooltip
// beside that link. Needs scripts/build-wasm (the SDK with the editor bridge)
// and node editor/build.mjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startStaticServer } from '../../samples/static_server.mjs';
import { DIST, ROOT } from './harness.mjs';
import { gapTo, shownStep } from './guides.mjs';
import { assert, eventually, run, saved } from './editor_session.mjs';

if (!existsSync(join(DIST, 'cairn.js'))) {
  console.error(`browser: editor live app: ${DIST}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

// The sample app learns the collector's address and write key from its <meta>
// tags, as in samples/serve.mjs; the collector starts after the app (it needs
// the app's origin), so the tags are filled in per request.
let collectorInfo = null;
const app = await startStaticServer({ '/sdk/': DIST, '/': join(ROOT, 'samples/acme') }, {
  spaFallback: { '/': 'index.html' },
  rewrite: (_file, html) => html
    .replace(/(<meta name="cairn-host" content=")[^"]*(")/, `$1${collectorInfo?.url ?? ''}$2`)
    .replace(/(<meta name="cairn-write-key" content=")[^"]*(")/, `$1${collectorInfo?.writeKey ?? ''}$2`),
});

await run('browser: editor live app', { origins: [app.url] }, async (t) => {
  t.onCleanup(() => app.close());
  collectorInfo = t.collector;
  const page = await t.newPage();
  await t.logIn(page, t.collector.admin.email, t.collector.admin.password);
  await page.getByRole('button', { name: 'New guide' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Start a project');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByLabel('Guide name').waitFor();

  // Open the app on /projects and pick the "New project" link.
  assert(await page.getByLabel('App address').inputValue() === app.url, 'the app origin is offered');
  await page.getByLabel('Page to open').fill('/projects');
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Pick in app' }).click();
  const appWindow = await popupPromise;
  appWindow.on('pageerror', (e) => t.errors.push(`app window: ${e}`));
  await page.getByText(/^Connected: /).waitFor({ timeout: 15000 }).catch(async (e) => {
    // Say why (a collector without /editor-token, an SDK without the bridge) instead of only "timeout".
    throw new Error(`the app window did not connect; the editor says: ${await page.locator('.live-status, .notice').allTextContents()}\n${e.message}`);
  });
  assert(!appWindow.url().includes('cairn-editor='), `the token fragment is removed: ${appWindow.url()}`);
  // While picking, the button cancels; then pick for real.
  await page.getByRole('button', { name: 'Cancel picking' }).click();
  await page.getByText('Picking cancelled.').waitFor();
  assert(/No element picked yet/.test(await page.locator('.target-summary').textContent()), 'nothing stored after a cancelled pick');
  // Without a target the tooltip cannot run: the collector refuses to pack the
  // draft for the preview and its problem is listed, as for publish; the app shows nothing.
  await page.getByRole('button', { name: 'Preview in app' }).click();
  await page.getByText(/^Not previewed: \d+ problems? to fix/).waitFor();
  assert(await page.locator('.problem-list li[data-pointer="/steps/0/target"]').count() === 1,
    `the problem is listed: ${await page.locator('.problem-list').textContent()}`);
  assert(await shownStep(appWindow) === null, 'nothing previewed in the app');
  await page.getByRole('button', { name: 'Pick in app' }).click();
  await page.getByRole('button', { name: 'Cancel picking' }).waitFor();
  await appWindow.locator('#new-project').hover();
  await appWindow.locator('#new-project').click();
  const summary = page.locator('.target-summary');
  await eventually(async () => /New project/.test(await summary.textContent()), 'the picked element is summarised');
  assert(new URL(appWindow.url()).pathname === '/projects', `the pick click did not navigate the app: ${appWindow.url()}`);
  // How reliably Cairn will find it, as the app's SDK judged it: the link has
  // a test id (and an id), so it is reliable; the verdict describes the button.
  const reliability = page.locator('.target-reliability');
  const verdict = async () => ({ level: await reliability.getAttribute('data-level'), text: await reliability.textContent() });
  const reliable = await verdict();
  assert(reliable.level === 'reliable' && reliable.text === 'Reliable: found by its test id “new-project” and its id “new-project”.',
    `verdict on the New project link: ${JSON.stringify(reliable)}`);
  const pickAgain = page.getByRole('button', { name: 'Pick again' });
  assert((await pickAgain.getAttribute('aria-describedby')).split(' ').includes(await reliability.getAttribute('id')),
    'the verdict is part of the pick button\'s description');
  await t.shot(page, 'editor-picked.png');
  // The brand link has neither an id nor a test id: fragile, with what to ask a developer for.
  await pickAgain.click();
  await page.getByRole('button', { name: 'Cancel picking' }).waitFor();
  await appWindow.locator('a.brand').hover();
  await appWindow.locator('a.brand').click();
  await eventually(async () => /Acme Projects/.test(await summary.textContent()), 'the brand link is summarised');
  const fragile = await verdict();
  assert(fragile.level === 'fragile' && /^Fragile: this element has no id or test id .*Ask a developer to add data-testid \(or an id\) to it\.$/.test(fragile.text),
    `verdict on the brand link: ${JSON.stringify(fragile)}`);
  assert(new URL(appWindow.url()).pathname === '/projects', `the pick click did not follow the brand link: ${appWindow.url()}`);
  // Back to the New project link for the rest of the story; Show in app judges it again.
  await pickAgain.click();
  await page.getByRole('button', { name: 'Cancel picking' }).waitFor();
  await appWindow.locator('#new-project').hover();
  await appWindow.locator('#new-project').click();
  await eventually(async () => (await verdict()).level === 'reliable', 'the New project link is reliable again');
  await reliability.evaluate((el) => { el.textContent = ''; });
  await page.getByRole('button', { name: 'Show in app' }).click();
  await eventually(async () => /^Reliable: found by its test id “new-project”/.test(await reliability.textContent()), 'Show in app shows the verdict');

  await page.getByLabel('Title').fill('Start here');
  await page.getByLabel('Text', { exact: true }).fill('Click **New project** to create your first project.');
  await page.getByRole('tab', { name: 'Targeting' }).click();
  await page.getByLabel('Show on pages matching').fill('/projects');
  await saved(page);
  const draft = await (await t.collector.login())('GET', `/api/apps/${t.collector.appId}/guides/${decodeURIComponent(new URL(page.url()).pathname.split('/').pop())}`);
  const fingerprint = draft.guide.draft.steps[0].target?.fingerprint;
  assert(fingerprint?.element?.tag === 'a', `the fingerprint is stored at /steps/0/target/fingerprint: ${JSON.stringify(draft.guide.draft.steps[0].target)}`);
  assert(draft.problems.length === 0, `no problems: ${JSON.stringify(draft.problems)}`);

  // Preview in the app window: the tooltip shows beside the link.
  await page.getByRole('button', { name: 'Preview in app' }).click();
  const previewed = await eventually(() => shownStep(appWindow), 'the preview shows in the app window', 10000);
  assert(previewed.title === 'Start here', `preview title: ${previewed.title}`);
  assert(await gapTo(appWindow, '#new-project', previewed.rect) < 30, `preview beside the link: ${JSON.stringify(previewed)}`);
  await t.shot(appWindow, 'editor-preview-in-app.png');
  await page.getByRole('button', { name: 'Stop preview' }).click();
  await eventually(async () => (await shownStep(appWindow)) === null, 'Stop preview ends it in the app window');
  await page.getByText('Preview ended (stopped).').waitFor();
  assert(await page.getByRole('button', { name: 'Stop preview' }).isHidden(), 'the Stop button hides again');

  // Check: the step's element is found on this page.
  await page.getByRole('button', { name: 'Check guide' }).click();
  const row = page.locator('.check-result tbody tr').first();
  await row.waitFor();
  assert((await row.getAttribute('class')) === 'check-found', `check status: ${await row.textContent()}`);
  const reliabilityCell = row.locator('.check-reliability');
  assert((await reliabilityCell.getAttribute('data-level')) === 'reliable' && (await reliabilityCell.locator('strong').textContent()) === 'Reliable',
    `the check says how reliably the step's element is found: ${await row.textContent()}`);
  await t.shot(page, 'editor-check.png');
  // The page changed since the pick (a second link with the same id and test
  // id): Check guide judges the step again, and its form says so too.
  await page.getByRole('tab', { name: 'Steps' }).click();
  await eventually(async () => (await verdict()).level === 'reliable', 'the step form shows the last verdict');
  await appWindow.evaluate(() => {
    const copy = document.querySelector('#new-project').cloneNode(true);
    copy.id = 'new-project';
    copy.classList.add('cairn-test-copy');
    document.querySelector('#new-project').after(copy);
  });
  await page.getByRole('button', { name: 'Check guide' }).click();
  await eventually(async () => {
    const now = await verdict();
    return now.level !== 'reliable' && now.text.startsWith(`${now.level[0].toUpperCase()}${now.level.slice(1)}:`);
  }, 'Check guide\'s new verdict under the step\'s target');
  await appWindow.evaluate(() => document.querySelector('.cairn-test-copy').remove());
  await page.getByRole('button', { name: 'Check guide' }).click();
  await eventually(async () => (await verdict()).level === 'reliable', 'reliable again once the copy is gone');

  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText('Published version 1.').waitFor();

  // An end user, in a fresh context, sees the published tooltip beside the link.
  const user = await t.newPage();
  await user.goto(`${app.url}/projects`);
  const shown = await eventually(() => shownStep(user), 'the end user sees the tooltip', 10000);
  assert(shown.title === 'Start here' && shown.kind === 'tooltip', `end user step: ${JSON.stringify(shown)}`);
  assert(await gapTo(user, '#new-project', shown.rect) < 30, `beside the link for the end user: ${JSON.stringify(shown)}`);
  await t.shot(user, 'editor-end-user.png');
});
