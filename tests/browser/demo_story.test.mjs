// The demo story of issue 9, end to end in Chromium, as a customer-success
// lead and then an end user would live it:
//   1. the collector with the sample guides and 300 seeded people of Acme Projects;
//   2. the dashboard shows the onboarding funnel's biggest drop at the
//      "Create project" step (numbers = the seed's ground truth), and Stuck
//      points puts the "Create project" button of /projects/new on top;
//   3. the editor: a tooltip "Project key help" on the project-key field,
//      picked in the live sample app, targeted at /projects/new, previewed in
//      the app window, published;
//   4. an end user (fresh browser context) opens /projects/new, sees the
//      tooltip on the key field and completes it; the SDK sends the guide
//      events to the real collector;
//   5. the dashboard's Guides view shows the new guide, seen and completed by
//      that one user.
// A screenshot per step goes to build/artifacts/screenshots/story-NN-*.png.
// Dates: the seed ends today at 00:00 UTC and the browsers run in UTC, so the
// dashboard's default range ("Last 30 days", today included) holds all of it
// and the end user's events of today, whatever day the test runs.
// Needs scripts/build-wasm and node editor/build.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../samples/seed/generate.mjs';
import { assertEqual } from './dashboard_fixture.mjs';
import { assert, eventually, run, saved } from './editor_session.mjs';
import { gapTo, shownStep } from './guides.mjs';
import { DIST, ROOT } from './harness.mjs';
import { startSampleApp } from './sample_app.mjs';
import { buildFunnel, logInToDashboard, openTab, panelRows } from './story_dashboard.mjs';

