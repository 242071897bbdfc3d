// A host page at war with us: `* { all: unset }`, rules aimed at cairn-ui
// (display:none, z-index:-1), a fixed overlay at z-index 2147483647, and the
// target inside overflow:hidden + transform + isolation. Our tooltip must still
// be on top, styled by our own CSS, anchored to the target — and our CSS must
// not change the host page.
import { assert, eventually, withBrowser } from './harness.mjs';
import { gapTo, shownStep } from './guides.mjs';

const guide = {
  schema: 1, id: 'hostile-tip', name: 'Tip on a hostile page', version: 1, status: 'published',
  trigger: { kind: 'page_load', pages: { include: [{ path: '/pages/hostile.html' }] } },
  frequency: { kind: 'every_session' },
  steps: [{ id: 'tip', kind: 'tooltip', backdrop: true,
    target: { fingerprint: { version: 1, element: { tag: 'button', id: 'target', text: 'Deep target', name: 'Deep target', role: 'button' } } },
    content: { en: { title: 'Still here', body: 'Host CSS cannot hide or restyle this.', buttons: [{ label: 'Done', action: 'complete' }] } },
    placement: { side: 'bottom' } }],
};

await withBrowser('browser: host CSS', { guides: { guides: [guide] } }, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/hostile.html`);
  const before = await page.evaluate(() => getComputedStyle(document.querySelector('#target')).fontSize);
  const step = await eventually(() => shownStep(page), 'tooltip shown on the hostile page');
  assert(step.title === 'Still here', `title: ${step.title}`);
  assert(await gapTo(page, '#target', step.rect) < 30, `anchored to the target: ${JSON.stringify(step)}`);
  const look = await page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const card = host.shadowRoot.querySelector('[data-cairn-step]');
    const done = card.querySelector('button[data-action=complete]');
    const r = card.getBoundingClientRect();
    const cs = getComputedStyle(card), bs = getComputedStyle(done);
    return { hit: document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === host,
      bg: cs.backgroundColor, color: cs.color, font: cs.fontFamily, buttonFont: bs.fontSize, buttonBg: bs.backgroundColor,
      hostDisplay: getComputedStyle(host).display, top: host.matches(':popover-open') };
  });
  assert(look.hit && look.top, `on top of the z-index 2147483647 overlay: ${JSON.stringify(look)}`);
  assert(look.bg === 'rgb(255, 255, 255)' && look.color !== 'rgb(255, 0, 0)', `our colours, not the host's: ${JSON.stringify(look)}`);
  assert(!/serif$/.test(look.font) || look.font.includes('sans'), `our font: ${look.font}`);
  assert(look.buttonFont !== '40px' && look.buttonBg !== 'rgb(255, 255, 0)', `host button rules did not reach us: ${JSON.stringify(look)}`);
  const after = await page.evaluate(() => getComputedStyle(document.querySelector('#target')).fontSize);
  assert(before === after, 'our CSS did not change the host page');
  await t.shot(page, 'host-css-hostile.png');

  await page.locator('cairn-ui button[data-action=complete]').click();
  await eventually(async () => (await shownStep(page)) === null, 'completed');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
