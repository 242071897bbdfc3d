// Clicks the browser answers with nothing changing in the page are no dead
// clicks (docs/recorder.md "Rage clicks and dead clicks"): a download link, a
// link to a new tab, and a dialog (confirm, alert) the click's handler opened,
// read for three seconds or closed at once; nor is a click whose handler held
// the main thread for 1.5 s, past the 1 s window, and then showed its result.
// A link whose handler prevented the new tab, and a div that does nothing,
// still are. Dialogs answer through the window's blur: the browser's focus
// emulation is off, as headless Chromium blurs no window otherwise (a real
// one does).
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: sdk dead click answers', {}, async (t) => {
  const page = await t.newPage();
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    // The user reads the confirm for 3 s (past the 1 s window), the alert not at all.
    setTimeout(() => dialog.accept().catch(() => {}), dialog.type() === 'confirm' ? 3000 : 150);
  });
  const downloads = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const popups = [];
  page.on('popup', (p) => popups.push(p));
  await page.goto(`${t.app}/pages/browser_answers.html`);
  // After the navigation, which starts the page afresh with the emulation on.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const { events } = t.collector.state;
  await eventually(() => events.some((e) => e.type === 'page'), 'page view arrives');

  // A press held like a person's: focus moves at the press, before the click.
  // The dialogs first: with the emulation off, the new tab takes the focus for good.
  const ids = ['confirm', 'alert', 'slow', 'download', 'new-tab', 'prevented', 'broken'];
  for (const id of ids) {
    await page.click(`#${id}`, { delay: 80 });
    // Past its window: no answer to the next click saves this one.
    await page.waitForTimeout(1300);
  }
  assert(downloads.includes('report.js'), `the download started: ${downloads}`);
  assert(popups.length === 1, `one new tab opened (not the prevented one): ${popups.length}`);
  assert(dialogs.join() === 'confirm,alert', `both dialogs opened: ${dialogs}`);
  assert(await page.evaluate(() => !document.querySelector('#total').hidden), 'the slow handler showed its result');

  const click = (id) => events.find((e) => e.event === 'cairn_click' && e.properties.id === id);
  const dead = (id) => events.some((e) => e.event === 'cairn_dead_click' && e.properties.element_key === click(id)?.properties.element_key);
  await eventually(() => dead('broken'), 'the dead click on #broken arrives', 10000);
  // Dead clicks come oldest first: the others' verdicts are in by now.
  for (const id of ids) assert(click(id), `the click on #${id} was recorded`);
  assert(dead('prevented'), 'a link whose new tab the page prevented is a dead click');
  const wrong = ['download', 'new-tab', 'confirm', 'alert', 'slow'].filter(dead);
  assert(wrong.length === 0, `a click the browser answered is no dead click: ${wrong.map((id) => `#${id}`).join(', ')}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
