// Takes the screenshots of docs/editor.md and docs/dashboard.md into
// docs/images/, at 1280×800, from the real collector of this build: the
// sample guides published, 300 seeded people of Acme Projects over 14 days
// (samples/seed/), and the sample app on its own origin for the editor's live
// app. The editor part follows the walkthrough of docs/editor.md (a tooltip on
// the project-key field of /projects/new); the dashboard part shows each view
// on the seeded data. Each PNG is shrunk to a palette image
// (docs-screenshots-png.mjs). Run through scripts/docs-screenshots, which
// checks the builds it needs.
//
// Reuses the browser tests' set-up (tests/browser/): the collector, browser and
// log-in of editor_session.mjs, the sample app, the dashboard's helpers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../samples/seed/generate.mjs';
import { eventually, run, saved } from '../tests/browser/editor_session.mjs';
import { shownStep } from '../tests/browser/guides.mjs';
import { ROOT } from '../tests/browser/harness.mjs';
import { startSampleApp } from '../tests/browser/sample_app.mjs';
import { buildFunnel, logInToDashboard, openTab } from '../tests/browser/story_dashboard.mjs';
import { toPalettePng } from './docs-screenshots-png.mjs';

const OUT = process.env.CAIRN_DOCS_IMAGES || join(ROOT, 'docs/images');
const DAY = 86400000;
// The seed's onboarding funnel, as a CS lead types it into the funnel builder.
const ONBOARDING = [['Event', 'Signed Up'], ['Page view', '/projects'], ['Page view', '/projects/new'],
  ['Element click', "button 'Create project'"], ['Event', 'Project Created']];

mkdirSync(OUT, { recursive: true });
const written = [];
function write(name, png) {
  writeFileSync(join(OUT, `${name}.png`), toPalettePng(png));
  written.push(`${name}.png`);
}
// A screenshot of the viewport without the toasts of earlier steps: the top of
// the page, or scrolled to put `selector` at the top (as far as the page goes).
async function capture(page, name, selector = null) {
  await page.evaluate((sel) => {
    if (sel) document.querySelector(sel).scrollIntoView({ block: 'start' });
    else window.scrollTo(0, 0);
    document.querySelectorAll('.notice').forEach((n) => n.remove());
  }, selector);
  write(name, await page.screenshot());
}

let collectorInfo = null;
const app = await startSampleApp(() => collectorInfo);

