// Two authors on one guide, against the real collector: the admin and an
// editor open the same draft; the admin's save lands first, so the editor's
// autosave gets 409 and shows the conflict notice (who, when, two choices)
// while keeping the editor's text, even text typed after the conflict.
// "Keep mine (overwrite)", chosen with the keyboard, saves the editor's
// version; the admin's next save then meets the conflict in turn, and
// "Reload their version" shows the editor's text there. A publish from a tab
// that has not seen the latest draft is refused the same way.
import { assert, eventually, run, saved } from './editor_session.mjs';

const editorAccount = { email: 'editor@acme.test', role: 'editor' };

await run('browser: editor conflict', { accounts: [editorAccount] }, async (t) => {
  const { collector } = t;
  const api = await collector.login();
  const storedDraft = async (id) => (await api('GET', `/api/apps/${collector.appId}/guides/${encodeURIComponent(id)}`)).guide.draft;

  const mine = await t.newPage();
  await t.logIn(mine, collector.admin.email, collector.admin.password);
  await mine.getByRole('button', { name: 'New guide' }).click();
  await mine.getByLabel('Name', { exact: true }).fill('Shared tip');
  await mine.getByLabel('Walkthrough / tooltip').check();
  await mine.getByRole('button', { name: 'Create' }).click();
  await mine.getByLabel('Title').waitFor();
  const guideId = decodeURIComponent(new URL(mine.url()).pathname.split('/').pop());

  // The editor opens the same revision before the admin saves.
  const theirs = await t.newPage();
  await t.logIn(theirs, editorAccount.email, editorAccount.password);
  await theirs.getByRole('link', { name: 'Shared tip', exact: true }).click();
  await theirs.getByLabel('Title').waitFor();

  await mine.getByLabel('Title').fill('Admin wrote this');
  await saved(mine);

  // The editor's autosave is refused: the notice names the admin; nothing of theirs is lost.
  await theirs.getByLabel('Title').fill('Editor wrote this');
  const notice = theirs.locator('.conflict-notice');
  await notice.waitFor({ timeout: 8000 });
  assert(await theirs.locator('#save-state').getAttribute('data-state') === 'conflict', 'save state reads conflict');
  const text = await notice.textContent();
  assert(text.includes(`Saved by ${collector.admin.email} at`), `the notice names who saved: ${text}`);
  assert(await theirs.locator('.conflict-slot[role="alert"]').count() === 1, 'the notice is an alert region');
  await t.shot(theirs, 'editor-conflict.png');
  // Typing on during the conflict saves nothing and keeps the text.
  await theirs.getByLabel('Title').fill('Editor wrote this, and more');
  await theirs.waitForTimeout(1200);
  assert(JSON.stringify(await storedDraft(guideId)).includes('Admin wrote this'), 'the admin\'s draft is still stored');
  assert(await theirs.getByLabel('Title').inputValue() === 'Editor wrote this, and more', 'the editor\'s text is kept');

  // A publish from the conflicted tab is refused, nothing is served.
  await theirs.getByRole('button', { name: 'Publish' }).click();
  await theirs.getByRole('button', { name: 'Publish now' }).click();
  await eventually(async () => (await theirs.locator('#publish-button').isEnabled()), 'publish finished');
  assert((await t.servedGuides()).length === 0, 'a stale publish serves nothing');

  // Keep mine, with the keyboard: Tab from "Reload their version" to "Keep mine", Enter.
  await theirs.getByRole('button', { name: 'Reload their version' }).focus();
  await theirs.keyboard.press('Tab');
  assert(await theirs.evaluate(() => document.activeElement?.id) === 'conflict-keep', 'Tab reaches "Keep mine"');
  await theirs.keyboard.press('Enter');
  await saved(theirs);
  assert(await notice.count() === 0, 'the notice is gone after keeping mine');
  assert(JSON.stringify(await storedDraft(guideId)).includes('Editor wrote this, and more'), 'the editor\'s version is stored');

  // The admin's tab has not seen that save: its next edit meets the conflict, naming the editor.
  await mine.getByLabel('Title').fill('Admin again');
  await mine.locator('.conflict-notice').waitFor({ timeout: 8000 });
  assert((await mine.locator('.conflict-notice').textContent()).includes(`Saved by ${editorAccount.email}`), 'the admin sees who saved');
  await mine.getByRole('button', { name: 'Reload their version' }).click();
  await eventually(async () => (await mine.getByLabel('Title').inputValue()) === 'Editor wrote this, and more', 'reloading shows their version');
  assert(await mine.locator('.conflict-notice').count() === 0, 'no notice after reloading');
  assert(JSON.stringify(await storedDraft(guideId)).includes('Editor wrote this, and more'), 'reloading saved nothing');
  // Editing from the reloaded version saves normally.
  await mine.getByLabel('Title').fill('Admin, after reloading');
  await saved(mine);
});
