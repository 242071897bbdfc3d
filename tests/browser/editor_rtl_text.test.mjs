// Translating a guide into Arabic, against the real collector: the title,
// the text and its preview read right to left as soon as the text is Arabic
// (they were always left to right, so the "!" of "مرحبا بك في Acme!" and the
// **marks** sat at the wrong end while typing, and the preview's list bullets
// on the left), while the English texts stay left to right. The Languages
// tab lists the languages as written ("ar", not "AR").
import { join } from 'node:path';
import { SHOTS } from './harness.mjs';
import { assert, newModalGuide, run, saved } from './editor_session.mjs';

await run('browser: editor rtl text', {}, async (t) => {
  const page = await t.newPage();
  await newModalGuide(t, page, 'ترحيب');
  const name = page.getByLabel('Guide name', { exact: true });

  const title = page.getByLabel('Title');
  const text = page.getByLabel('Text', { exact: true });
  const preview = page.getByRole('region', { name: 'Preview of the text' });
  const direction = (locator) => locator.evaluate((e) => (e.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
  assert(await direction(name) === 'rtl', 'an Arabic guide name reads right to left');
  assert(await direction(title) === 'ltr' && await direction(text) === 'ltr', 'the English texts read left to right');

  await page.getByRole('tab', { name: 'Languages' }).click();
  await page.getByLabel('New language').fill('ar');
  await page.getByRole('button', { name: 'Add language' }).click();
  // The languages as written: row headers were upper-cased like column headers ("EN", "PT-BR").
  const shown = await page.locator('th[scope="row"]').evaluateAll((ths) => ths.map((th) => th.innerText.trim()));
  assert(JSON.stringify(shown) === JSON.stringify(['en fallback', 'ar']), `the languages as written: ${JSON.stringify(shown)}`);
  await page.getByRole('tab', { name: 'Steps' }).click();
  assert(await page.getByLabel('Language', { exact: true }).inputValue() === 'ar', 'the new language is the one edited');
  await title.fill('مرحبا بك في Acme!');
  await text.fill('انقر على **مشروع جديد** لتبدأ.\n\n- الخطوة الأولى.\n- اكتب ACME.');
  for (const [what, locator] of [['title', title], ['text', text], ['preview', preview]]) {
    assert(await direction(locator) === 'rtl', `the Arabic ${what} reads right to left`);
  }
  assert(await preview.locator('strong').textContent() === 'مشروع جديد', 'the preview formats the Arabic text');
  await saved(page);
  await page.locator('.content-editor').screenshot({ path: join(SHOTS, 'editor-rtl-text.png') });

  await page.getByLabel('Language', { exact: true }).selectOption('en');
  assert(await direction(page.getByLabel('Title')) === 'ltr', 'back in English, the title reads left to right');
});