await run('docs screenshots', { origins: [app.url], timeoutMs: 170000 }, async (t) => {
  t.onCleanup(() => app.close());
  collectorInfo = t.collector;
  execFileSync(process.execPath, [join(ROOT, 'samples/load-guides.mjs'), '--collector', t.collector.url, '--app', t.collector.appId,
    '--email', t.collector.admin.email, '--password', t.collector.admin.password], { stdio: 'ignore' });
  const endMs = Math.floor(Date.now() / DAY) * DAY;  // The seed ends today 00:00 UTC.
  const truth = await generate({ host: t.collector.url, writeKey: t.collector.writeKey, users: 300, days: 14, endMs,
    seed: 'docs', appUrl: app.url, truthFile: null }, () => {});

  // The editor, as docs/editor.md walks through it.
  const editor = await t.newPage({ timezoneId: 'UTC', locale: 'en-US' });
  await t.logIn(editor, t.collector.admin.email, t.collector.admin.password);
  await editor.locator('tbody tr').first().waitFor();
  await capture(editor, 'editor-guide-list');

  await editor.getByRole('button', { name: 'New guide' }).click();
  await editor.getByLabel('Name', { exact: true }).fill('Project key help');
  await editor.getByLabel('Walkthrough / tooltip').check();
  await capture(editor, 'editor-new-guide');
  await editor.getByRole('button', { name: 'Create', exact: true }).click();
  await editor.getByLabel('Guide name').waitFor();

  await editor.getByLabel('Page to open').fill('/projects/new');
  const [appWindow] = await Promise.all([editor.waitForEvent('popup'), editor.getByRole('button', { name: 'Pick in app' }).click()]);
  await appWindow.setViewportSize({ width: 1280, height: 800 });
  await editor.getByText(/^Connected: /).waitFor({ timeout: 15000 });
  await editor.getByRole('button', { name: 'Cancel picking' }).waitFor();
  await appWindow.locator('#project-key').hover();
  await appWindow.locator('#project-key').click();
  await eventually(async () => /Project key/.test(await editor.locator('.target-summary').textContent()), 'the picked field is in the step', 10000);
  await editor.getByLabel('Title').fill('Capital letters only');
  await editor.getByLabel('Text', { exact: true }).fill('The project key is **2–6 capital letters**, like `ACME`. It starts every issue id (ACME-12).');
  await editor.getByLabel('Button 1 label').fill('Got it');
  await editor.getByLabel('Action').selectOption({ label: 'Complete the guide' });
  await saved(editor);
  await capture(editor, 'editor-steps');

  await editor.getByRole('tab', { name: 'Targeting' }).click();
  await editor.getByLabel('Show on pages matching').fill('/projects/new');
  await saved(editor);
  await capture(editor, 'editor-targeting');

  await editor.getByRole('button', { name: 'Preview in app' }).click();
  await eventually(() => shownStep(appWindow), 'the preview shows in the app window', 10000);
  await appWindow.waitForTimeout(400);  // The card's entrance transition.
  write('editor-preview-in-app', await appWindow.screenshot());
  await editor.getByRole('button', { name: 'Stop preview' }).click();

  await editor.getByRole('button', { name: 'Publish' }).click();
  await editor.getByRole('button', { name: 'Publish now' }).waitFor();
  await capture(editor, 'editor-publish');
  await editor.getByRole('button', { name: 'Publish now' }).click();
  await editor.getByText('Published version 1.').waitFor();
  await appWindow.close();

  await editor.goto(`${t.collector.url}/editor/apps/new`);
  await editor.getByLabel('Name', { exact: true }).fill('Acme Billing');
  await editor.getByLabel('Allowed origins').fill('https://billing.acme.example');
  await editor.getByRole('button', { name: 'Create app' }).click();
  await editor.getByRole('heading', { name: 'Acme Billing is ready' }).waitFor();
  await capture(editor, 'editor-new-app');

  // The dashboard on the seeded days (the tabs keep the range of the URL).
  const lead = await t.newPage({ timezoneId: 'UTC', locale: 'en-US' });
  await logInToDashboard(lead, t.collector);
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
  const range = `from=${isoDay(endMs - 14 * DAY)}&to=${isoDay(endMs - DAY)}`;
  const dashboard = async (path) => {
    await lead.goto(`${t.collector.url}/dashboard/${path}${path.includes('?') ? '&' : '?'}${range}`);
    await lead.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  };
  await dashboard('funnels');
  await buildFunnel(lead, ONBOARDING, 7);
  await lead.fill('#funnel-name', 'Onboarding');
  await lead.click('#save-funnel');
  // Saving opens the saved funnel, which shows its chart again: captured
  // before that, the picture is of the builder without the chart.
  await lead.getByText('Saved “Onboarding” for your team').waitFor();
  await lead.locator('#funnel-summary').waitFor();
  await lead.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  await capture(lead, 'dashboard-funnel', '#funnel-summary');
  await lead.click('button.drop-off[data-step="4"]');
  await lead.locator('#dropped-panel tbody tr').first().waitFor();
  await capture(lead, 'dashboard-funnel-dropped', '#dropped-panel');

  await dashboard('');
  await lead.waitForSelector('section.chart-card:has(h2:text-is("Top funnels")) table');
  await capture(lead, 'dashboard-overview');
  await openTab(lead, 'Guides');
  await capture(lead, 'dashboard-guides');
  const goal = encodeURIComponent(JSON.stringify(truth.guides.query.goal));
  await dashboard(`guides/${truth.guide_ids.tour.guide_id}?goal=${goal}&goal_days=${truth.guides.query.goal_window_ms / DAY}`);
  await lead.waitForSelector('#impact-verdict');
  await capture(lead, 'dashboard-guide-detail');
  await dashboard('stuck');
  await capture(lead, 'dashboard-stuck');
  await dashboard(`trends?series=${encodeURIComponent(JSON.stringify([{ event: '$page' }, { event: 'Signed Up' }, { event: 'Project Created' }]))}`);
  await lead.waitForSelector('.trend-total');
  await capture(lead, 'dashboard-trends');
  console.log(`docs screenshots: ${written.length} images in ${OUT}: ${written.join(', ')}`);
});
