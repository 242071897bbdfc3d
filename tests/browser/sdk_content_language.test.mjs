// A guide's text in a language other than the page's, as a screen reader and
// the eye meet it: the step carries the language its content was taken from
// (`lang`: a screen reader reads German with a German voice, the browser
// hyphenates and quotes German), and content in a right-to-left language
// (Arabic here) is laid out right to left on a left-to-right page, as
// docs/sdk.md says. Both steps were marked as the page's English and the
// Arabic one drawn left to right, its close button on the wrong side.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const guide = (id, locale, title) => ({
  schema: 1, id, name: id, version: 1, status: 'published', fallback_locale: locale,
  trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'one', kind: 'modal', content: { [locale]: { title, body: title, buttons: [{ label: 'OK', action: 'complete' }] } } }],
});
const GERMAN = 'Willkommen bei Ihrer Projektverwaltung';
const ARABIC = 'مرحبا بك في لوحة إدارة المشاريع';

await withBrowser('browser: sdk content language', { guides: { guides: [guide('german', 'de', GERMAN), guide('arabic', 'ar', ARABIC)] } }, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/hostile.html`);
  const step = () => page.evaluate(() => {
    const card = document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step]');
    const x = card.querySelector('.x').getBoundingClientRect(), c = card.getBoundingClientRect();
    return { lang: card.closest('[lang]')?.lang ?? null, dir: getComputedStyle(card).direction, closeOnLeft: x.left - c.left < c.right - x.right };
  });
  for (const [id, title, want] of [['german', GERMAN, { lang: 'de', dir: 'ltr', closeOnLeft: false }], ['arabic', ARABIC, { lang: 'ar', dir: 'rtl', closeOnLeft: true }]]) {
    await page.evaluate((g) => window.Cairn.launch(g), id);
    await eventually(async () => (await shownStep(page))?.title === title, `${id} step shown`);
    await page.waitForTimeout(100);
    const got = await step();
    await t.shot(page, `content-language-${id}.png`);
    assert(JSON.stringify(got) === JSON.stringify(want), `${id} content on an English page: ${JSON.stringify(got)}`);
    await page.keyboard.press('Escape');
    await eventually(async () => (await shownStep(page)) === null, `${id} step closed`);
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
