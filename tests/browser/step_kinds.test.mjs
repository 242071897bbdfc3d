// Every step kind draws, in the top layer, with its ARIA role, and is saved as
// a screenshot (build/artifacts/screenshots/step-<kind>.png) for review. Also
// checks: a tooltip anchors beside its target with the arrow on the right side,
// scrolls a far target into view, author links with javascript: stay inert, RTL,
// an NPS scale in one row (two on a phone), its answers named by the question.
import { assert, eventually, withBrowser } from './harness.mjs';
import { VIEWS, view } from './step_views.mjs';

await withBrowser('browser: step kinds', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/gallery.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });

  for (const kind of Object.keys(VIEWS)) {
    const { view: v, target } = view(kind);
    await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [v, target]);
    const box = page.locator(`cairn-ui [data-cairn-step="${kind}"], cairn-ui [data-cairn-step="${kind}-beacon"], cairn-ui [data-cairn-step="${kind}-button"]`).first();
    await box.waitFor({ state: 'visible', timeout: 5000 });
    if (kind === 'hotspot') await page.locator('cairn-ui [data-cairn-step="hotspot-beacon"]').click();
    if (kind === 'launcher') await page.locator('cairn-ui [data-cairn-step="launcher-button"]').click();
    await page.waitForTimeout(250);
    await t.shot(page, `step-${kind}.png`);
    // Whatever is at the centre of our box is ours (top layer beats the page).
    const ours = await page.evaluate((k) => {
      const host = document.querySelector('cairn-ui');
      const el = host.shadowRoot.querySelector(`[data-cairn-step="${k}"]`) ?? host.shadowRoot.querySelector(`[data-cairn-step^="${k}"]`);
      const r = el.getBoundingClientRect();
      return { hit: document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(r.height / 2, 20)) === host, w: r.width, h: r.height, top: host.matches(':popover-open') };
    }, kind);
    assert(ours.hit && ours.w > 20 && ours.h > 20 && ours.top, `${kind}: visible and on top: ${JSON.stringify(ours)}`);
    if (kind === 'launcher') {
      // The resource center's items are rows like the checklist's (they were bullets with squashed marks).
      const rows = await page.evaluate(() => {
        const panel = document.querySelector('cairn-ui').shadowRoot.querySelector('.rc');
        const w = panel.getBoundingClientRect().width;
        return [...panel.querySelectorAll('li')].map((li) => ({ mark: li.querySelector('.ck').getBoundingClientRect().width,
          item: li.querySelector('button').getBoundingClientRect().width / w, bullet: getComputedStyle(li).display === 'list-item' }));
      });
      assert(rows.length === 2 && rows.every((r) => r.mark === 18 && r.item > 0.6 && !r.bullet), `launcher rows: ${JSON.stringify(rows)}`);
    }
    if (kind === 'launcher' || kind === 'hotspot') {
      // The launcher button and the beacon sit outside the card: they had the UA's 1 px near-black ring, lost on a dark page.
      await page.keyboard.press('Tab');
      await page.locator(`cairn-ui [data-cairn-step="${kind === 'hotspot' ? 'hotspot-beacon' : 'launcher-button'}"]`).focus();
      const ring = await page.evaluate(() => { const s = getComputedStyle(document.querySelector('cairn-ui').shadowRoot.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; });
      assert(ring[0] === 'solid' && ring[1] === '2px' && ring[2] !== 'none', `${kind}: the accent focus ring: ${ring}`);
    }
    await page.evaluate((id) => window.g.hide(id), v.guideId);
  }

  // Tooltip geometry: below the key field, arrow on top edge pointing at it.
  const { view: tip, target } = view('tooltip');
  await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [tip, target]);
  // A step is added and placed in a task after show().
  await page.locator('cairn-ui [data-cairn-step="tooltip"]').waitFor();
  const geo = await page.evaluate(() => {
    const root = document.querySelector('cairn-ui').shadowRoot;
    const card = root.querySelector('[data-cairn-step="tooltip"]');
    const arrowBox = root.querySelector('.ar'), arrow = arrowBox.getBoundingClientRect();
    const c = card.getBoundingClientRect();
    const tgt = document.querySelector('#project-key').getBoundingClientRect();
    const link = card.querySelector('a');
    return { cardTop: c.top, targetBottom: tgt.bottom, arrowX: arrow.x + arrow.width / 2, targetX: tgt.x + tgt.width / 2,
      side: arrowBox.className, role: card.getAttribute('role'), labelled: !!card.getAttribute('aria-labelledby'), href: link.getAttribute('href') };
  });
  assert(geo.cardTop >= geo.targetBottom && geo.cardTop - geo.targetBottom < 40, `tooltip below target: ${JSON.stringify(geo)}`);
  assert(Math.abs(geo.arrowX - geo.targetX) < 4, `arrow points at target centre: ${JSON.stringify(geo)}`);
  assert(geo.side.includes('s-bottom') && geo.role === 'dialog' && geo.labelled, `aria + side: ${JSON.stringify(geo)}`);
  assert(geo.href === null, 'javascript: link has no href');
  await page.evaluate(() => window.g.hide('g-tooltip'));

  // A target below the fold is scrolled into view before the tooltip is placed.
  await page.evaluate(([v2]) => window.g.show({ ...v2, title: 'Far away' }, '#far-button'), [tip]);
  await eventually(() => page.evaluate(() => {
    const r = document.querySelector('#far-button').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }), 'far target scrolled into view');
  await t.shot(page, 'step-tooltip-scrolled.png');
  await page.evaluate(() => window.g.hide('g-tooltip'));

  // A target below the fold of a scrolling box that is itself in view (a
  // sidebar): the box is scrolled too; the tooltip pointed at empty space.
  const inBox = await page.evaluate(async ([v2]) => {
    const box = document.body.appendChild(document.createElement('div'));
    box.style.cssText = 'position:fixed;top:60px;left:700px;width:200px;height:120px;overflow:auto';
    box.innerHTML = '<div style="height:600px"></div><button id="in-box">In a box</button>';
    window.g.show({ ...v2, title: 'In a box' }, '#in-box');
    await new Promise((r) => setTimeout(r, 100));
    const b = box.getBoundingClientRect(), t2 = document.querySelector('#in-box').getBoundingClientRect();
    box.remove();
    return t2.top >= b.top && t2.bottom <= b.bottom;
  }, [tip]);
  assert(inBox, 'target inside a scrolled box is scrolled into view');
  await page.evaluate(() => window.g.hide('g-tooltip'));

  // RTL: the close button sits on the left, text flows right to left.
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; window.scrollTo(0, 0); });
  await page.evaluate(([v2]) => window.g.show({ ...v2, dir: 'rtl', title: 'مفتاح المشروع' }, '#project-key'), [tip]);
  await page.locator('cairn-ui [data-cairn-step="tooltip"]').waitFor();
  const rtl = await page.evaluate(() => {
    const card = document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step="tooltip"]');
    const x = card.querySelector('.x').getBoundingClientRect();
    const c = card.getBoundingClientRect();
    return { closeOnLeft: x.left - c.left < c.right - x.right, dir: getComputedStyle(card).direction };
  });
  assert(rtl.closeOnLeft && rtl.dir === 'rtl', `rtl layout: ${JSON.stringify(rtl)}`);
  await t.shot(page, 'step-tooltip-rtl.png');
  await page.evaluate(() => window.g.hide('g-tooltip'));

  // A hotspot's hint opened and closed from the keyboard: the focus goes to
  // the hotspot's target (it went to the beacon, removed with the step: the
  // focus fell to <body>, the user's place in the page lost).
  const { view: hot, target: hotTarget } = view('hotspot');
  await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [hot, hotTarget]);
  await page.locator('cairn-ui .hs').focus();
  await page.keyboard.press('Enter');
  await page.locator('cairn-ui [data-cairn-step="hotspot"]').waitFor();
  await page.keyboard.press('Escape');
  await page.evaluate((id) => window.g.hide(id), hot.guideId);
  const afterHint = await page.evaluate(() => document.activeElement?.id || document.activeElement?.localName);
  assert(afterHint === hotTarget.slice(1), `the focus goes to the hotspot's target after its hint: ${afterHint}`);

  // An NPS question in a slideout: its 11 answers in one row, "Very likely"
  // ending under 10 (they wrapped 8 + 3); on a phone two rows of 44px
  // answers. The answers' group is named by the question (it had no name:
  // a screen reader said "group, 0, toggle button").
  const scale = async (v2) => {
    await page.evaluate(([v3]) => window.g.show(v3), [v2]);
    await page.locator('cairn-ui .sv button').first().waitFor();
    await page.waitForTimeout(100);
    return page.evaluate(() => {
      const root = document.querySelector('cairn-ui').shadowRoot;
      const answers = [...root.querySelectorAll('.sv button')].map((b) => b.getBoundingClientRect());
      const rows = [...new Set(answers.map((r) => Math.round(r.top)))].map((top) => answers.filter((r) => Math.round(r.top) === top).length);
      // "Very likely" ends where 10 does (on the left in RTL).
      const end = root.querySelector('.sl span:last-child')?.getBoundingClientRect(), ten = answers[answers.length - 1];
      return { rows, gap: end ? Math.min(Math.abs(end.right - ten.right), Math.abs(end.left - ten.left)) : null, minW: Math.min(...answers.map((r) => r.width)), minH: Math.min(...answers.map((r) => r.height)) };
    });
  };
  const { view: nps } = view('survey');
  await page.focus('#project-name');
  const npsRow = await scale(nps);
  // Shown, it has the focus like any slideout, on its first answer (its
  // primary button, Submit, is disabled until an answer is picked: the focus
  // stayed in the page).
  const surveyFocus = await page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.activeElement?.dataset.value);
  assert(surveyFocus === '0', `the survey's first answer takes the focus: ${surveyFocus}`);
  await t.shot(page, 'step-survey-nps.png');
  assert(npsRow.rows.join() === '11' && npsRow.gap < 1 && npsRow.minW >= 24, `NPS in one row, labels at its ends: ${JSON.stringify(npsRow)}`);
  const cdp = await page.context().newCDPSession(page);
  const groups = (await cdp.send('Accessibility.getFullAXTree')).nodes.filter((n) => !n.ignored && n.role?.value === 'radiogroup' && n.name?.value === nps.title);
  assert(groups.length === 1, 'the answers\' radio group is named by the question');
  await page.evaluate(() => window.g.hide('g-survey'));
  const phone = await t.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(`${t.app}/pages/phone.html`);
  await phone.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
  for (const [question, rows] of [[nps, '6,5'], [{ ...nps, survey: { kind: 'rating', scale: 5 } }, '5']]) {
    await phone.evaluate(([v3]) => window.g.show(v3), [question]);
    await phone.locator('cairn-ui .sv button').first().waitFor();
    await phone.waitForTimeout(100);
    const got = await phone.evaluate(() => {
      const answers = [...document.querySelector('cairn-ui').shadowRoot.querySelectorAll('.sv button')].map((b) => b.getBoundingClientRect());
      return { rows: [...new Set(answers.map((r) => Math.round(r.top)))].map((top) => answers.filter((r) => Math.round(r.top) === top).length).join(),
        min: Math.min(...answers.map((r) => Math.min(r.width, r.height))), inside: answers.every((r) => r.left >= 0 && r.right <= innerWidth) };
    });
    assert(got.rows === rows && got.min >= 44 && got.inside, `${question.survey.kind} on a phone: ${JSON.stringify(got)}`);
    await phone.evaluate(() => window.g.hide('g-survey'));
  }
  await t.shot(phone, 'step-survey-nps-phone.png');
  // 320px wide (WCAG's reflow width): the corner boxes keep their 16px from
  // both edges (capped at the screen less 16px, they touched the left edge).
  await phone.setViewportSize({ width: 320, height: 640 });
  for (const kind of ['slideout', 'checklist', 'launcher']) {
    const { view: v2 } = view(kind);
    await phone.evaluate(([v3]) => window.g.show(v3), [v2]);
    if (kind === 'launcher') await phone.locator('cairn-ui .ln').tap();
    const sel = kind === 'launcher' ? '.rc' : `[data-cairn-step="${kind}"]`;
    await phone.locator(`cairn-ui ${sel}`).waitFor();
    await phone.waitForTimeout(100);
    const r = await phone.locator(`cairn-ui ${sel}`).boundingBox();
    await t.shot(phone, `step-${kind}-320.png`);
    assert(r.x >= 15.5 && r.x + r.width <= 320 - 15.5, `${kind} at 320px keeps 16px from both edges: ${JSON.stringify(r)}`);
    await phone.evaluate((id) => window.g.hide(id), v2.guideId);
  }
  await phone.context().close();

  // RTL survey: ArrowRight moves to the option drawn on the right, the previous one.
  const { view: sv } = view('survey');
  await page.evaluate(([v2]) => window.g.show({ ...v2, dir: 'rtl' }), [sv]);
  await page.locator('cairn-ui .sv button[data-value="5"]').focus();
  await page.keyboard.press('ArrowRight');
  assert(await page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.activeElement?.dataset.value) === '4', 'rtl: ArrowRight goes to 4');
  await page.evaluate(() => window.g.hide('g-survey'));

  // A phone, RTL, long texts and an unbroken URL: the banner wraps inside the
  // screen (it ran 1,700 px off it), its text keeps clear of the close button
  // (the padding for it was on the right, the button on the left), a card
  // breaks the URL, and the close button and beacon are at least 24 px.
  await page.setViewportSize({ width: 390, height: 844 });
  const url = 'https://example.com/' + 'averylongpathsegment_'.repeat(8);
  const long = (v2) => ({ ...v2, dir: 'rtl', title: 'عنوان طويل جدا ' + url, body: [{ type: 'paragraph', children: [{ type: 'text', text: url }] }],
    buttons: (v2.buttons ?? []).map((b) => ({ ...b, label: b.label + ' with a very long label that does not fit on one line' })) });
  for (const kind of ['banner', 'tooltip', 'hotspot']) {
    const { view: v2, target: tg } = view(kind);
    await page.evaluate(([v3, t3]) => window.g.show(v3, t3), [long(v2), tg]);
    await page.locator(`cairn-ui [data-cairn-step^="${kind}"]`).first().waitFor();
    if (kind === 'hotspot') await page.locator('cairn-ui [data-cairn-step="hotspot-beacon"]').click();
    await page.locator('cairn-ui .c .x').waitFor();
    const fit = await page.evaluate(() => {
      const root = document.querySelector('cairn-ui').shadowRoot;
      const out = [...root.querySelectorAll('.c, .c *')].filter((e) => { const r = e.getBoundingClientRect(); return r.width && (r.left < 0 || r.right > innerWidth); }).map((e) => e.className);
      const wide = [...root.querySelectorAll('.c, .c .t, .c .b')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className);
      const x = root.querySelector('.c .x').getBoundingClientRect();
      const title = root.querySelector('.c .t').getBoundingClientRect();
      const small = [...root.querySelectorAll('.x, .hs')].map((e) => e.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).length;
      const card = root.querySelector('.c').getBoundingClientRect();
      return { out, wide, clear: x.right <= title.left || x.bottom <= title.top, small, titleShare: title.width / card.width };
    });
    // titleShare: a banner squeezing title, body and buttons into side-by-side columns.
    assert(!fit.out.length && !fit.wide.length && fit.clear && !fit.small && fit.titleShare > 0.6, `${kind}: long RTL text fits a phone: ${JSON.stringify(fit)}`);
    if (kind === 'banner') await t.shot(page, 'step-banner-long-rtl.png');
    await page.evaluate((id) => window.g.hide(id), v2.guideId);
  }

  // Forced colors (Windows high contrast) drops box-shadows and backgrounds:
  // the target's highlight ring and the picked survey answer must still show.
  await page.emulateMedia({ forcedColors: 'active' });
  await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [tip, target]);
  await page.locator('cairn-ui .hl').waitFor();
  assert(await page.evaluate(() => getComputedStyle(document.querySelector('cairn-ui').shadowRoot.querySelector('.hl')).outlineStyle) !== 'none',
    'forced colors: the highlight ring is drawn as an outline');
  await page.evaluate(() => window.g.hide('g-tooltip'));
  await page.evaluate(([v2]) => window.g.show(v2), [sv]);
  await page.locator('cairn-ui .sv button[data-value="7"]').click();
  // Computed styles keep the author's colours here; only the pixels tell (one inside the left border).
  const pixel = async (v) => {
    const r = await page.locator(`cairn-ui .sv [data-value="${v}"]`).boundingBox();
    return (await page.screenshot({ clip: { x: r.x + 4, y: r.y + r.height / 2, width: 1, height: 1 } })).toString('base64');
  };
  assert(await pixel('7') !== await pixel('8'), 'forced colors: the picked answer looks different');
  await page.evaluate(() => window.g.hide('g-survey'));
  // The hotspot beacon (a background and nothing else) vanished entirely.
  const { view: hs, target: hsTarget } = view('hotspot');
  await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [hs, hsTarget]);
  const beacon = await page.locator('cairn-ui [data-cairn-step="hotspot-beacon"]').boundingBox();
  const at = async (dx) => (await page.screenshot({ clip: { x: beacon.x + beacon.width / 2 + dx, y: beacon.y + beacon.height / 2 + 4, width: 1, height: 1 } })).toString('base64');
  assert(await at(4) !== await at(40), 'forced colors: the hotspot beacon is drawn');
  await t.shot(page, 'step-survey-forced-colors.png');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
