// Clicks on Cairn's own UI are not the host app's clicks: the sample's
// onboarding checklist's items, a tour's close button and a rapid burst on a
// checklist item are neither autocaptured clicks nor rage or dead clicks
// (their changes happen in our shadow root, which the dead-click watch does
// not see). Before, the checklist's "Create your first project" item topped
// the dashboard's stuck elements of the demo: our UI's shadow root is open,
// so a click's path starts inside it, where closest('cairn-ui') finds nothing.
// A click on the app's own button beside them is still recorded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, eventually, ROOT, withBrowser } from './harness.mjs';

const IDS = ['first-project-tour', 'onboarding-checklist'];
const guides = IDS.map((id) => JSON.parse(readFileSync(join(ROOT, 'samples/guides', `${id}.json`), 'utf8')));
const USER = { id: 'u_together_1', name: 'Nora Newcomer', plan: 'trial', role: 'engineer', company_size: '1-10' };

await withBrowser('browser: sdk own ui clicks', { guides: { guides } }, async (t) => {
  const page = await t.newPage();
  await page.addInitScript((u) => localStorage.setItem('acme_user', JSON.stringify(u)), USER);
  await page.goto(`${t.app}/settings`);
  const item = page.locator('cairn-ui [data-item=invite]');
  await item.waitFor();
  // Three fast clicks on an item: a rage click, were it recorded.
  await item.click({ clickCount: 3 });
  await page.waitForURL(`${t.app}/`);
  // The checklist's first item launches the tour, which shows on /: close it.
  await page.click('[data-testid=nav-settings]');
  await page.locator('cairn-ui [data-item=project]').click();
  await page.click('[data-testid=nav-home]');
  const close = page.locator('cairn-ui [data-cairn-step] button[aria-label="Close"]').first();
  await close.waitFor();
  await close.click();
  // The app's own button: recorded, and as a dead click (it does nothing yet).
  await page.click('#export-report');
  await page.evaluate(() => window.Cairn.flush());
  const { events } = t.collector.state;
  const clicks = () => events.filter((e) => ['cairn_click', 'cairn_dead_click', 'cairn_rage_click'].includes(e.event));
  await eventually(() => events.some((e) => e.event === 'cairn_dead_click' && e.properties.selector === "button 'Export report'"),
    'the dead click on Export report arrives', 10000);
  const ours = clicks().filter((e) => JSON.stringify(e.properties).includes('"tag":"cairn-ui"'));
  assert(ours.length === 0, `clicks on Cairn's UI recorded: ${ours.map((e) => `${e.event} ${e.properties.selector ?? e.properties.name}`).join(', ')}`);
  assert(clicks().some((e) => e.event === 'cairn_click' && e.properties.id === 'export-report'), "the app's own click is recorded");
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
