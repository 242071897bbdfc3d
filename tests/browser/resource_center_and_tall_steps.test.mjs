// The resource center and steps too tall for the screen, as an end user meets
// them with a mouse on a desktop (1100x720) and a finger on a phone (390x844,
// touch, then a notch). Screenshots: build/artifacts/screenshots/rc-*.png.
// - The resource center closes from a visible "Close" button (44px on
//   touch), Escape, the launcher button, or a click or tap anywhere outside
//   it; none dismisses the launcher's guide, and the first two give the focus
//   back to the launcher. It had no close button (an empty span) and stayed
//   open over the page whatever the user pressed there. A finger scrolling
//   the page, or a mouse selecting its text, from outside leaves it open (it
//   closed as soon as the finger touched the page).
// - A resource center without items (every published launcher) shows no
//   empty progress bar and list; one with items shows them without the bar.
// - A tooltip taller than the screen is cut to the room beside its target
//   and scrolls inside, with its arrow still on its edge (it ran off the
//   screen, its buttons out of reach, and could not scroll); its close
//   button, and a tall modal's, stays in view while it scrolls, clear of
//   the title (it scrolled away with the text).
// - With a notch and a home indicator (viewport-fit=cover) a tooltip and a
//   modal keep out of both (a tooltip ignored them; a tall modal filled
//   100vh less 32px, under the notch).
import { assert, eventually, withBrowser } from './harness.mjs';
import { view } from './step_views.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const paragraphs = (n) => Array.from({ length: n }, (_, i) => ({ type: 'paragraph', children: [{ type: 'text', text: `Paragraph ${i + 1} of a long explanation that does not fit.` }] }));

