// Times the dashboard on a big seeded data set (not a CTest test: it takes
// minutes). Seeds a fresh collector through samples/seed/generate.mjs (about
// 50 events per person: 20,000 people ≈ 1 M events), times the API queries the
// views make, then each view in Chromium from navigation until nothing is
// busy, counting its API requests. Results: docs/dashboard.md, "Speed".
//   CAIRN_COLLECTOR=build/release/collector/cairn-collector node tests/browser/dashboard_timing.mjs [people]
import { startCollector } from './collector_fixture.mjs';
import { ARGS, ROOT } from './harness.mjs';
import { ONBOARDING_FUNNEL, GOAL } from '../../samples/seed/truth.mjs';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const users = process.argv[2] ?? '20000';
const c = await startCollector({ origins: ['http://127.0.0.1:8400'] });
let browser;
try {
  let t0 = Date.now();
  const out = execFileSync(process.execPath, [join(ROOT, 'samples/seed/generate.mjs'), '--host', c.url, '--write-key', c.writeKey, '--users', users, '--days', '28'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  console.log(out.trim().split('\n').slice(-3).join('\n'));
  console.log(`ingest: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const call = await c.login();
  const app = (p) => `/api/apps/${c.appId}/${p}`;
  const DAY = 86400000;
  const to = Math.floor(Date.now() / DAY) * DAY + DAY;
  const r28 = { from_ms: to - 28 * DAY, to_ms: to };
  const r7 = { from_ms: to - 7 * DAY, to_ms: to };
  const timed = async (label, f) => { const s = performance.now(); const r = await f(); console.log(`${label}: ${(performance.now() - s).toFixed(0)} ms`); return r; };
  await timed('first query (index build from SQLite)', () => call('POST', app('analytics/stuck'), r7));
  const guides = await timed('guides report 28 d', () => call('POST', app('analytics/guides'), r28));
  const gid = guides.guides[0]?.guide_id;
  const funnel = { steps: ONBOARDING_FUNNEL, window_ms: 7 * DAY };
  await timed('funnel 5 steps 28 d', () => call('POST', app('analytics/funnel'), { ...funnel, ...r28 }));
  await timed('funnel + breakdown', () => call('POST', app('analytics/funnel'), { ...funnel, ...r28, breakdown: { property: 'plan', limit: 5 } }));
  await timed('funnel dropped page', () => call('POST', app('analytics/funnel'), { ...funnel, ...r28, dropped: { step: 1, limit: 50 } }));
  await timed('guide + goal', () => call('POST', app('analytics/guides'), { ...r28, guide_id: gid, goal: GOAL }));
  await timed('stuck 28 d', () => call('POST', app('analytics/stuck'), { ...r28, limit: 20 }));
  await timed('trends $page day 28 d', () => call('POST', app('analytics/trends'), { series: [{ event: '$page' }], interval: 'day', ...r28 }));
  await timed('trends 3 guide series', () => call('POST', app('analytics/trends'), { series: ['cairn_guide_seen', 'cairn_guide_completed', 'cairn_guide_dismissed'].map((e) => ({ event: e, filters: [{ property: 'guide_id', op: 'eq', value: gid }] })), interval: 'day', ...r28 }));
  await timed('trends hour 28 d', () => call('POST', app('analytics/trends'), { series: [{ event: '$page' }], interval: 'hour', ...r28 }));

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' })).newPage();
  await page.goto(`${c.url}/dashboard/`);
  await page.fill('#login-email', c.admin.email);
  await page.fill('#login-password', c.admin.password);
  await page.click('.login-card button[type=submit]');
  await page.waitForSelector('.dashboard-tabs');
  const saved = await call('POST', app('funnels'), { name: 'Onboarding', query: funnel });
  const views = [['overview', ''], ['funnel', `funnels?days=28&saved=${saved.funnel.id}`], ['guides', 'guides?days=28'], ['guide detail + impact', `guides/${gid}?days=28&goal=${encodeURIComponent(JSON.stringify(GOAL))}`],
    ['stuck', 'stuck?days=28'], ['trends (day)', 'trends?days=28'], ['trends (hour)', 'trends?days=28&interval=hour&measure=events']];
  for (const [label, path] of views) {
    let requests = 0;
    const count = (r) => { if (r.url().includes('/api/')) requests++; };
    page.on('request', count);
    const s = performance.now();
    await page.goto(`${c.url}/dashboard/${path}`);
    await page.waitForFunction(() => document.querySelector('.view') && !document.querySelector('[aria-busy="true"], .loading'), null, { timeout: 60000 });
    console.log(`view ${label}: ${(performance.now() - s).toFixed(0)} ms, ${requests} API requests`);
    page.off('request', count);
  }
} finally {
  await browser?.close();
  await c.stop();
}