const NAME = 'browser: demo story';
if (!existsSync(join(DIST, 'cairn.js'))) {
  console.error(`${NAME}: ${DIST}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

const DAY = 86400000;
const GUIDE = 'Project key help';
const HINT = 'Hint: the project key field';  // samples/guides/project-key-hint.json
const END_USER = { id: 'u_story_end_user', name: 'Erin Example', plan: 'trial', role: 'engineer', company_size: '11-50' };
// The onboarding funnel as the CS lead builds it (the seed's truth names the
// "Create project" click by its id; the builder by its label: same people).
const ONBOARDING = [['Event', 'Signed Up'], ['Page view', '/projects'], ['Page view', '/projects/new'],
  ['Element click', "button 'Create project'"], ['Event', 'Project Created']];
const STUCK_STEP = 4;

// The sample app's <meta> tags get the collector's address and write key once it runs.
let collectorInfo = null;
const app = await startSampleApp(() => collectorInfo);

let shotNumber = 0;
// story-NN-<what>.png, numbered in the order of the story.
const shoot = (t, page, what) => t.shot(page, `story-${String(++shotNumber).padStart(2, '0')}-${what}.png`, { top: false });

await run(NAME, { origins: [app.url] }, async (t) => {
  t.onCleanup(() => app.close());
  collectorInfo = t.collector;
  const started = Date.now();
  const took = (what) => console.log(`${NAME}: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // 1. The sample guides and a deterministic population (same seed, same events).
  execFileSync(process.execPath, [join(ROOT, 'samples/load-guides.mjs'), '--collector', t.collector.url, '--app', t.collector.appId,
    '--email', t.collector.admin.email, '--password', t.collector.admin.password], { stdio: 'ignore' });
  const truth = await generate({ host: t.collector.url, writeKey: t.collector.writeKey, users: 300, days: 14,
    endMs: Math.floor(Date.now() / DAY) * DAY, seed: 'story', appUrl: app.url, truthFile: null }, () => {});
  const drops = truth.funnel.steps.slice(0, -1).map((s, i) => s.entered - truth.funnel.steps[i + 1].entered);
  assert(drops.indexOf(Math.max(...drops)) + 1 === STUCK_STEP,
    `the seed's biggest onboarding drop is after step ${STUCK_STEP} ("Create project"): drops per step ${JSON.stringify(drops)}`);
  took('seeded');

  // 2. The CS lead sees the drop-off and where people get stuck.
  const lead = await t.newPage({ timezoneId: 'UTC', locale: 'en-US' });
  await logInToDashboard(lead, t.collector);
  await openTab(lead, 'Funnels');
  await buildFunnel(lead, ONBOARDING, 7);
  const funnel = await panelRows(lead, 'Funnel');
  assertEqual(funnel.map((r) => r.Entered), truth.funnel.steps.map((s) => s.entered), 'onboarding funnel on screen (Entered) vs the seed\'s truth');
  const biggest = funnel.slice(0, -1).reduce((a, b) => (b.Dropped > a.Dropped ? b : a));
  assert(biggest.Step === `${STUCK_STEP}. Click button 'Create project'`, `the biggest drop on screen is at "${biggest.Step}", expected the "Create project" click`);
  const dropButton = lead.locator(`button.drop-off[data-step="${STUCK_STEP}"]`);
  assertEqual(await dropButton.textContent(), `${drops[STUCK_STEP - 1]} dropped`, 'the drop-off button of the "Create project" step');
  await dropButton.click();
  await lead.locator('#dropped-panel tbody tr').first().waitFor();
  await shoot(t, lead, 'funnel-drop-off');

  await openTab(lead, 'Stuck points');
  const elements = await panelRows(lead, 'Elements with rage and dead clicks');
  const [topElement] = elements;
  const expectedElement = truth.stuck.elements.find((e) => e.selector === "button 'Create project'");
  assert(expectedElement, `the seed's truth has rage/dead clicks on "Create project": ${JSON.stringify(truth.stuck.elements)}`);
  assert(/^button\s*“Create project”$/.test(topElement.Element), `the top stuck element is "Create project", not ${JSON.stringify(topElement)}`);
  assertEqual([topElement['Rage clicks'], topElement['Rage users'], topElement['Dead clicks'], topElement['Dead users']],
    [expectedElement.rage_clicks, expectedElement.rage_users, expectedElement.dead_clicks, expectedElement.dead_users], 'the "Create project" button on screen vs truth');
  assert(elements.every((e) => e['Rage clicks'] <= topElement['Rage clicks']), `"Create project" has the most rage clicks: ${JSON.stringify(elements)}`);
  const [topPage] = await panelRows(lead, 'Pages with rage and dead clicks');
  assertEqual(topPage.Page, `${app.url}/projects/new`, 'the page with the most rage and dead clicks');
  await shoot(t, lead, 'stuck-points');
  took('dashboard read');

  // 3. The editor: a tooltip on the project-key field of /projects/new.
  const editor = await t.newPage();
  await t.logIn(editor, t.collector.admin.email, t.collector.admin.password);
  await editor.getByRole('button', { name: 'New guide' }).click();
  await editor.getByLabel('Name', { exact: true }).fill(GUIDE);
  await editor.getByLabel('Walkthrough / tooltip').check();
  await editor.getByRole('button', { name: 'Create', exact: true }).click();
  await editor.getByLabel('Guide name').waitFor();
  const guideId = decodeURIComponent(new URL(editor.url()).pathname.split('/').pop());

  assertEqual(await editor.getByLabel('App address').inputValue(), app.url, 'the live-app address offered');
  await editor.getByLabel('Page to open').fill('/projects/new');
  const [appWindow] = await Promise.all([editor.waitForEvent('popup'), editor.getByRole('button', { name: 'Pick in app' }).click()]);
  appWindow.on('pageerror', (e) => t.errors.push(`app window: ${e}`));
  await editor.getByText(/^Connected: /).waitFor({ timeout: 15000 }).catch(async (e) => {
    throw new Error(`the app window did not connect; the editor says: ${await editor.locator('.live-status, .notice').allTextContents()}\n${e.message}`);
  });
  await editor.getByRole('button', { name: 'Cancel picking' }).waitFor();
  await appWindow.locator('#project-key').hover();
  await appWindow.locator('#project-key').click();
  const summary = editor.locator('.target-summary');
  await eventually(async () => /Project key/.test(await summary.textContent()), 'the picked key field is summarised in the step', 10000)
    .catch(async (e) => { throw new Error(`${e.message}; the step shows: ${await summary.textContent()}`); });
  await editor.getByLabel('Title').fill('Capital letters only');
  await editor.getByLabel('Text', { exact: true }).fill('The project key is **2–6 capital letters**, like `ACME`. It starts every issue id (ACME-12).');
  await editor.getByLabel('Button 1 label').fill('Got it');
  await editor.getByLabel('Action').selectOption({ label: 'Complete the guide' });
  await saved(editor);
  await shoot(t, editor, 'editor-step');
  await editor.getByRole('tab', { name: 'Targeting' }).click();
  await editor.getByLabel('Show on pages matching').fill('/projects/new');
  await saved(editor);
  await shoot(t, editor, 'editor-targeting');

  await editor.getByRole('button', { name: 'Preview in app' }).click();
  const previewed = await eventually(() => shownStep(appWindow), 'the preview shows in the app window', 10000);
  assert(previewed.title === 'Capital letters only' && previewed.kind === 'tooltip', `preview in the app window: ${JSON.stringify(previewed)}`);
  assert(await gapTo(appWindow, '#project-key', previewed.rect) < 30, `the preview is beside the key field: ${JSON.stringify(previewed)}`);
  await shoot(t, appWindow, 'editor-preview-in-app');
  await editor.getByRole('button', { name: 'Stop preview' }).click();
  await eventually(async () => (await shownStep(appWindow)) === null, 'Stop preview ends it in the app window');

  await editor.getByRole('button', { name: 'Publish' }).click();
  await editor.getByRole('button', { name: 'Publish now' }).click();
  await editor.getByText('Published version 1.').waitFor();
  await shoot(t, editor, 'editor-published');
  await appWindow.close();
  // The tooltip replaces the sample hotspot on the same field, which few people opened.
  await editor.getByRole('link', { name: '← All guides' }).click();
  editor.once('dialog', (dialog) => dialog.accept());
  await editor.getByRole('button', { name: `Archive ${HINT}` }).click();
  await editor.getByText(`Archived "${HINT}".`).waitFor();
  const listed = (name) => editor.getByRole('row').filter({ has: editor.getByText(name, { exact: true }) });
  assert(/archived/.test(await listed(HINT).textContent()), `"${HINT}" is archived in the list: ${await listed(HINT).textContent()}`);
  assert(/published/.test(await listed(GUIDE).textContent()), `"${GUIDE}" is published in the list: ${await listed(GUIDE).textContent()}`);
  await shoot(t, editor, 'editor-guide-list');
  took('published');

  // 4. An end user, signed in to Acme in a fresh browser, meets the tooltip.
  const user = await t.newPage();
  await user.addInitScript((u) => localStorage.setItem('acme_user', JSON.stringify(u)), END_USER);
  await user.goto(`${app.url}/projects/new`);
  const shown = await eventually(() => shownStep(user), 'the end user sees the tooltip on /projects/new', 10000);
  assert(shown.title === 'Capital letters only' && shown.kind === 'tooltip' && shown.guide === guideId, `the end user's step: ${JSON.stringify(shown)}`);
  assert(await gapTo(user, '#project-key', shown.rect) < 30, `beside the key field for the end user: ${JSON.stringify(shown)}`);
  await shoot(t, user, 'end-user-tooltip');
  await user.locator(`[data-cairn-step][data-guide="${guideId}"] button`, { hasText: 'Got it' }).click();
  await eventually(async () => (await shownStep(user))?.guide !== guideId, 'the tooltip closes after "Got it"');
  await user.evaluate(() => window.Cairn.flush());
  // The collector has the events (a precise failure here instead of an empty dashboard row).
  const call = await t.collector.login();
  const range = { from_ms: truth.from_ms, to_ms: Date.now() + DAY };
  const delivered = await eventually(async () => {
    const report = await call('POST', `/api/apps/${t.collector.appId}/analytics/guides`, range);
    const g = report.guides.find((x) => x.guide_id === guideId);
    return g && g.completed_users >= 1 ? g : null;
  }, `the collector's guide report has "${GUIDE}" seen and completed (the SDK delivered its events)`, 15000);
  assertEqual([delivered.seen_users, delivered.completed_users], [1, 1], `"${GUIDE}" in the guide report: seen, completed users`);
  took('end user done');

  // 5. Back in the dashboard: the new guide with the end user's visit.
  await openTab(lead, 'Guides');
  const guides = await panelRows(lead, 'Guides');
  const row = guides.find((g) => g.Guide === GUIDE);
  assert(row, `"${GUIDE}" is listed in the Guides view: ${JSON.stringify(guides.map((g) => g.Guide))}`);
  assertEqual([row['Guide id'], row['Seen by'], row['Completed by']], [guideId, 1, 1], `"${GUIDE}" row: id, seen by, completed by`);
  // The seeded guides keep the truth's reach: the end user met none of them (the hotspot was archived).
  for (const [id, g] of Object.entries(truth.guides.guides)) {
    const seeded = guides.find((x) => x['Guide id'] === id);
    assert(seeded && seeded['Seen by'] === g.seen_users, `seeded guide ${id}: seen by ${seeded?.['Seen by']} on screen, ${g.seen_users} in the truth`);
  }
  await shoot(t, lead, 'guides-after');
  // The guide's names link to their detail from the panel's table.
  const guidesPanel = lead.getByRole('region', { name: 'Guides', exact: true });
  await guidesPanel.getByRole('button', { name: 'Table' }).click();
  await guidesPanel.getByRole('link', { name: GUIDE, exact: true }).click();
  await lead.getByRole('heading', { name: GUIDE, exact: true }).waitFor();
  await lead.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await shoot(t, lead, 'guide-detail');
  took('dashboard checked');
});
