// The dashboard's people search against the real collector: a support ticket
// from "jane@acme.io" finds Jane (stored under an internal id) by any part of
// the email of her latest identify, in any case, while typing (one request
// after a pause, not one per key); each match links to the person's timeline,
// reachable by keyboard (Down from the box, Enter), and Back returns to the
// results; the start of a user id finds people too; an email she no longer
// has, a failed request, a cut answer and a cleared box each say what happened.
import { assert, assertEqual, withDashboard } from './dashboard_fixture.mjs';

const JANE = 'usr_81f2';
const BOB = 'usr_90aa';

// Jane identified twice (her email changed), then created a project; Bob
// identified once; an anonymous visitor browsed.
async function load(collector) {
  const at = Date.now() - 3600000;
  let n = 0;
  const event = (fields, dt) => ({ ...fields, messageId: `search-${n++}`, timestamp: new Date(at + dt).toISOString() });
  const batch = [
    event({ type: 'identify', userId: JANE, anonymousId: 'anon-1', traits: { email: 'jane@old-job.example', name: 'Jane Doe' } }, 0),
    event({ type: 'identify', userId: JANE, anonymousId: 'anon-1', traits: { email: 'Jane@Acme.io', name: 'Jane Doe' } }, 1000),
    event({ type: 'track', userId: JANE, event: 'project_created' }, 5000),
    event({ type: 'identify', userId: BOB, anonymousId: 'anon-2', traits: { email: 'bob@acme.io', name: 'Bob Stone' } }, 2000),
    event({ type: 'page', anonymousId: 'anon-3', name: 'Pricing' }, 3000),
  ];
  const r = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': collector.writeKey },
    body: JSON.stringify({ batch }) });
  if (!r.ok) throw new Error(`POST /v1/batch: ${r.status} ${await r.text()}`);
  return { at };
}

