// Every step kind as an end user sees it on a touch phone (390x844, touch,
// coarse pointer, a page drawn under the notch) and with the browser's text
// size raised. Screenshots: build/artifacts/screenshots/touch-*.png. Checks:
// - every control is at least 44px square to a finger (they were 24-35px):
//   the close button, the footer and survey buttons, checklist rows; the
//   hotspot beacon (a 24px dot) takes taps 19px from its centre; a body
//   without a title flows around the close button (it ran under it);
// - a user's default text size of 20px gives 17.5px guide text (it stayed
//   14px), also on a page with `html{font-size:62.5%}`; the page's
//   --cairn-font-size and a guide theme's font_size_px still apply;
// - a tooltip whose target is scrolled away goes with it (it stayed at the
//   screen's edge, over what the user scrolled to);
// - in RTL the beacon sits on the target's top-left corner (it stayed right);
// - the on-screen keyboard (the visible part of the page shrinks, no window
//   resize) moves a tooltip above it; pinch zoom does not pin it to a corner;
// - in landscape a long slideout or checklist scrolls inside the screen (its
//   top ran off it); a rotated tooltip stays beside its target;
// - banner, slideout, launcher and a hotspot's beacon keep out of the notch
//   and home indicator, in portrait and landscape (the beacon sat in the
//   notch, or off the screen's edge on a target in its corner).
import { assert, eventually, withBrowser } from './harness.mjs';
import { VIEWS, view } from './step_views.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const MIN_TARGET = 44;

