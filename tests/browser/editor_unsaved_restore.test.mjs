// Unsaved edits survive a closed tab, against the real collector: the admin
// types a step title while saves fail (offline), closes the tab, and opens
// the guide again in a new tab of the same browser. The editor offers the
// kept changes ("You have unsaved changes from … (based on revision N)"),
// reachable with the keyboard, and keeps the guide locked until the author
// chooses, so nothing typed meanwhile goes unkept; meanwhile another author
// saved, so restoring meets the normal conflict notice, and "Keep mine"
// stores the restored text.
// Then an edit closed before its autosave fired is offered too, and
// "Discard" forgets it for good. Last, the session ends while typing: the
// login form says so, and the text is saved after logging in again.
import { assert, eventually, run, saved } from './editor_session.mjs';

const editorAccount = { email: 'editor@acme.test', role: 'editor' };
const COPY_PREFIX = 'cairn:unsaved-draft:';

await run('browser: editor unsaved restore', { accounts: [editorAccount] }, async (t) => {
  const { collector } = t;
  const api = await collector.login();
  const storedDraft = async (id) => (await api('GET', `/api/apps/${collector.appId}/guides/${encodeURIComponent(id)}`)).guide;
  const keptCopies = (page) => page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).length, COPY_PREFIX);

  const first = await t.newPage();
  await t.logIn(first, collector.admin.email, collector.admin.password);
  await first.getByRole('button', { name: 'New guide' }).click();
  await first.getByLabel('Name', { exact: true }).fill('Restore me');
  await first.getByLabel('Walkthrough / tooltip').check();
  await first.getByRole('button', { name: 'Create' }).click();
  await first.getByLabel('Title').fill('Saved title');
  await saved(first);
  const guidePath = new URL(first.url()).pathname;
  const guideId = decodeURIComponent(guidePath.split('/').pop());
  const baseRevision = (await storedDraft(guideId)).revision;

  // Offline: draft saves fail; the typed text is kept only in this browser.
  await first.route('**/draft', (route) => route.abort('internetdisconnected'));
  await first.getByLabel('Title').fill('Typed while offline');
  await first.locator('#save-state[data-state="failed"]').waitFor();
  assert(await keptCopies(first) === 1, 'the unsaved text is kept in localStorage');
  const context = first.context();
  await first.close();

  // Another author saves the guide meanwhile.
  const other = await t.newPage();
  await t.logIn(other, editorAccount.email, editorAccount.password);
  await other.getByRole('link', { name: 'Restore me', exact: true }).click();
  await other.getByLabel('Guide name').fill('Restore me (edited by the editor)');
  await saved(other);

  // A new tab of the first browser offers the kept changes.
  const second = await newTab(t, context);
  await second.goto(collector.url + guidePath);
  const notice = second.locator('.unsaved-copy-notice');
  await notice.waitFor();
  const text = await notice.textContent();
  assert(text.includes('You have unsaved changes from') && text.includes(`(based on revision ${baseRevision})`), `the notice says when and on what: ${text}`);
  assert(await second.locator('.unsaved-copy-slot[role="alert"]').count() === 1, 'the notice is an alert region');
  assert(await second.getByLabel('Title').inputValue() === 'Saved title', 'nothing is restored before the author chooses');
  await t.shot(second, 'editor-unsaved-restore.png');
  // Until the author chooses, the guide cannot be edited: an edit made now
  // could be kept in this browser only over the offered copy.
  assert(await isLocked(second, 'Title') && await isLocked(second, 'Guide name'), 'the fields are inert while the notice waits');
  // Keyboard: from the page, Tab passes the back link and the locked name to
  // "Restore my changes", then "Discard", and no further into the guide; Enter restores.
  await second.keyboard.press('Tab');
  await second.keyboard.press('Tab');
  assert(await second.evaluate(() => document.activeElement?.id) === 'unsaved-restore', 'Tab reaches "Restore my changes"');
  await second.keyboard.press('Tab');
  assert(await second.evaluate(() => document.activeElement?.id) === 'unsaved-discard', 'Tab reaches "Discard"');
  await second.keyboard.press('Tab');
  assert(await second.evaluate(() => !document.activeElement?.closest('.guide-page') || !!document.activeElement.closest('.unsaved-copy-notice')),
    'Tab does not reach the locked guide');
  await second.getByRole('button', { name: 'Discard' }).focus();
  await second.keyboard.press('Shift+Tab');
  await second.keyboard.press('Enter');
  await eventually(async () => (await second.getByLabel('Title').inputValue()) === 'Typed while offline', 'the text is back in the editor');
  assert(await notice.count() === 0, 'the notice is gone after restoring');
  assert(!await isLocked(second, 'Title'), 'restoring unlocks the guide');

  // The autosave names revision N: the editor's save came since, so the conflict notice asks.
  await second.locator('.conflict-notice').waitFor();
  assert((await storedDraft(guideId)).draft.name === 'Restore me (edited by the editor)', 'the other save is not overwritten silently');
  assert(await keptCopies(second) === 1, 'the copy stays during the conflict');
  await second.getByRole('button', { name: 'Keep mine (overwrite)' }).click();
  await saved(second);
  const stored = await storedDraft(guideId);
  assert(JSON.stringify(stored.draft).includes('Typed while offline'), 'the restored text is stored');
  await eventually(async () => (await keptCopies(second)) === 0, 'the copy is removed once the collector has the text');

  // An edit closed before its autosave fires is kept as well; Discard forgets it.
  await second.getByLabel('Title').fill('Thrown away');
  await second.close();
  const third = await newTab(t, context);
  await third.goto(collector.url + guidePath);
  await third.locator('.unsaved-copy-notice').waitFor();
  assert((await third.locator('.unsaved-copy-notice').textContent()).includes(`(based on revision ${stored.revision})`), 'based on the last saved revision');
  await third.getByRole('button', { name: 'Discard' }).click();
  assert(await third.locator('.unsaved-copy-notice').count() === 0, 'the notice is gone after discarding');
  assert(await keptCopies(third) === 0, 'discarding removes the copy');
  assert(!await isLocked(third, 'Title') && await third.locator('[inert]').count() === 0, 'discarding unlocks the guide');
  assert(await third.getByLabel('Title').inputValue() === 'Typed while offline', 'the stored text is shown');
  await third.reload();
  await third.getByLabel('Title').waitFor();
  assert(await third.locator('.unsaved-copy-notice').count() === 0, 'nothing is offered after discarding');
  assert(JSON.stringify((await storedDraft(guideId)).draft).includes('Typed while offline'), 'the discarded text was never saved');

  // The session ends while editing (it expired, or a logout in another tab):
  // the login form says why, and logging in again goes back to the guide and
  // saves what was typed meanwhile.
  await context.clearCookies();
  await third.getByLabel('Title').fill('Typed as the session ended');
  const note = third.locator('.login-note');
  await note.waitFor();
  assert(/session has ended/.test(await note.textContent()), `the login form says why: ${await note.textContent()}`);
  await third.getByLabel('Email').fill(collector.admin.email);
  await third.getByLabel('Password').fill(collector.admin.password);
  await third.getByRole('button', { name: 'Log in' }).click();
  await third.getByLabel('Guide name').waitFor();
  await eventually(async () => JSON.stringify((await storedDraft(guideId)).draft).includes('Typed as the session ended'),
    'the text typed as the session ended is saved after logging in again');
});

// Whether the field labelled `label` sits in an inert part of the page.
function isLocked(page, label) {
  return page.getByLabel(label, { exact: true }).evaluate((el) => el.closest('[inert]') !== null);
}

// Another tab of the same browser (same localStorage and session), watched for page errors like t.newPage's.
async function newTab(t, context) {
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => t.errors.push(`${page.url()}: ${e}`));
  return page;
}
