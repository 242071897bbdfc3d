// The guide list against the real collector, for two things an author meets
// there:
// - a published guide the collector's codec refuses now (published under
//   older rules: an event count above today's limit, written into the
//   database as such a build stored it) is marked "not shown to users" in the
//   list, with a line above it naming it; before, only its own page said so,
//   and a user scanning the list could not see which guides the SDK is not
//   getting;
// - the new-guide dialog measures the name in UTF-8 bytes, as the codec does:
//   a 100-character Japanese name (300 bytes) passed its 256-character
//   maxlength and the guide then failed at its first save.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { adminSession } from '../../samples/admin_session.mjs';
import { assert, run } from './editor_session.mjs';

await run('browser: editor guide list', {}, async (t) => {
  const { collector } = t;
  const api = await adminSession(collector.url, collector.admin.email, collector.admin.password);
  const guides = `/api/apps/${collector.appId}/guides`;
  const publishGuide = async (name) => {
    const created = await api('POST', guides, { schema: 1, name, trigger: { kind: 'manual' },
      steps: [{ id: 's', kind: 'modal', content: { en: { title: 'Hi' } } }] });
    await api('POST', `${guides}/${created.guide.id}/publish`, {}, { 'If-Match': `"${created.guide.revision}"` });
    return created.guide.id;
  };
  await publishGuide('Runs fine');
  const oldId = await publishGuide('Power users');
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', join(collector.dataDir, 'cairn.db'),
    `UPDATE guide_versions SET guide_json = replace(guide_json, '"trigger":', '"audience":{"event":"export","at_least":500},"trigger":') WHERE guide_id = '${oldId}'`]);
  const served = await t.servedGuides();
  assert(served.length === 2, 'the JSON form still carries both guides');

  const page = await t.newPage();
  await t.logIn(page, collector.admin.email, collector.admin.password);
  const row = (name) => page.locator('tr', { has: page.getByRole('link', { name, exact: true }) });
  await row('Power users').getByText('not shown to users').waitFor();
  assert(await row('Runs fine').getByText('not shown to users').count() === 0, 'a served guide is not marked');
  const summary = page.locator('.not-served-summary');
  assert(/^1 published guide is not shown to users \(“Power users”\)/.test(await summary.textContent()),
    `the list says which published guide users are not getting: ${await summary.textContent()}`);
  await t.shot(page, 'editor-guide-list-not-served.png');

  // A name too long in bytes (not in characters) is stopped in the dialog.
  await page.getByRole('button', { name: 'New guide' }).click();
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('日'.repeat(100));
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const dialog = page.locator('dialog');
  await dialog.getByText('Too long: 300 bytes, at most 256').waitFor();
  assert(await dialog.isVisible(), 'the dialog stays open with the name');
  assert((await api('GET', guides)).guides.length === 2, 'no guide was created with a name the codec refuses');
  await name.fill('日'.repeat(85));
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByLabel('Guide name', { exact: true }).waitFor();
  assert(await page.locator('.problem-list [data-pointer="/name"]').count() === 0, 'a 255-byte name has no problem');
});