await withBrowser('browser: touch and large text', {}, async (t) => {
  const page = await t.newPage(PHONE);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${t.app}/pages/phone.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
  assert(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'the phone has a coarse pointer');
  const show = async (v, target) => {
    await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [v, target]);
    await page.locator(`cairn-ui [data-cairn-step^="${v.kind}"]`).first().waitFor();
  };
  const hide = (id) => page.evaluate((i) => window.g.hide(i), id);
  // Runs fn(<cairn-ui>, arg) in the page.
  const inRoot = (fn, arg) => page.locator('cairn-ui').evaluate(fn, arg);

  // 1. Touch targets, every kind.
  for (const kind of Object.keys(VIEWS)) {
    const { view: v, target } = view(kind);
    await show(v, target);
    if (kind === 'hotspot') {
      // The beacon takes a tap off its dot: 19px right and below the centre.
      const dot = await page.locator('cairn-ui .hs').boundingBox();
      assert(dot.width === 24, `the beacon's dot stays 24px: ${dot.width}`);
      const reach = await inRoot(({ shadowRoot: root }) => {
        const b = root.querySelector('.hs').getBoundingClientRect();
        const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
        return [[-19, 0], [19, 0], [0, -19], [0, 19]].map(([dx, dy]) => root.elementFromPoint(cx + dx, cy + dy)?.className === 'hs');
      });
      assert(reach.every(Boolean), `beacon hit area of ${MIN_TARGET}px: ${reach}`);
      await page.touchscreen.tap(dot.x + dot.width / 2 + 19, dot.y + dot.height / 2 + 19);
      await page.locator('cairn-ui [data-cairn-step="hotspot"]').waitFor();
    }
    if (kind === 'launcher') await page.locator('cairn-ui [data-cairn-step="launcher-button"]').tap();
    await page.waitForTimeout(150);
    await t.shot(page, `touch-${kind}.png`);
    const look = await inRoot(({ shadowRoot: root }, min) => {
      const small = [...root.querySelectorAll('button:not(.hs)')].map((b) => [b.className || b.textContent, b.getBoundingClientRect()])
        .filter(([, r]) => r.width && (r.width < min || r.height < min)).map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`);
      const out = [...root.querySelectorAll('.c, .c *')].filter((e) => { const r = e.getBoundingClientRect(); return r.width && (r.left < 0 || r.right > innerWidth); }).map((e) => e.className);
      const x = root.querySelector('.c .x')?.getBoundingClientRect(), title = root.querySelector('.c .t')?.getBoundingClientRect();
      const overlap = !!(x && title && x.left < title.right && title.left < x.right && x.top < title.bottom && title.top < x.bottom);
      return { small, out, overlap };
    }, MIN_TARGET);
    assert(!look.small.length && !look.out.length && !look.overlap, `${kind} on a phone: ${JSON.stringify(look)}`);
    await hide(v.guideId);
  }
  // A tap in the close button's outer corner, off its × glyph, closes the step.
  const { view: tip, target: tipTarget } = view('tooltip');
  await show(tip, tipTarget);
  const close = await page.locator('cairn-ui .c .x').boundingBox();
  await page.touchscreen.tap(close.x + close.width - 3, close.y + 3);
  await eventually(() => page.evaluate(() => window.g.actions.some((a) => a.kind === 'dismiss' && a.reason === 'close_button')), 'tap closes');
  await hide('g-tooltip');
  // Without a title, the body's first line ran under the close button (and
  // its 44px of taps): it flows around it now.
  // (Words of two letters fill the line to its end.)
  const words = 'Go on, do it: we do it as it is. '.repeat(5);
  await show({ ...tip, title: undefined, body: [{ type: 'paragraph', children: [{ type: 'text', text: words }] }] }, tipTarget);
  const underClose = await inRoot(({ shadowRoot: root }) => {
    const x = root.querySelector('.c .x').getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(root.querySelector('.c .b p'));
    return [...range.getClientRects()].filter((r) => r.left < x.right && x.left < r.right && r.top < x.bottom && x.top < r.bottom).length;
  });
  assert(underClose === 0, `body text under the close button: ${underClose} line(s)`);
  await t.shot(page, 'touch-tooltip-no-title.png');
  await hide('g-tooltip');

  // Scrolling the target away takes its tooltip along (it stayed at the top
  // edge, over what the user scrolled to, pointing at nothing); back, as before.
  await show(tip, tipTarget);
  await page.waitForTimeout(100);
  const shown = () => page.evaluate((sel) => {
    const c = document.querySelector('cairn-ui').shadowRoot.querySelector('.c').getBoundingClientRect();
    return { top: Math.round(c.top), fromTarget: Math.round(c.top - document.querySelector(sel).getBoundingClientRect().bottom) };
  }, tipTarget);
  const inView = await shown();
  await page.evaluate(() => window.scrollBy(0, 600));
  await page.waitForTimeout(150);
  const away = await shown();
  await t.shot(page, 'touch-tooltip-scrolled-away.png');
  await page.evaluate(() => window.scrollBy(0, -600));
  await page.waitForTimeout(150);
  const back = await shown();
  assert(away.fromTarget === inView.fromTarget && away.top < 0 && back.top === inView.top, `scrolled away and back: ${JSON.stringify({ inView, away, back })}`);
  await hide('g-tooltip');

  // 2. The user's default text size (Chromium's Settings > Appearance > Font
  // size), on a page that sets rem to 10px the usual way and whose reset
  // makes every element inherit its font size (as `*{all:unset}` does).
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } });
  const remTrick = await page.addStyleTag({ content: 'html{font-size:62.5%} *{font-size:inherit}' });
  const textSize = async (v, shot) => {
    await show(v, tipTarget);
    const size = await inRoot(({ shadowRoot: root }) => getComputedStyle(root.querySelector('.c .b')).fontSize);
    if (shot) await t.shot(page, shot);
    await hide(v.guideId);
    return size;
  };
  const large = await textSize(tip, 'touch-tooltip-20px-default.png');
  assert(large === '17.5px', `text at a 20px default: ${large}`);
  assert(await textSize({ ...tip, theme: { font_size_px: 16 } }) === '20px', 'a theme\'s 16px at a 20px default');
  const pageSize = await page.addStyleTag({ content: 'cairn-ui{--cairn-font-size:15px}' });
  assert(await textSize(tip) === '15px', 'the page\'s --cairn-font-size');
  await pageSize.evaluate((s) => s.remove());
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
  assert(await textSize(tip) === '14px', `text at the usual 16px default: ${await textSize(tip)}`);
  await remTrick.evaluate((s) => s.remove());

  // 3. RTL: the beacon mirrors to the target's top-left corner.
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
  const { view: hs, target: hsTarget } = view('hotspot');
  await show({ ...hs, dir: 'rtl' }, hsTarget);
  const corner = await page.evaluate((sel) => {
    const b = document.querySelector('cairn-ui').shadowRoot.querySelector('.hs').getBoundingClientRect();
    const r = document.querySelector(sel).getBoundingClientRect();
    return { dx: b.x + b.width / 2 - r.left, dy: b.y + b.height / 2 - r.top };
  }, hsTarget);
  assert(Math.abs(corner.dx) < 1 && Math.abs(corner.dy) < 1, `rtl beacon on the target's top-left corner: ${JSON.stringify(corner)}`);
  await t.shot(page, 'touch-hotspot-rtl.png');
  await hide('g-hotspot');
  await page.evaluate(() => { document.documentElement.dir = ''; });

  // 4. The on-screen keyboard. Headless Chromium raises none: what a phone
  // reports is played through window.visualViewport (a [Replaceable]
  // attribute), as Chrome for Android (108+) and Safari do it: the visible
  // part shrinks and moves, the layout viewport and window do not resize.
  await page.evaluate(() => {
    const vv = Object.assign(new EventTarget(), { offsetLeft: 0, offsetTop: 0, width: innerWidth, height: innerHeight, scale: 1 });
    window.realViewport = window.visualViewport;
    window.visualViewport = vv;
  });
  await show({ ...tip, placement: { side: 'bottom' } }, '#save-project');
  const keyboard = async (offsetTop, height) => {
    await page.evaluate(([top, h]) => { Object.assign(window.visualViewport, { offsetTop: top, height: h }); window.visualViewport.dispatchEvent(new Event('resize')); }, [offsetTop, height]);
    await page.waitForTimeout(100);
    return page.evaluate(() => {
      const c = document.querySelector('cairn-ui').shadowRoot.querySelector('.c').getBoundingClientRect();
      const r = document.querySelector('#save-project').getBoundingClientRect();
      return { top: c.top, bottom: c.bottom, targetTop: r.top, targetBottom: r.bottom };
    });
  };
  const before = await keyboard(0, 844);
  const height = before.bottom - before.top;
  // Keep the keyboard's top just under the target: the tooltip cannot stay below it.
  const up = await keyboard(0, Math.round(before.targetBottom + 20));
  assert(up.bottom <= before.targetBottom + 20 && up.bottom <= up.targetTop, `tooltip above the keyboard: ${JSON.stringify({ before, up })}`);
  // The browser scrolled the visible part down within the layout viewport:
  // it starts 100px above the target (no room for the tooltip there) and has
  // room below it.
  const top = Math.round(before.targetTop - 100), bottom = Math.round(before.targetBottom + height + 40);
  const moved = await keyboard(top, bottom - top);
  assert(moved.top >= top && moved.bottom <= bottom, `tooltip inside the visible part ${top}-${bottom} when it is scrolled: ${JSON.stringify(moved)}`);
  await t.shot(page, 'touch-tooltip-keyboard.png');
  await hide('g-tooltip');
  await page.evaluate(() => { window.visualViewport = window.realViewport; });

  // Pinch zoom (x2): the tooltip stays beside its target, placed in the page
  // (the zoomed-in part, 195x422 at 0,0, had pinned it to the left edge).
  await show(tip, tipTarget);
  const placed = async () => page.evaluate((sel) => {
    const c = document.querySelector('cairn-ui').shadowRoot.querySelector('.c').getBoundingClientRect();
    const r = document.querySelector(sel).getBoundingClientRect();
    return { left: c.left, top: c.top, targetBottom: r.bottom };
  }, tipTarget);
  const unzoomed = await placed();
  await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
  await page.waitForTimeout(150);
  // Any later update must agree (a scroll of the zoomed-in part, say).
  await page.evaluate(() => dispatchEvent(new Event('resize')));
  await page.waitForTimeout(100);
  const zoomed = await placed();
  assert(Math.abs(zoomed.left - unzoomed.left) < 1 && Math.abs(zoomed.top - unzoomed.top) < 1, `zoomed: ${JSON.stringify({ unzoomed, zoomed })}`);
  await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
  await hide('g-tooltip');

  // 5. Landscape: long content scrolls inside the screen; a tooltip follows the rotation.
  const many = Array.from({ length: 10 }, (_, i) => ({ type: 'paragraph', children: [{ type: 'text', text: `Paragraph ${i + 1} of a long announcement.` }] }));
  const items = Array.from({ length: 9 }, (_, i) => ({ id: `i${i}`, label: `Task number ${i + 1}` }));
  await page.setViewportSize({ width: 844, height: 390 });
  for (const [kind, extra] of [['slideout', { body: many }], ['checklist', { items }]]) {
    const { view: v } = view(kind, extra);
    await show(v);
    await page.waitForTimeout(100);
    const box = await inRoot(({ shadowRoot: root }) => { const c = root.querySelector('.c'); const r = c.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, scrolls: c.scrollHeight > c.clientHeight }; });
    assert(box.top >= 16 - 1 && box.bottom <= 390 - 16 + 1 && box.scrolls, `${kind} in landscape: ${JSON.stringify(box)}`);
    await t.shot(page, `touch-${kind}-landscape.png`);
    await hide(v.guideId);
  }
  await page.setViewportSize(PHONE.viewport);
  await show(tip, tipTarget);
  await page.setViewportSize({ width: 844, height: 390 });
  await page.waitForTimeout(200);
  const rotated = await page.evaluate((sel) => {
    const c = document.querySelector('cairn-ui').shadowRoot.querySelector('.c').getBoundingClientRect();
    const r = document.querySelector(sel).getBoundingClientRect();
    return { gap: Math.min(Math.abs(c.top - r.bottom), Math.abs(r.top - c.bottom)), inside: c.left >= 0 && c.right <= innerWidth };
  }, tipTarget);
  assert(rotated.gap < 24 && rotated.inside, `tooltip after rotation: ${JSON.stringify(rotated)}`);
  await t.shot(page, 'touch-tooltip-landscape.png');
  await hide('g-tooltip');
  await page.setViewportSize(PHONE.viewport);

  // 6. Safe areas of a notched phone (the page has viewport-fit=cover).
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 47, bottom: 34, left: 0, right: 0 } });
  for (const kind of ['banner', 'slideout', 'launcher']) {
    const { view: v } = view(kind);
    await show(v);
    await page.waitForTimeout(100);
    const r = await inRoot(({ shadowRoot: root }, k) => { const e = root.querySelector(`[data-cairn-step^="${k}"]`).getBoundingClientRect(); return { top: e.top, bottom: e.bottom }; }, kind);
    assert(r.top >= 47 && r.bottom <= 844 - 34, `${kind} clear of the notch and home indicator: ${JSON.stringify(r)}`);
    await t.shot(page, `touch-${kind}-notch.png`);
    await hide(v.guideId);
  }
  // A hotspot on the header's brand (12px from the top): its beacon, on the
  // target's top corner, sat 2px from the top, in the notch.
  const beacon = () => inRoot(({ shadowRoot: root }) => { const e = root.querySelector('.hs').getBoundingClientRect(); return { left: e.left, right: e.right, top: e.top }; });
  await show(hs, '.brand');
  await page.waitForTimeout(100);
  const notchBeacon = await beacon();
  await t.shot(page, 'touch-hotspot-notch.png');
  assert(notchBeacon.top >= 47, `the beacon is clear of the notch: ${JSON.stringify(notchBeacon)}`);
  await hide(hs.guideId);
  // Landscape: the notch on the left, the home indicator below.
  await page.setViewportSize({ width: 844, height: 390 });
  await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 0, bottom: 21, left: 47, right: 47 } });
  for (const kind of ['banner', 'slideout']) {
    const { view: v } = view(kind);
    await show(v);
    await page.waitForTimeout(100);
    const r = await inRoot(({ shadowRoot: root }, k) => { const e = root.querySelector(`[data-cairn-step^="${k}"]`).getBoundingClientRect(); return { left: e.left, right: e.right, bottom: e.bottom }; }, kind);
    assert(r.left >= 47 && r.right <= 844 - 47 && r.bottom <= 390 - 21, `${kind} clear of a landscape notch: ${JSON.stringify(r)}`);
    await t.shot(page, `touch-${kind}-notch-landscape.png`);
    await hide(v.guideId);
  }
  // A hotspot on a menu button in the page's top right corner: its beacon
  // ran off the screen's edge, into the rounded corner.
  await page.evaluate(() => { document.body.insertAdjacentHTML('beforeend', '<button id="menu" style="position:fixed;top:8px;right:8px">Menu</button>'); });
  await show(hs, '#menu');
  await page.waitForTimeout(100);
  const cornerBeacon = await beacon();
  await t.shot(page, 'touch-hotspot-notch-landscape.png');
  assert(cornerBeacon.left >= 47 && cornerBeacon.right <= 844 - 47 && cornerBeacon.top >= 0, `the beacon is clear of a landscape notch: ${JSON.stringify(cornerBeacon)}`);
  // A target scrolled away takes its beacon along (not kept at the edge).
  await hide(hs.guideId);
  await show(hs, '.brand');
  await page.evaluate(() => scrollTo(0, 300));
  await page.waitForTimeout(150);
  const gone = await beacon();
  assert(gone.top < -100, `the beacon goes with its target scrolled away: ${JSON.stringify(gone)}`);
  await hide(hs.guideId);
  await page.evaluate(() => scrollTo(0, 0));
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
