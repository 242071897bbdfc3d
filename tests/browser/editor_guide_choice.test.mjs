// Choosing the guide a button starts, against the real collector: the author
// picks it by name among the app's guides. It was a text field for the
// guide's id ("g_32c4…"), which the editor shows nowhere but in the address
// bar; a mistyped id made a button that did nothing. The same choice for a
// checklist item and for a "Saw another guide" condition; an id that names
// no guide of the app stays, and says so.
import { assert, eventually, newModalGuide, run, saved } from './editor_session.mjs';

await run('browser: editor guide choice', {}, async (t) => {
  const call = await t.collector.login();
  const path = `/api/apps/${t.collector.appId}/guides`;
  const { guide: tour } = await call('POST', path, { name: 'Project tour' });
  const { guide: gone } = await call('POST', path, { name: 'Old tour' });
  await call('POST', `${path}/${gone.id}/archive`);

  const page = await t.newPage();
  await newModalGuide(t, page, 'Welcome');
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

  await page.getByLabel('Action').first().selectOption('launch_guide');
  const choice = page.getByLabel('Guide to start');
  const offered = await choice.locator('option').allTextContents();
  assert(offered[0] === 'Choose a guide…' && offered.includes('Project tour') && offered.includes('Welcome (this guide)')
    && offered.includes('Old tour (archived)'),
    `the app's guides are offered by name: ${JSON.stringify(offered)}`);
  await choice.selectOption({ label: 'Project tour' });
  await saved(page);
  const stored = async () => (await call('GET', `${path}/${id}`)).guide.draft.steps[0].content.en.buttons;
  await eventually(async () => (await stored()).some((b) => b.action === 'launch_guide' && b.guide_id === tour.id),
    'the button starts the chosen guide, by its id');

  // A condition on another guide: chosen the same way.
  await page.getByRole('tab', { name: 'Targeting' }).click();
  await page.getByRole('button', { name: 'Limit who sees it' }).click();
  await page.getByLabel('Add', { exact: true }).selectOption('guide');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Guide', { exact: true }).selectOption({ label: 'Project tour' });
  await saved(page);
  await eventually(async () => JSON.stringify((await call('GET', `${path}/${id}`)).guide.draft.audience)
    === JSON.stringify({ all: [{ guide: tour.id, history: 'completed' }] }), 'the condition names the chosen guide');

  // An id of no guide of this app (made by an API client, say) is kept and named as such.
  const { guide: record } = await call('GET', `${path}/${id}`);
  const copy = { ...record.draft, name: 'Broken link' };
  delete copy.audience;
  copy.steps[0].content.en.buttons.find((b) => b.action === 'launch_guide').guide_id = 'g_nope';
  const { guide: broken } = await call('POST', path, copy);
  await page.goto(`${t.collector.url}/editor/guides/${encodeURIComponent(broken.id)}`);
  await page.getByLabel('Guide to start').waitFor();
  const shown = await page.getByLabel('Guide to start').evaluate((s) => s.selectedOptions[0]?.textContent);
  assert(shown === 'g_nope (no guide of this app has this id)', `an unknown id is named as such: ${shown}`);
});
