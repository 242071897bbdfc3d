// Set-up shared by the dashboard browser tests: the real collector with a
// small deterministic data set posted through /v1/batch (its answers worked
// out by hand below, in TRUTH), a guide created through the admin API so
// reports show its name, a second app with no data, and Chromium logged in
// to /dashboard/. Everything is stopped whatever happens.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARGS, runAndExit, SHOTS, TEST_TIMEOUT_MS } from './harness.mjs';

export { assert } from './harness.mjs';
import { startCollector } from './collector_fixture.mjs';

const DAY = 86400000;
const MIN = 60000;
// The customer's app. Nothing listens there: the tests answer its pages themselves.
export const APP_ORIGIN = 'http://127.0.0.1:9';

// Two days ago, 10:00 UTC: inside "the last 7 days" whenever the test runs.
export const BASE_MS = Math.floor(Date.now() / DAY) * DAY - 2 * DAY + 10 * 3600000;
export const FUNNEL = {
  steps: [{ event: 'signup_started' }, { event: 'project_created' }, { event: 'invite_sent' }],
  window_ms: DAY, order: 'ordered', count: 'unique_users',
};
export const user = (k) => `u${String(k).padStart(2, '0')}`;

// What the analytics must answer for the events of dataSet(), by hand from docs/analytics.md.
export const TRUTH = {
  funnel: {
    entered: [10, 6, 3],
    // Nearest-rank percentiles of {1..6} minutes and of {30, 30, 30} s.
    median_ms: [null, 3 * MIN, 30000], p90_ms: [null, 6 * MIN, 30000],
    droppedAfter: { 1: [7, 8, 9, 10].map(user), 2: [4, 5, 6].map(user) },
    breakdown: { pro: [5, 5, 3], free: [5, 1, 0] },
  },
  activeUsers: 10, pageViews: 11,
  guide: { name: 'Onboarding tour', completedUsers: 2, dismissedByReason: { close_button: 2, escape_key: 1 },
    targetMissingEvents: 1, gaveUpByStep: [2, 1], exposed: { users: 6, converted: 6 }, holdout: { users: 2, converted: 0 } },
  stuck: { element: "button 'Save'", rageClicks: 3, rageUsers: 2, deadElement: "a 'Help'", page: `${APP_ORIGIN}/projects/new`,
    summary: { tag: 'button', id: 'save', role: 'button', name: 'Save', text: 'Save', attributes: { 'data-testid': 'save-project' } } },
};

// The events: ten users start signing up ten minutes apart; user k takes k
// minutes to create a project (k ≤ 6) and users 1–3 invite someone 30 s later.
export function dataSet(guideId) {
  const events = [];
  let n = 0;
  const add = (k, at, event, properties = {}, type = 'track') => events.push({
    type, ...(type === 'track' ? { event } : { name: event }), userId: user(k), messageId: `dash-${n++}`,
    timestamp: new Date(at).toISOString(), properties });
  for (let k = 1; k <= 10; k++) {
    const t = BASE_MS + k * 10 * MIN;
    add(k, t, 'signup_started', { plan: k <= 5 ? 'pro' : 'free' });
    add(k, t + 1000, 'Projects', { path: '/projects', url: `${APP_ORIGIN}/projects` }, 'page');
    if (k === 1) add(k, t + 2000, 'New project', { path: '/projects/new', url: `${APP_ORIGIN}/projects/new` }, 'page');
    if (k <= 6) add(k, t + k * MIN, 'project_created');
    if (k <= 3) add(k, t + k * MIN + 30000, 'invite_sent');
    // The guide, before the project is created: users 7 and 8 are the holdout.
    const g = (dt, event, extra = {}) => add(k, t + dt, event, { guide_id: guideId, guide_version: 1, variant: k <= 6 ? 'control' : 'holdout', ...extra });
    if (k <= 8) g(10000, 'cairn_guide_seen', { step_index: 0 });
    if (k <= 6) g(11000, 'cairn_step_seen', { step_index: 0, step_id: 'welcome' });
    if (k <= 4) { g(15000, 'cairn_step_completed', { step_index: 0, step_id: 'welcome' }); g(16000, 'cairn_step_seen', { step_index: 1, step_id: 'create' }); }
    if (k <= 2) { g(20000, 'cairn_step_completed', { step_index: 1, step_id: 'create' }); g(21000, 'cairn_guide_completed'); }
    if (k === 3) g(25000, 'cairn_guide_dismissed', { step_index: 1, step_id: 'create', reason: 'close_button' });
    if (k === 4) g(17000, 'cairn_target_missing', { step_index: 1, step_id: 'create', waited_ms: 5000, outcome: 'ended' });
    if (k === 5) g(20000, 'cairn_guide_dismissed', { step_index: 0, step_id: 'welcome', reason: 'escape_key' });
    if (k === 6) g(20000, 'cairn_guide_dismissed', { step_index: 0, step_id: 'welcome', reason: 'close_button' });
  }
  // `target`: the element's full descriptor, as the SDK's adapter sends it.
  const save = { selector: "button 'Save'", url: `${APP_ORIGIN}/projects/new`, target: { tag: 'button', id: 'save', classes: ['btn', 'primary'],
    role: 'button', name: 'Save', text: 'Save', attributes: { type: 'submit', 'data-testid': 'save-project' },
    rect: { x: 40, y: 300, width: 80, height: 32 }, visible: true, index: 0, ancestors: [{ tag: 'form', id: 'project-form', index: 0 }] } };
  add(1, BASE_MS + 3 * 3600000, 'cairn_click', { tag: 'button', text: 'Save', name: 'Save', role: 'button' });
  add(1, BASE_MS + 3 * 3600000 + 1000, 'cairn_rage_click', { click_count: 3, ...save });
  add(1, BASE_MS + 3 * 3600000 + 9000, 'cairn_rage_click', { click_count: 4, ...save });
  add(2, BASE_MS + 3 * 3600000 + 5000, 'cairn_rage_click', { click_count: 3, ...save });
  add(3, BASE_MS + 3 * 3600000 + 7000, 'cairn_dead_click', { selector: "a 'Help'", url: `${APP_ORIGIN}/help` });
  return events;
}

