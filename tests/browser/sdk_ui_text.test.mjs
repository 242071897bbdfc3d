// A German guide for a German user, in the SDK's own words too: the survey's
// Submit, the NPS scale's ends, the close button's label, the
// screen-reader announcement (the step's place; the focused card says its
// title) and the card's progress in words come from the guide's `ui_text` for German
// (docs/guide-format.md "The SDK's words"), a word it does not translate
// from the fallback language's table, else English. They were English
// whatever the guide's language. The card's text hyphenates in German.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const WELCOME = 'Willkommen';
const QUESTION = 'Wie wahrscheinlich empfehlen Sie uns weiter?';
const guide = {
  schema: 1, id: 'deutsch', name: 'deutsch', version: 1, status: 'published', fallback_locale: 'en',
  trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
  ui_text: {
    // de-AT: the German user (de-DE) gets another region's table, as content would.
    'de-AT': { submit: 'Absenden', nps_low: 'Unwahrscheinlich', close: 'Schließen', step_of: 'Schritt {n} von {total}' },
    en: { nps_high: 'Extremely likely' },
  },
  steps: [
    { id: 'hi', kind: 'modal', content: {
      en: { title: 'Welcome', buttons: [{ label: 'Next', action: 'next' }] },
      de: { title: WELCOME, body: 'Donaudampfschifffahrtsgesellschaftskapitänsmütze', buttons: [{ label: 'Weiter', action: 'next' }] } } },
    { id: 'nps', kind: 'survey', survey: { kind: 'nps' }, content: { en: { title: 'How likely?' }, de: { title: QUESTION } } },
  ],
};

await withBrowser('browser: sdk ui text', { guides: { guides: [guide] } }, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/german.html`);
  const inShadow = (fn) => page.evaluate(fn);
  const announced = () => inShadow(() => document.querySelector('cairn-ui').shadowRoot.querySelector('[aria-live]').textContent);

  await page.evaluate(() => window.Cairn.launch('deutsch'));
  await eventually(async () => (await shownStep(page))?.title === WELCOME, 'the German first step shown');
  await eventually(async () => (await announced()) === 'Schritt 1 von 2', `announced in German, got "${await announced()}"`);
  const first = await inShadow(() => {
    const card = document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step]');
    return { close: card.querySelector('.x').getAttribute('aria-label'), hyphens: getComputedStyle(card).hyphens, lang: card.lang,
      progress: card.querySelector('.f .vh').textContent };
  });
  assert(first.close === 'Schließen', `close label: ${first.close}`);
  // The card's "1 / 2", for screen readers in words.
  assert(first.progress === 'Schritt 1 von 2', `progress in words: ${first.progress}`);
  assert(first.hyphens === 'auto' && first.lang === 'de', `hyphenation in German: ${JSON.stringify(first)}`);

  await page.keyboard.press('ArrowRight');
  await eventually(async () => (await shownStep(page))?.title === QUESTION, 'the survey step shown');
  await eventually(async () => (await announced()) === 'Schritt 2 von 2', `announced in German, got "${await announced()}"`);
  const survey = await inShadow(() => {
    const card = document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step]');
    return { submit: card.querySelector('.f button').textContent, scale: [...card.querySelectorAll('.sl span')].map((s) => s.textContent),
      close: card.querySelector('.x').getAttribute('aria-label') };
  });
  await t.shot(page, 'ui-text-german-survey.png');
  assert(survey.submit === 'Absenden', `submit: ${survey.submit}`);
  // nps_high: not in de-AT, so the fallback locale's (en) table.
  assert(JSON.stringify(survey.scale) === JSON.stringify(['Unwahrscheinlich', 'Extremely likely']), `scale: ${survey.scale}`);
  assert(survey.close === 'Schließen', `survey close label: ${survey.close}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
