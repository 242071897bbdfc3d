// Saved funnels on the collector, used from the keyboard only: funnels an old
// dashboard kept in this browser's localStorage move to the collector (once,
// with a notice); a funnel built with Tab/Enter/Space/arrows and typing (no
// mouse) is saved, found again after a reload, opened, renamed and deleted,
// and its numbers equal the API's answer for the saved query; a viewer sees
// the team's funnels read-only.
import { chromium } from 'playwright-core';
import { ARGS } from './harness.mjs';
import { assert, assertEqual, FUNNEL, RANGE, TRUTH, withDashboard } from './dashboard_fixture.mjs';

// Presses Tab until `selector` has the focus: the control is reachable from
// the keyboard and no control before it traps the focus.
async function tabTo(page, selector, maxPresses = 80) {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${maxPresses} Tab presses (focus on ${await focused(page)})`);
}

const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e ? `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}` : 'nothing';
});

const listed = async (call, appPath) => (await call('GET', appPath('funnels'))).funnels;

await withDashboard('browser: dashboard saved funnels', async (t) => {
  const { page, call } = t;
  const base = `${t.collector.url}/dashboard`;

  // A funnel an older dashboard saved in this browser moves to the collector.
  const legacyKey = `cairn:dashboard:funnels:${t.collector.appId}`;
  await page.evaluate(([key, funnel]) => localStorage.setItem(key, JSON.stringify([{ id: 'f1', name: 'From the old dashboard', definition: funnel, saved_at_ms: 1 }])),
    [legacyKey, FUNNEL]);
  await page.goto(`${base}/funnels?${RANGE}`);
  await page.waitForSelector('.notice >> text=/Moved 1 saved funnel/');
  let team = await listed(call, t.appPath);
  assertEqual(team.map((f) => [f.name, f.query]), [['From the old dashboard', FUNNEL]], 'the browser funnel is on the collector');
  assertEqual(await page.evaluate((key) => localStorage.getItem(key), legacyKey), null, 'and gone from localStorage');
  await call('DELETE', t.appPath(`funnels/${team[0].id}`));

  // Build the funnel from the keyboard: typing into each step, Enter on
  // "+ Add step" (the new step takes the focus), Space on "Remove".
  await page.goto(`${base}/funnels?${RANGE}`);
  await page.waitForSelector('#run-funnel');
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '.funnel-steps li:nth-child(1) .cond-value');
  await page.keyboard.type(FUNNEL.steps[0].event);
  await tabTo(page, '.funnel-steps li:nth-child(2) .cond-value');
  await page.keyboard.type(FUNNEL.steps[1].event);
  await tabTo(page, '.funnel-steps > div > button');
  await page.keyboard.press('Enter');
  assertEqual(await focused(page), 'select#cond-3-kind.cond-kind', 'the new step has the focus');
  // Arrows move through a step's kinds (Page view, then back to Event).
  await page.keyboard.press('ArrowDown');
  assertEqual(await page.inputValue('.funnel-steps li:nth-child(3) .cond-kind'), 'page', 'ArrowDown picks the next kind');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  assert((await focused(page)).includes('.cond-value'), `Tab goes on to the step's value: ${await focused(page)}`);
  await page.keyboard.type(FUNNEL.steps[2].event);
  // Two more steps, then both removed: the one left below moves up and is
  // renamed ("Remove Step 4"), and the focus goes to it, not to the page's start.
  for (let i = 0; i < 2; i++) {
    await tabTo(page, '.funnel-steps > div > button');
    await page.keyboard.press('Enter');
  }
  await tabTo(page, 'button[aria-label="Remove Step 4"]');
  await page.keyboard.press('Space');
  assertEqual(await page.locator('.funnel-steps li').count(), 4, 'Space on Remove removed step 4');
  assertEqual(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Step 4: kind', 'the step that moved up has the focus and its new name');
  await tabTo(page, 'button[aria-label="Remove Step 4"]');
  await page.keyboard.press('Space');
  assertEqual(await page.locator('.funnel-steps li').count(), 3, 'and the next one');
  assert(!(await focused(page)).startsWith('body'), `the focus stays in the form after a removal: ${await focused(page)}`);
  await tabTo(page, '#run-funnel');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#funnel-summary >> text=30.0%');

  // Save from the keyboard; the URL names the saved funnel.
  await tabTo(page, '#funnel-name');
  await page.keyboard.type('Keyboard onboarding');
  await page.keyboard.press('Tab');
  assertEqual(await focused(page), 'button#save-funnel', 'Save follows the name');
  await page.keyboard.press('Space');
  await page.waitForURL(/saved=sf_/);
  await page.waitForSelector('#delete-saved-funnel');
  team = await listed(call, t.appPath);
  assertEqual(team.map((f) => f.name), ['Keyboard onboarding'], 'saved on the collector');
  assertEqual(team[0].query.steps, FUNNEL.steps, 'with the steps typed');
  assertEqual(team[0].created_by_email, t.collector.admin.email, 'by the signed-in account');

  // Reload, then open it again with the keyboard: arrows in the list, Enter on Open.
  await page.goto(`${base}/funnels?${RANGE}`);
  await page.reload();
  await page.waitForSelector('#saved-funnels:not([disabled])');
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '#saved-funnels');
  await page.keyboard.press('ArrowDown');
  assert(!page.url().includes('saved='), 'moving through the list does not open a funnel yet');
  await page.keyboard.press('Tab');
  assertEqual(await focused(page), 'button#open-saved-funnel', 'Open follows the list');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`saved=${team[0].id}`));
  await page.waitForSelector('#funnel-summary');
  assertEqual(await focused(page), 'button#open-saved-funnel', 'the focus stays on Open after the view changed');
  const from = await page.evaluate(() => Date.now());
  const to = Math.floor(from / 86400000) * 86400000 + 86400000;
  const api = await call('POST', t.appPath('analytics/funnel'), { ...team[0].query, from_ms: to - 7 * 86400000, to_ms: to });
  const rows = await t.table('Funnel');
  assertEqual(rows.map((r) => Number(r[1].replace(/,/g, ''))), api.steps.map((s) => s.entered), 'entered on screen = API for the saved query');
  assertEqual(api.steps.map((s) => s.entered), TRUTH.funnel.entered, 'and = the ground truth');
  assertEqual(rows.map((r) => r[5]), ['100.0%', '60.0%', '30.0%'], 'conversion from first on screen');

  // The comparison range from the keyboard: each arrow press re-renders the
  // view, and the focus stays on the range select so the next press works.
  await tabTo(page, '#compare_range');
  await page.keyboard.press('ArrowDown');
  await page.waitForURL(/compare_days=7/);
  await page.waitForSelector('#funnel-summary');
  assertEqual(await focused(page), 'select#compare_range', 'the focus stays on Compare with');

  // Rename (with the comparison range): a new name and Enter on Save.
  await tabTo(page, '#funnel-name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Onboarding (keyboard)');
  await tabTo(page, '#save-funnel');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice >> text=/Renamed to “Onboarding \\(keyboard\\)”/');
  team = await listed(call, t.appPath);
  assertEqual(team.map((f) => f.name), ['Onboarding (keyboard)'], 'renamed on the collector');
  assertEqual(team[0].compare, { days: 7 }, 'with the comparison range, kept relative');
  // A name another funnel has is refused at the form.
  await call('POST', t.appPath('funnels'), { name: 'Taken', query: FUNNEL });
  await page.waitForSelector('#save-funnel:text-is("Save")');
  await tabTo(page, '#funnel-name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('taken');
  await tabTo(page, '#save-funnel');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#funnel-problems >> text=/named “taken” exists/');
  assertEqual(await focused(page), 'input#funnel-name', 'the name has the focus to fix it');

  // A viewer sees the team's funnels and their numbers, without save controls.
  const viewerEmail = 'viewer@acme.test';
  const { password } = await call('POST', '/api/accounts', { email: viewerEmail, role: 'viewer' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const viewer = await (await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' })).newPage();
    viewer.setDefaultTimeout(10000);
    await viewer.goto(`${base}/funnels?${RANGE}&saved=${team[0].id}`);
    await viewer.fill('#login-email', viewerEmail);
    await viewer.fill('#login-password', password);
    await viewer.keyboard.press('Enter');
    await viewer.waitForSelector('#funnel-summary >> text=30.0%');
    assertEqual(await viewer.$$eval('#saved-funnels option', (o) => o.slice(1).map((x) => x.textContent)), ['Onboarding (keyboard)', 'Taken'], 'the viewer lists the team funnels');
    for (const control of ['#funnel-name', '#save-funnel', '#save-funnel-as-new', '#delete-saved-funnel']) {
      assertEqual(await viewer.locator(control).count(), 0, `no ${control} for a viewer`);
    }
    assert((await viewer.textContent('.action-bar')).includes('viewers open them but cannot save'), 'the viewer is told why');
  } finally {
    await browser.close();
  }

  // Delete from the keyboard (the confirmation accepted); the overview no longer lists it.
  await page.reload();
  await page.waitForSelector('#delete-saved-funnel');
  page.once('dialog', (d) => d.accept());
  await tabTo(page, '#delete-saved-funnel');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.notice >> text=/Deleted “Onboarding \\(keyboard\\)”/');
  team = await listed(call, t.appPath);
  assertEqual(team.map((f) => f.name), ['Taken'], 'deleted on the collector');
  await page.goto(`${base}/?${RANGE}`);
  const top = await t.table('Top funnels');
  assertEqual(top.map((r) => r[0]), ['Taken'], 'the overview reads the collector');
});