await withDashboard('browser: dashboard people search', async (t) => {
  const { page } = t;
  const searches = [];
  page.on('request', (r) => { if (/\/people\?q=/.test(r.url())) searches.push(new URL(r.url()).searchParams.get('q')); });
  const rows = () => page.locator('#people-search-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  const box = page.getByLabel('Find a person by email, name or user id');
  const status = page.locator('#people-search-status');

  await page.goto(`${t.collector.url}/dashboard/`);
  await page.getByRole('link', { name: 'People' }).click();
  await box.waitFor();

  // Typed as a person types: one search once they pause, in any case. A
  // loaded machine may itself pause between two keys for longer than the
  // debounce (SEARCH_DEBOUNCE_MS, 250 ms): each such pause may search too.
  await box.evaluate((input) => { window.__keyTimes = []; input.addEventListener('input', () => window.__keyTimes.push(performance.now())); });
  // A search made at such a pause ("JANE@ac") also finds Jane: wait for the
  // answer to the whole text, shown (the box is no longer busy), not for the first "1 person matches.".
  const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === 'JANE@acme');
  await box.pressSequentially('JANE@acme', { delay: 40 });
  await answered;
  await page.locator('section.people-search[aria-busy="false"]').waitFor();
  await status.locator('text=1 person matches.').waitFor();
  const keyTimes = await page.evaluate(() => window.__keyTimes);
  const pauses = keyTimes.slice(1).filter((at, i) => at - keyTimes[i] >= 200).length;
  assert(searches.length <= 1 + pauses && searches.at(-1) === 'JANE@acme',
    `a request after a pause, not one per key: ${JSON.stringify(searches)} (${pauses} pauses between keys)`);
  const api = await t.call('GET', t.appPath('people?q=JANE%40acme'));
  assertEqual(api.people.map((p) => p.user_key), [JANE], 'the API finds Jane');
  const [row] = await rows();
  assertEqual(row.slice(0, 3), [JANE, 'Jane@Acme.io', 'Jane Doe'], 'her id, her latest email and her name');
  assert(row[3].length > 0, 'and when she was last seen');
  assert(page.url().endsWith('/dashboard/people?q=JANE%40acme'), `the search is in the URL: ${page.url()}`);
  await t.shot('dashboard-people-search.png');

  // Keyboard: Down reaches the result, Enter opens her timeline.
  await box.press('ArrowDown');
  assertEqual(await page.evaluate(() => document.activeElement?.textContent), JANE, 'Down focuses the first result');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/dashboard/people/${JANE}`);
  await page.waitForSelector('#person-event-list .person-event-name >> text=project_created');

  // Back returns to the results.
  await page.goBack();
  await page.waitForURL('**/dashboard/people?q=JANE%40acme');
  await status.locator('text=1 person matches.').waitFor();
  assertEqual(await box.inputValue(), 'JANE@acme', 'the box keeps the text');

  // Her former email no longer finds her: the newer identify replaced it.
  await box.fill('old-job');
  await status.locator('text=No one matches “old-job”.').waitFor();
  assertEqual(await page.locator('#people-search-table').count(), 0, 'no table when nobody matches');

  // The start of a user id (exact case) finds people, in id order; so does a shared email domain, newest identify first.
  await box.fill('usr_');
  await status.locator('text=2 people match.').waitFor();
  assertEqual((await rows()).map((r) => r[0]), [JANE, BOB], 'ids starting with usr_');
  await box.fill('ACME.IO');
  await page.waitForFunction(() => document.querySelector('#people-search-table tbody tr th')?.textContent === 'usr_90aa');
  assertEqual((await rows()).map((r) => r[0]), [BOB, JANE], 'Bob identified after Jane');
  // Up and Down move between results; Up from the first returns to the box.
  await box.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assertEqual(await page.evaluate(() => document.activeElement?.textContent), JANE, 'Down moves to the next result');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assertEqual(await page.evaluate(() => document.activeElement?.id), 'people-search', 'Up from the first result returns to the box');

  // A failed search says why and offers to try again.
  let failures = 1;
  await page.route(/\/people\?q=boom/, (route) => (failures-- > 0
    ? route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'people_error', message: 'cannot read the events: disk I/O error' } }) })
    : route.continue()));
  await box.fill('boom');
  await status.locator('text=cannot read the events: disk I/O error').waitFor();
  await status.getByRole('button', { name: 'Try again' }).click();
  await status.locator('text=No one matches “boom”.').waitFor();

  // When more may match (the collector's answer says `truncated`), the page
  // says why: the limit, or a read bound of the search (answers stood in for
  // here: the bounds are 1,000 user ids and 1,000,000 people).
  const person = (i) => ({ user_key: `p${i}`, last_seen_ms: t.at });
  for (const [text, people, said] of [
    ['many', Array.from({ length: 20 }, (_, i) => person(i)), 'The first 20 people found; type more to narrow the search.'],
    ['few', [person(1)], '1 person matches; this app has more people than one search reads, so more may match.'],
    ['none', [], 'No one matches “none”. This app has more people than one search reads: try the start of their user id.']]) {
    await page.route(new RegExp(`/people\\?q=${text}&`), (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ people, truncated: true }) }));
    await box.fill(text);
    await status.locator(`text=${said}`).waitFor();
    assertEqual((await rows()).length, people.length, `${text}: every person listed`);
  }

  // Escape clears the box, the results and the URL's text.
  await box.fill('usr_');
  await status.locator('text=2 people match.').waitFor();
  await box.press('Escape');
  assertEqual(await box.inputValue(), '', 'Escape empties the box');
  assertEqual(await page.locator('#people-search-table').count(), 0, 'and the results');
  assert(page.url().endsWith('/dashboard/people'), `and the URL: ${page.url()}`);
  // The exact-id lookup is still there.
  assert(await page.getByLabel('User id or anonymous id').isVisible(), 'the lookup by exact id remains');
}, { load });
