// Autocaptured clicks are recorded in the task after the click's own
// (cairn_client.ts), when the page's handler has already changed the page: a
// click whose handler shows an element, moves focus, opens a <details>, a
// <dialog> or a popover, or only calls track() is no dead click, a click on
// an element that does nothing is (three fast ones one rage click and
// one dead click of three), track() in a click's handler and the page view of
// a route change there come after the click in the batch, and a click right
// before pagehide goes out in the beacon. The clicked element's description,
// taken at the press, is the element's as it is at the click.
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: sdk click recording', {}, async (t) => {
  const page = await t.newPage();
  await page.addInitScript(() => {
    window.__beacons = [];
    const send = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, body) => { window.__beacons.push(body); return send(url, body); };
  });
  await page.goto(`${t.app}/pages/clicks.html`);
  const { events, batches } = t.collector.state;
  // The page view comes once the SDK listens for clicks.
  await eventually(() => events.some((e) => e.type === 'page'), 'page view arrives');

  // Each click and what its handler did, for the page's eyes only (a track
  // call: the event itself, checked below).
  const answers = {
    open: () => !document.querySelector('#details').hidden,
    edit: () => document.activeElement.id === 'name',
    buy: () => true,
    more: () => document.querySelector('details').open,
    terms: () => document.querySelector('#terms-dialog').open,
    menu: () => document.querySelector('#menu-list').matches(':popover-open'),
  };
  const answered = Object.keys(answers);
  for (const id of answered) {
    await page.click(`#${id}`);
    assert(await page.evaluate(answers[id]), `the page's handler of #${id} ran`);
    // Past its window: no change of the next click's saves this one.
    await page.waitForTimeout(1100);
  }
  await page.keyboard.press('Escape');  // Closes the popover, which covers #broken.
  // Three fast clicks as one input burst: three page.click() calls are three
  // round trips each, which on a loaded machine spread past the 1 s windows.
  await page.click('#broken', { clickCount: 3 });

  const click = (id) => events.find((e) => e.event === 'cairn_click' && e.properties.id === id);
  const about = (name, id) => events.filter((e) => e.event === name && e.properties.element_key === click(id)?.properties.element_key);
  await eventually(() => about('cairn_dead_click', 'broken').length === 1, 'the dead click on #broken arrives', 10000);
  // The answered clicks came first: a dead click of theirs would have come by
  // now (oldest first, in the same or an earlier batch).
  for (const id of answered) assert(click(id), `the click on #${id} was recorded`);
  const dead = answered.filter((id) => about('cairn_dead_click', id).length);
  assert(dead.length === 0, `a click the page answered is not dead: ${dead.map((id) => `#${id}`).join(', ')}`);
  const broken = about('cairn_dead_click', 'broken')[0];
  assert(broken.properties.click_count === 3, `one dead click of three: ${JSON.stringify(broken.properties)}`);
  const rage = about('cairn_rage_click', 'broken');
  assert(rage.length === 1 && rage[0].properties.click_count === 3, `one rage click of three: ${JSON.stringify(rage)}`);
  assert(events.filter((e) => e.event === 'cairn_click' && e.properties.id === 'broken').length === 3, 'three clicks on #broken');
  assert(Date.parse(broken.timestamp) === Date.parse(click('broken').timestamp), 'the dead click has its first click\'s time');

  // track() in the click's handler: the click first, in the same batch.
  const bought = batches.find((b) => b.batch.some((e) => e.event === 'Bought'));
  assert(bought, 'the track event arrived');
  const names = bought.batch.map((e) => e.event === 'cairn_click' ? `click:${e.properties.id}` : e.event);
  assert(names.indexOf('click:buy') >= 0 && names.indexOf('click:buy') < names.indexOf('Bought'),
    `the click comes before the track call of its handler: ${names.join(', ')}`);

  // The route change in the click's handler (any change saves every pending
  // click, so after #broken's verdict): the click before the page view.
  await page.click('#tab');
  await eventually(() => batches.some((b) => b.batch.some((e) => e.type === 'page' && e.properties.url.endsWith('?tab=2'))),
    'the page view of the route change arrives');
  const routed = batches.find((b) => b.batch.some((e) => e.type === 'page' && e.properties.url.endsWith('?tab=2')));
  const kinds = routed.batch.map((e) => e.event === 'cairn_click' ? `click:${e.properties.id}` : e.event ?? `$${e.type}`);
  assert(kinds.indexOf('click:tab') >= 0 && kinds.indexOf('click:tab') < kinds.indexOf('$page'),
    `the click comes before the page view of its handler's route change: ${kinds.join(', ')}`);

  // The element is described when the press starts (press_description.ts);
  // the click takes that description only when nothing changed since. A
  // press held like a person's (its own task) on an unchanged page: the
  // click's description is the one the element has at the click.
  const hold = await page.locator('#hold').boundingBox();
  await page.mouse.click(hold.x + hold.width / 2, hold.y + hold.height / 2, { delay: 100 });
  const described = await page.evaluate(() => window.Cairn.debug.describe(document.querySelector('#hold')));
  await eventually(() => click('hold'), 'the held click arrives');
  for (const [field, value] of Object.entries(described)) {
    assert(JSON.stringify(click('hold').properties[field]) === JSON.stringify(value),
      `the held click's ${field} is the element's: ${JSON.stringify(click('hold').properties[field])} vs ${JSON.stringify(value)}`);
  }
  // A press that only set off a :focus rule (no DOM change): the box differs
  // at the click, so the click describes it again, at its focused size.
  const grow = await page.locator('#grow').boundingBox();
  await page.mouse.click(grow.x + grow.width / 2, grow.y + grow.height / 2, { delay: 100 });
  const grown = await page.evaluate(() => window.Cairn.debug.describe(document.querySelector('#grow')).rect);
  await eventually(() => click('grow'), 'the click on #grow arrives');
  assert(grown.height > grow.height && JSON.stringify(click('grow').properties.rect) === JSON.stringify(grown),
    `the focused box is recorded: ${JSON.stringify(click('grow').properties.rect)} vs ${JSON.stringify(grown)} (pressed: ${grow.height})`);
  // A press whose handler relabels the button: the click describes it again.
  await page.click('#relabel');
  await eventually(() => click('relabel'), 'the click on #relabel arrives');
  assert(click('relabel').properties.name === 'Saving…', `described as it is at the click: ${JSON.stringify(click('relabel').properties)}`);

  // A click and pagehide in one task: the click is in the beacon.
  await page.evaluate(() => {
    document.querySelector('#leave').click();
    window.dispatchEvent(new Event('pagehide'));
  });
  const beacons = await page.evaluate(() => Promise.all(window.__beacons.map((b) => b.text())));
  assert(beacons.some((b) => JSON.parse(b).batch.some((e) => e.event === 'cairn_click' && e.properties.id === 'leave')),
    `the click before pagehide is in a beacon: ${beacons.length} beacons`);
  await eventually(() => click('leave'), 'the beacon reaches the collector');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