await withBrowser('browser: resource center and tall steps', {}, async (t) => {
  for (const [device, options, file] of [['desktop', {}, 'gallery.html'], ['phone', PHONE, 'phone.html']]) {
    const touch = device === 'phone';
    const page = await t.newPage(options);
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${t.app}/pages/${file}`);
    await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
    const inRoot = (fn, arg) => page.locator('cairn-ui').evaluate(fn, arg);
    const press = async (locator) => (touch ? locator.tap() : locator.click());
    const dismissals = () => page.evaluate(() => window.g.actions.filter((a) => a.kind === 'dismiss').length);
    const panelOpen = () => inRoot(({ shadowRoot: root }) => !!root.querySelector('.rc'));
    const launcherFocused = () => inRoot(({ shadowRoot: root }) => root.activeElement?.dataset.cairnStep === 'launcher-button');

    // 1. The resource center of a published launcher: title and body, no items.
    const { view: launcher } = view('launcher', { items: undefined });
    await page.evaluate((v) => window.g.show(v), launcher);
    const button = page.locator('cairn-ui [data-cairn-step="launcher-button"]');
    const open = async () => { await press(button); await page.locator('cairn-ui .rc').waitFor(); };
    await open();
    const panel = await inRoot(({ shadowRoot: root }) => {
      const rc = root.querySelector('.rc'), x = rc.querySelector('button.x');
      const r = x?.getBoundingClientRect();
      return { bar: !!rc.querySelector('.bar'), list: !!rc.querySelector('ul'), close: x && { label: x.getAttribute('aria-label'), w: r.width, h: r.height, shown: getComputedStyle(x).visibility === 'visible' && r.width > 0 } };
    });
    await t.shot(page, `rc-${device}.png`);
    assert(!panel.bar && !panel.list, `${device}: a resource center without items has no progress bar or list: ${JSON.stringify(panel)}`);
    assert(panel.close?.label === 'Close' && panel.close.shown, `${device}: the resource center has a labelled close button: ${JSON.stringify(panel)}`);
    if (touch) assert(panel.close.w >= 44 && panel.close.h >= 44, `phone: the close button is 44px: ${JSON.stringify(panel.close)}`);
    // Its close button: closed, the guide not dismissed, the focus on the launcher.
    await press(page.locator('cairn-ui .rc .x'));
    await eventually(async () => !(await panelOpen()), `${device}: the close button closes the resource center`);
    assert(await launcherFocused(), `${device}: the focus goes back to the launcher after the close button`);
    // Escape.
    await open();
    await page.keyboard.press('Escape');
    await eventually(async () => !(await panelOpen()), `${device}: Escape closes the resource center`);
    assert(await launcherFocused(), `${device}: the focus goes back to the launcher after Escape`);
    // A press inside it (its text) leaves it open; one outside closes it and
    // leaves the focus to what was pressed (the page's field).
    await open();
    await press(page.locator('cairn-ui .rc .b'));
    assert(await panelOpen(), `${device}: a press inside the resource center leaves it open`);
    // A scroll (a finger) or a drag (a mouse selecting text) that starts
    // outside leaves it open: it closed as the finger touched the page.
    const field = await page.locator('#project-name').boundingBox();
    const [fx, fy] = [field.x + field.width / 2, field.y + field.height / 2];
    if (touch) {
      // A swipe up from the field (Input.synthesizeScrollGesture scrolls nothing headless).
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fx, y: fy }] });
      for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: fx, y: fy - 20 * i }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await page.waitForTimeout(100);
      assert(await page.evaluate(() => scrollY) > 0, 'phone: the swipe scrolled the page');
      assert(await panelOpen(), 'phone: scrolling the page from outside leaves the resource center open');
      await page.evaluate(() => scrollTo(0, 0));
    } else {
      await page.mouse.move(fx - 60, fy);
      await page.mouse.down();
      await page.mouse.move(fx + 60, fy + 30, { steps: 5 });
      await page.mouse.up();
      await page.waitForTimeout(100);
      assert(await panelOpen(), 'desktop: a drag outside (selecting text) leaves the resource center open');
    }
    await press(page.locator('#project-name'));
    await eventually(async () => !(await panelOpen()), `${device}: a press outside closes the resource center`);
    assert(await page.evaluate(() => document.activeElement?.id) === 'project-name', `${device}: the pressed field has the focus`);
    // The launcher button still toggles it.
    await open();
    await press(button);
    await eventually(async () => !(await panelOpen()), `${device}: the launcher button closes the resource center`);
    assert(await dismissals() === 0, `${device}: closing the resource center does not dismiss the launcher's guide`);
    assert(await button.isVisible(), `${device}: the launcher stays`);
    await page.evaluate((id) => window.g.hide(id), launcher.guideId);
    // With items: rows, still no progress bar.
    const { view: withItems } = view('launcher');
    await page.evaluate((v) => window.g.show(v), withItems);
    await open();
    const rows = await inRoot(({ shadowRoot: root }) => ({ bar: !!root.querySelector('.rc .bar'), rows: root.querySelectorAll('.rc li').length }));
    assert(!rows.bar && rows.rows === 2, `${device}: a resource center with items lists them without a progress bar: ${JSON.stringify(rows)}`);
    await page.evaluate((id) => window.g.hide(id), withItems.guideId);

    // 2. A tooltip taller than the screen.
    const { view: tip, target } = view('tooltip', { body: paragraphs(40), title: 'Project key: what it is, where it shows and how to pick a good one' });
    // The card's close button is on screen, inside the card, on top at its
    // centre, and clear of the title's text.
    const closeReachable = (card) => inRoot(({ shadowRoot: root }, sel) => {
      const c = root.querySelector(sel), x = c.querySelector('.x'), r = x.getBoundingClientRect(), box = c.getBoundingClientRect();
      const title = c.querySelector('.t'), range = document.createRange();
      if (title) range.selectNodeContents(title);
      const overlaps = title ? [...range.getClientRects()].some((t) => t.right > r.left && t.left < r.right && t.bottom > r.top && t.top < r.bottom) : false;
      const hit = root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return r.top >= box.top && r.bottom <= box.bottom && r.top >= 0 && r.bottom <= innerHeight && hit === x && !overlaps;
    }, card);
    const tall = async (name) => {
      await page.evaluate(([v, tg]) => window.g.show(v, tg), [tip, target]);
      await page.locator('cairn-ui [data-cairn-step="tooltip"]').waitFor();
      await page.waitForTimeout(200);
      const box = await inRoot(({ shadowRoot: root }) => {
        const c = root.querySelector('.c'), r = c.getBoundingClientRect(), a = root.querySelector('.ar');
        const ar = a.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, scrolls: c.scrollHeight > c.clientHeight,
          arrow: { shown: !a.hidden && ar.width > 0, x: ar.x + ar.width / 2, y: ar.y + ar.height / 2, inView: ar.top >= 0 && ar.bottom <= innerHeight } };
      });
      await t.shot(page, `rc-${device}-${name}.png`);
      return box;
    };
    const box = await tall('tall-tooltip');
    const height = await page.evaluate(() => innerHeight);
    assert(box.top >= 0 && box.bottom <= height && box.scrolls, `${device}: a tall tooltip stays on screen and scrolls: ${JSON.stringify(box)}`);
    // The arrow's centre is on one of the box's edges (below the target on
    // the phone, beside it on the desktop), on screen.
    const { x, y } = box.arrow, near = (a, b) => Math.abs(a - b) < 1.5;
    const onEdge = ((near(y, box.top) || near(y, box.bottom)) && x > box.left && x < box.right) || ((near(x, box.left) || near(x, box.right)) && y > box.top && y < box.bottom);
    assert(box.arrow.shown && box.arrow.inView && onEdge, `${device}: the tall tooltip's arrow is on its edge: ${JSON.stringify(box)}`);
    // Scrolled inside, its close button stays in view and pressable (it
    // scrolled away with the text), and its last button can be pressed.
    assert(await closeReachable('.c'), `${device}: the tall tooltip's close button clears its title at the top`);
    await inRoot(({ shadowRoot: root }) => { const c = root.querySelector('.c'); c.scrollTop = c.scrollHeight; });
    await t.shot(page, `rc-${device}-tall-tooltip-scrolled.png`);
    assert(await closeReachable('.c'), `${device}: the tall tooltip's close button stays reachable scrolled to the end`);
    await press(page.locator('cairn-ui [data-action="next"]'));
    await eventually(() => page.evaluate(() => window.g.actions.some((a) => a.kind === 'button')), `${device}: the tall tooltip's Next button is reachable`);
    await page.evaluate((id) => window.g.hide(id), tip.guideId);

    if (touch) {
      // 3. A notch (47px) and a home indicator (34px).
      await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 47, bottom: 34, left: 0, right: 0 } });
      const notched = await tall('tall-tooltip-notch');
      assert(notched.top >= 47 && notched.bottom <= 844 - 34 && notched.scrolls, `phone: a tall tooltip keeps out of the notch and home indicator: ${JSON.stringify(notched)}`);
      await page.evaluate((id) => window.g.hide(id), tip.guideId);
      const { view: modal } = view('modal', { body: paragraphs(40) });
      await page.evaluate((v) => window.g.show(v), modal);
      await page.locator('cairn-ui [data-cairn-step="modal"]').waitFor();
      const m = await inRoot(({ shadowRoot: root }) => {
        const c = root.querySelector('dialog'), r = c.getBoundingClientRect();
        // Headless Chromium has no URL bar to slide, so its 100vh and 100dvh agree: the rule itself is checked.
        const rules = [...root.adoptedStyleSheets[0].cssRules].map((x) => x.cssText).filter((x) => x.startsWith('dialog.c'));
        return { top: r.top, bottom: r.bottom, scrolls: c.scrollHeight > c.clientHeight, dvh: rules.some((x) => /max-height: calc\(100dvh/.test(x)) };
      });
      await t.shot(page, 'rc-phone-tall-modal-notch.png');
      await inRoot(({ shadowRoot: root }) => { const c = root.querySelector('dialog'); c.scrollTop = c.scrollHeight; });
      assert(await closeReachable('dialog'), 'phone: the tall modal\'s close button stays reachable scrolled to the end');
      assert(m.top >= 47 && m.bottom <= 844 - 34 && m.scrolls, `phone: a tall modal keeps out of the notch and home indicator: ${JSON.stringify(m)}`);
      assert(m.dvh, 'the modal\'s height follows the phone\'s URL bar (dvh)');
      await page.evaluate((id) => window.g.hide(id), modal.guideId);
      // Landscape, the notch on the left: a tooltip under a target at the
      // left edge kept only its 8px from the screen's edge, in the notch.
      await page.setViewportSize({ width: 844, height: 390 });
      await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 0, bottom: 21, left: 47, right: 47 } });
      const { view: brandTip } = view('tooltip', { placement: { side: 'bottom' } });
      await page.evaluate((v) => window.g.show(v, '.brand'), brandTip);
      await page.locator('cairn-ui [data-cairn-step="tooltip"]').waitFor();
      await page.waitForTimeout(200);
      const side = await inRoot(({ shadowRoot: root }) => { const r = root.querySelector('.c').getBoundingClientRect(); return { left: r.left, right: r.right }; });
      await t.shot(page, 'rc-phone-tooltip-notch-landscape.png');
      assert(side.left >= 47 && side.right <= 844 - 47, `phone: a tooltip keeps out of a landscape notch: ${JSON.stringify(side)}`);
    }
    await page.context().close();
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
