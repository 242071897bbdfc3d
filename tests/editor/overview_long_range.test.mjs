// The dashboard Overview over a range longer than the trends API's 3,660 days
// (day_starts_ms, ten years): it asked anyway, the API answered 422, and the
// card showed the API's "/day_starts_ms: has N day starts; the limit is 3660"
// with the tiles gone. Now it does not ask, and says why in words, while the
// cards that take any range still load.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
globalThis.localStorage ??= { getItem: () => null, setItem() {}, removeItem() {} };
const { overviewView } = await loadModule('editor/src/dashboard/views/overview_view.ts');
const { tooManyDays, MAX_TREND_DAYS } = await loadModule('editor/src/dashboard/date_range.ts');

function fakeContext(query) {
  const asked = [];
  const outlet = document.createElement('main');
  const answer = (name, value) => async (q) => { asked.push([name, q]); return value; };
  const ctx = {
    account: { id: 'a', email: 'a@example.com', role: 'viewer' }, app: { id: 'app_1', name: 'Demo' },
    outlet, params: {}, query: new URLSearchParams(query),
    analytics: {
      trends: answer('trends', { series: [{ event: '$page', events: 0, users: 0, buckets: [] }] }),
      catalog: answer('catalog', { events: 0 }),
      guides: answer('guides', { guides: [] }),
      guideSummaries: answer('guideSummaries', []),
      stuck: answer('stuck', { pages: [], elements: [] }),
      funnel: answer('funnel', { steps: [] }),
    },
    savedFunnels: { list: async () => [] },
    go() {}, href: (path) => `/dashboard/${path}`,
  };
  return { ctx, asked, outlet };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test('ten years of days fit, one more day does not', () => {
  const from = new Date(2010, 0, 1).getTime();
  const range = (days) => ({ from_ms: from, to_ms: new Date(2010, 0, 1 + days).getTime(), label: '' });
  assert.equal(tooManyDays(range(MAX_TREND_DAYS)), null);
  assert.match(tooManyDays(range(MAX_TREND_DAYS + 1)), /3,661 days; per-day counts cover at most 3,660 days/);
});

test('the Overview over more than 3,660 days says so instead of showing a 422', async () => {
  const { ctx, asked, outlet } = fakeContext('from=2000-01-01&to=2026-11-24');
  await overviewView(ctx);
  await settle();
  assert.deepEqual(asked.filter(([name]) => name === 'trends'), [], 'no per-day query the API would refuse');
  const text = outlet.textContent;
  assert.match(text, /This range has 9,825 days; per-day counts cover at most 3,660 days \(ten years\)\./);
  assert.match(text, /Pick a shorter range/);
  assert.doesNotMatch(text, /day_starts_ms|422/);
  assert.ok(asked.some(([name]) => name === 'stuck') && asked.some(([name]) => name === 'guides'), 'the other cards still load');
});

test('the Overview over ten years still asks per day', async () => {
  const { ctx, asked } = fakeContext('days=3660');
  await overviewView(ctx);
  await settle();
  const trends = asked.filter(([name]) => name === 'trends');
  assert.equal(trends.length, 2, 'this period and the previous one');
  assert.equal(trends[0][1].day_starts_ms.length, 3660);
});