async function post(url, writeKey, events) {
  const r = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': writeKey },
    body: JSON.stringify({ batch: events }) });
  if (!r.ok) throw new Error(`POST /v1/batch: ${r.status} ${await r.text()}`);
}

// The default data: the small known data set, its guide, and an app without data.
async function loadKnownDataSet(collector, call) {
  const { guide } = await call('POST', `/api/apps/${collector.appId}/guides`, { name: TRUTH.guide.name });
  const empty = await call('POST', '/api/apps', { name: 'Empty App' });
  await post(collector.url, collector.writeKey, dataSet(guide.id));
  return { guideId: guide.id, emptyAppId: empty.app.id };
}

// Runs body(t) with t = { collector, call, page, shot(name), csv(title), table(title), errors,
// ...what `load(collector, call)` returns (default: guideId, emptyAppId) }.
// `origins`: the app's allowed origins (the customer's app for "Open in app");
// `timezoneId`: the browser's time zone (an IANA name).
export async function withDashboard(name, body, { timeoutMs = TEST_TIMEOUT_MS, load = loadKnownDataSet, origins = [APP_ORIGIN], timezoneId = 'UTC' } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const timer = setTimeout(() => { console.error(`${name}: timed out after ${timeoutMs} ms`); process.exit(2); }, timeoutMs);
  let collector = null;
  let browser = null;
  const errors = [];
  await runAndExit(name, errors, async () => {
    collector = await startCollector({ origins });
    const call = await collector.login();
    const loaded = await load(collector, call);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS, timeout: 30000 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId, locale: 'en-US', acceptDownloads: true });
    // The customer's app: a blank page (the bridge's handshake is the editor tests' job).
    await context.route(`${APP_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Acme</title><p>Acme</p>' }));
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
    await page.goto(`${collector.url}/dashboard/`);
    await page.fill('#login-email', collector.admin.email);
    await page.fill('#login-password', collector.admin.password);
    await page.click('.login-card button[type=submit]');
    await page.waitForSelector('.dashboard-tabs');
    const t = {
      collector, call, page, context, errors, ...loaded,
      appPath: (suffix) => `/api/apps/${collector.appId}/${suffix}`,
      async shot(file) {
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        await page.screenshot({ path: join(SHOTS, file), fullPage: true });
      },
      // Clicks "Export CSV" on the card titled `title` and returns the rows of the file.
      async csv(title) {
        const card = page.locator('section.chart-card', { has: page.locator(`.card-head >> text="${title}"`) });
        const [download] = await Promise.all([page.waitForEvent('download'), card.locator('button', { hasText: 'Export CSV' }).click()]);
        return parseCsv(readFileSync(await download.path(), 'utf8'));
      },
      // The cells of the table in the card titled `title` (present even while the chart shows).
      async table(title) {
        const card = page.locator('section.chart-card', { has: page.locator(`.card-head >> text="${title}"`) });
        await card.locator('table').waitFor({ state: 'attached' });
        return card.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
      },
    };
    await body(t);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  }, async () => {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    await collector?.stop().catch(() => {});
  });
}

// RFC 4180 (what data_table.ts writes): quoted fields, doubled quotes, CRLF.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: got ${a}, expected ${e}`);
}

// The date-range query every test uses ("the last 7 days", which holds BASE_MS).
export const RANGE = 'days=7';
export { DAY };
