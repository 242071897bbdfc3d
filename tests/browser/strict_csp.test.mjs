// A page with a strict CSP (no 'unsafe-eval', no inline script or style) runs the
// SDK and shows a guide: the core loads with only 'wasm-unsafe-eval', no violation is reported,
// and the locator answers through the debug hooks (capture a fingerprint,
// change the page, find the element again; a deleted element is "not found").
import { assert, eventually, withBrowser } from './harness.mjs';
import { sampleGuide, shownStep } from './guides.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src 'self' data:";

await withBrowser('browser: strict CSP', { guides: { guides: [sampleGuide('first-project-tour')] }, headers: (path) => (path.startsWith('/sdk/') ? {} : { 'Content-Security-Policy': CSP }) }, async (t) => {
  const page = await t.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${t.app}/projects/new`);
  const info = await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'core loaded');
  assert(info.modules.includes('locator'), `core has the locator: ${JSON.stringify(info)}`);

  const fp = await page.evaluate(() => window.Cairn.debug.fingerprint(document.querySelector('#save-project')));
  assert(fp && fp.version === 1 && fp.element.tag === 'button', `fingerprint: ${JSON.stringify(fp).slice(0, 300)}`);
  assert(fp.selectors && fp.selectors.css, 'fingerprint has a css selector');

  // A redesign: new id, new classes, moved into another wrapper. Still found.
  const found = await page.evaluate((f) => {
    const b = document.querySelector('#save-project');
    b.id = 'submit-btn';
    b.className = 'btn btn-primary css-9x8y7z';
    const wrap = document.createElement('div');
    wrap.className = 'actions';
    b.parentElement.appendChild(wrap);
    wrap.appendChild(b);
    return window.Cairn.debug.locate(f) === b;
  }, fp);
  assert(found, 'relocated the button after a redesign');

  const gone = await page.evaluate((f) => {
    document.querySelector('#submit-btn').remove();
    return window.Cairn.debug.locate(f);
  }, fp);
  assert(gone === null, 'a removed element is not found (no wrong element)');

  // A guide draws under the same policy (our styles are adopted sheets and
  // CSSOM writes, which style-src 'self' allows).
  await page.goto(`${t.app}/`);
  await eventually(() => shownStep(page), 'guide step shown under the strict CSP');
  await t.shot(page, 'strict-csp-guide.png');

  const violations = await page.evaluate(() => window.__violations);
  assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
