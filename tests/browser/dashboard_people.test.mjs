// The dashboard's People view against the real collector: a person looked up
// by an id that needs percent-encoding shows their events newest first, a page
// of 50 at a time ("Show older events"), equal to the API's, with the browsing
// before sign-in of the anonymous id an identify linked to them ("Also seen
// as", each such event marked with the id); an admin erases the person only
// after typing the id again, which erases their events and those of the
// linked anonymous id, and nobody else's.
import { assert, assertEqual, withDashboard } from './dashboard_fixture.mjs';

const JANE = 'jane doe/x@acme.io';
const ANON = 'anon-7f3a';
const OTHER = 'bob';
const EVENTS_OF_JANE = 60;
const BROWSED_BEFORE_SIGN_IN = 3;

// Jane browses anonymously (3 events), identifies (linking the anonymous id),
// then sends 60 events; Bob sends 5.
async function load(collector) {
  const at = Date.now() - 3600000;
  const events = [];
  let n = 0;
  const add = (ids, event, dt) => events.push({ type: 'track', event, ...ids, messageId: `people-${n++}`, timestamp: new Date(at + dt).toISOString() });
  for (let i = 0; i < BROWSED_BEFORE_SIGN_IN; i++) add({ anonymousId: ANON }, 'page_browsed', i * 1000);
  events.push({ type: 'identify', userId: JANE, anonymousId: ANON, messageId: `people-${n++}`, timestamp: new Date(at + 5000).toISOString() });
  for (let i = 0; i < EVENTS_OF_JANE; i++) add({ userId: JANE }, `step_${i}`, 10000 + i * 1000);
  for (let i = 0; i < 5; i++) add({ userId: OTHER }, 'bob_event', 20000 + i * 1000);
  const r = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': collector.writeKey },
    body: JSON.stringify({ batch: events }) });
  if (!r.ok) throw new Error(`POST /v1/batch: ${r.status} ${await r.text()}`);
  return {};
}

await withDashboard('browser: dashboard people', async (t) => {
  const { page } = t;
  const pageOf = (key, query = '') => t.call('GET', t.appPath(`people/${encodeURIComponent(key)}/events?limit=100${query}`));
  const eventsOf = async (key) => (await pageOf(key)).events;

  // The tab opens the lookup; looking up Jane goes to her page.
  await page.goto(`${t.collector.url}/dashboard/`);
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('User id or anonymous id').fill(JANE);
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.waitForURL(`**/dashboard/people/${encodeURIComponent(JANE)}`);
  await page.waitForSelector('#person-older');

  // Newest first, 50 per page, then the rest: the same events as the API's,
  // her anonymous browsing before sign-in included, as funnels count it.
  const merged = await pageOf(JANE);
  const api = merged.events;
  const total = EVENTS_OF_JANE + 1 + BROWSED_BEFORE_SIGN_IN;
  assert(api.length === total, `the API has Jane's events, her identify and her browsing before it: ${api.length}`);
  assertEqual(merged.linked_ids, [ANON], 'the API names the linked id');
  assertEqual(api.slice(-BROWSED_BEFORE_SIGN_IN).map((e) => e.user_key), Array(BROWSED_BEFORE_SIGN_IN).fill(ANON), 'the oldest events are the anonymous id\'s');
  assert(api.slice(0, -BROWSED_BEFORE_SIGN_IN).every((e) => e.user_key === JANE), 'the others are stored under Jane');
  assertEqual((await pageOf(JANE, '&merge=0')).events.length, EVENTS_OF_JANE + 1, 'merge=0: her own events only');
  const shown = () => page.locator('#person-event-list .person-event-name').allTextContents();
  assertEqual((await shown()).length, 50, 'the first page');
  const alsoSeenAs = page.locator('#person-linked-ids');
  assert(await alsoSeenAs.isVisible(), 'the page says who else Jane was');
  assert((await alsoSeenAs.textContent()).startsWith(`Also seen as ${ANON} — `), `the linked id: ${await alsoSeenAs.textContent()}`);
  await page.click('#person-older');
  await page.waitForSelector(`#person-events-status >> text=${total} events, the oldest last.`);
  const names = api.map((e) => (e.type === 'identify' ? 'Identified' : e.event));
  assertEqual(await shown(), names, 'both pages, newest first, as the API');
  const marked = await page.locator('#person-event-list .person-event').evaluateAll((items) =>
    items.map((li) => li.querySelector('.person-event-id')?.textContent ?? null));
  assertEqual(marked, api.map((e) => (e.user_key === ANON ? `as ${ANON}` : null)), 'each event of the anonymous id is marked with it, no other');
  await t.shot('dashboard-people.png');

  // Erasing needs the id typed again.
  const erase = page.locator('#erase-person');
  assert(await erase.isDisabled(), 'the erase button starts disabled');
  await page.fill('#erase-confirm', 'jane');
  assert(await erase.isDisabled(), 'a different id keeps it disabled');
  await page.fill('#erase-confirm', JANE);
  assert(await erase.isEnabled(), 'the exact id enables it');
  await erase.click();
  const result = page.locator('#erase-result');
  await result.locator('text=Erased').waitFor();
  assertEqual((await result.textContent()).trim(), `Erased ${total} events of ${JANE} and 1 linked anonymous id.`, 'the erasure says what it erased');
  await page.waitForSelector('#person-events-status >> text=No events recorded for this id.');
  assert(await alsoSeenAs.isHidden(), 'no linked id is left to name');

  // Jane and her anonymous id are gone; Bob is not.
  assertEqual((await eventsOf(JANE)).length, 0, 'Jane erased');
  assertEqual((await eventsOf(ANON)).length, 0, 'her linked anonymous id erased');
  assertEqual((await eventsOf(OTHER)).length, 5, 'Bob kept');

  // Erasing again is safe and says there was nothing.
  await page.fill('#erase-confirm', JANE);
  await erase.click();
  await result.locator(`text=Nothing to erase: no events are stored for ${JANE}.`).waitFor();

  // An id with no events says so; the lookup keeps working.
  await page.getByLabel('User id or anonymous id').fill(OTHER);
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.waitForSelector('#person-events-status >> text=5 events, the oldest last.');
  assert(await alsoSeenAs.isHidden(), 'Bob has no linked id: no "Also seen as"');
  assertEqual(await page.locator('.person-event-id').count(), 0, 'and no event marked with another id');

  // Past the collector's bound on linked ids (PersonIdsLimits) the page says
  // how many were merged, or that none could be (answers stood in for here).
  const answer = (linked) => ({ events: [], next_before_ms: null, merged: true, linked_ids: linked, linked_ids_truncated: true });
  for (const [key, linked, text] of [
    ['busy-a', ['anon-1', 'anon-2'], 'Also seen as anon-1, anon-2 and more (the first 2 are merged) — '],
    ['busy-b', [], 'This id is linked to more ids than a page can merge: only its own events are shown.']]) {
    await page.route(`**/people/${key}/events**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer(linked)) }));
    await page.getByLabel('User id or anonymous id').fill(key);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForSelector('#person-events-status >> text=No events recorded for this id.');
    assert((await alsoSeenAs.textContent()).startsWith(text), `${key}: ${await alsoSeenAs.textContent()}`);
  }
}, { load });
