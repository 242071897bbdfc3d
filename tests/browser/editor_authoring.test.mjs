// The editor against the real collector, without a live app: log in, create a
// tooltip guide, write its text (with the markdown preview), set its URL rule,
// autosave; an invalid publish shows each problem at its field; a valid
// publish is served at /v1/guides with the write key; the version history
// shows a readable diff and rolls back; a viewer sees everything read-only.
// Screenshots for docs/editor.md go to build/artifacts/screenshots/editor-*.png.
import { assert, eventually, run, saved } from './editor_session.mjs';

// startCollector creates the account and sets its generated password here.
const viewerAccount = { email: 'viewer@acme.test', role: 'viewer' };

await run('browser: editor authoring', { accounts: [viewerAccount] }, async (t) => {
  const { collector } = t;
  const page = await t.newPage();
  await page.goto(`${collector.url}/editor/`);
  await page.getByLabel('Email').waitFor();
  await t.shot(page, 'editor-login.png');
  await t.logIn(page, collector.admin.email, collector.admin.password);

  // New guide: name and kind.
  await page.getByRole('button', { name: 'New guide' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Project key hint');
  await page.getByLabel('Walkthrough / tooltip').check();
  await t.shot(page, 'editor-new-guide.png');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByLabel('Guide name').waitFor();
  assert(await page.getByLabel('Guide name').inputValue() === 'Project key hint', 'guide page shows the name');
  const guideId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

  // Content with the live markdown preview.
  await page.getByLabel('Title').fill('The project key');
  await page.getByLabel('Text', { exact: true }).fill('Use **2 to 6** capital letters, e.g. `ACME`.\n\n- short\n- unique');
  const preview = page.locator('.markdown-preview');
  assert(await preview.locator('strong').textContent() === '2 to 6', 'preview renders bold');
  assert(await preview.locator('code').textContent() === 'ACME', 'preview renders code');
  assert(await preview.locator('li').count() === 2, 'preview renders the list');
  await saved(page);
  await t.shot(page, 'editor-steps.png');

  // What the app has sent feeds the targeting suggestions (when this collector has the catalog).
  const ingest = await fetch(`${collector.url}/v1/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': collector.writeKey },
    body: JSON.stringify({ batch: [{ type: 'identify', userId: 'u1', traits: { plan: 'pro' } }, { type: 'track', userId: 'u1', event: 'report_exported' }] }) });
  assert(ingest.ok, `ingest: ${ingest.status}`);
  const admin = await collector.login();
  const hasCatalog = await admin('GET', `/api/apps/${collector.appId}/catalog`).then(() => true, (e) => (/: 404 /.test(e.message) ? false : Promise.reject(e)));
  await page.reload();
  await page.getByLabel('Title').waitFor();

  // Targeting (the tabs follow the arrow keys; a reload keeps the tab): show on /projects/new only.
  await page.getByRole('tab', { name: 'Steps' }).focus();
  await page.keyboard.press('ArrowRight');
  assert(await page.getByRole('tab', { name: 'Targeting' }).getAttribute('aria-selected') === 'true', 'ArrowRight selects Targeting');
  assert(await page.evaluate(() => document.activeElement?.id) === 'tab-targeting', 'focus moves with the selection');
  await page.reload();
  await page.getByRole('heading', { name: 'Who sees it' }).waitFor();
  if (hasCatalog) {
    await eventually(async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Who sees it' }).waitFor();
      return page.locator('#catalog-traits option[value="plan"]').count();
    }, 'the trait "plan" is suggested');
    assert(await page.locator('#catalog-events option[value="report_exported"]').count() === 1, 'the event is suggested');
  } else {
    console.log('editor authoring: this collector has no /catalog endpoint; checking the free-text fallback');
    assert(await page.getByText('No data from your app yet').count() === 1, 'without a catalog the fields are free text');
  }
  await page.getByLabel('Show on pages matching').fill('/projects/new');
  await page.getByLabel('How often', { exact: true }).selectOption('at_most');
  await page.getByLabel('Times', { exact: true }).fill('3');
  // Audience: users on the pro plan, half of them.
  await page.getByRole('button', { name: 'Limit who sees it' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Attribute', { exact: true }).fill('plan');
  await page.getByLabel('Value', { exact: true }).fill('pro');
  await page.getByLabel('Rollout (% of matching users)').fill('50');
  await saved(page);
  await t.shot(page, 'editor-targeting.png');
  await page.evaluate(() => document.getElementById('audience-heading').scrollIntoView({ block: 'start' }));
  await t.shot(page, 'editor-audience.png', { top: false });

  // Before the first publish the History tab says what it will hold, with nothing to compare.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByText(/^Not published yet\. Every publish is kept here/).waitFor();
  assert(await page.getByRole('heading', { name: 'Compare' }).count() === 0, 'no Compare without a version');
  await page.getByRole('tab', { name: 'Targeting' }).click();

  // Publishing a tooltip without a target fails; the problem is at the target field.
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish now' }).click();
  const targetField = page.locator('.target-picker.has-problem');
  await targetField.waitFor();
  const reason = await targetField.locator('.field-error').textContent();
  assert(/required for a tooltip/.test(reason), `problem at the target field: ${reason}`);
  assert(await page.locator('.problem-list li[data-pointer="/steps/0/target"]').count() === 1, 'the problem list names /steps/0/target');
  await t.shot(page, 'editor-publish-problems.png');
  assert((await t.servedGuides()).length === 0, 'nothing served after a refused publish');

  // A bad value in another tab: the list's "Go to" button opens the field.
  await page.getByRole('tab', { name: 'Theme' }).click();
  await page.getByLabel('Accent (buttons)', { exact: true }).fill('red;}');
  await saved(page);
  await page.getByRole('tab', { name: 'Steps' }).click();
  await page.locator('.problem-list li[data-pointer="/theme/accent_color"] button').click();
  await eventually(() => page.evaluate(() => document.activeElement?.closest('[data-pointer]')?.dataset.pointer === '/theme/accent_color'), 'focus on the accent colour');
  assert(await page.locator('[data-pointer="/theme/accent_color"].has-problem').count() === 1, 'the theme field shows its problem');
  await page.getByLabel('Accent (buttons)', { exact: true }).fill('#4f46e5');
  await saved(page);
  await t.shot(page, 'editor-theme.png');

  // Make it a modal (no target needed) and publish.
  await page.getByRole('tab', { name: 'Steps' }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('modal');
  await saved(page);
  assert(await page.locator('.problem-list').isHidden(), 'no problems left');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByLabel('Note for the history').fill('First version');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText('Published version 1.').waitFor();
  let served = await t.servedGuides();
  assert(served.length === 1 && served[0].id === guideId, `served: ${JSON.stringify(served)}`);
  assert(served[0].steps[0].content.en.title === 'The project key', 'served title');
  assert(served[0].trigger.pages.include[0].path === '/projects/new', `served URL rule: ${JSON.stringify(served[0].trigger)}`);
  assert(served[0].frequency.kind === 'at_most' && served[0].frequency.times === 3, 'served frequency');
  assert(served[0].theme.accent_color === '#4f46e5', 'served theme');
  assert(JSON.stringify(served[0].audience) === JSON.stringify({ all: [{ attribute: 'plan', op: 'eq', value: 'pro' }, { rollout: 50 }] }),
    `served audience: ${JSON.stringify(served[0].audience)}`);

  // A second language, a second step (duplicated), moved by keyboard, then version 2.
  await page.getByRole('tab', { name: 'Languages' }).click();
  await page.getByLabel('New language').fill('fr');
  await page.getByRole('button', { name: 'Add language' }).click();
  await t.shot(page, 'editor-languages.png');
  await page.getByRole('tab', { name: 'Steps' }).click();
  await page.getByRole('button', { name: 'Duplicate step 1' }).click();
  await page.locator('#step-select-1').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await eventually(async () => (await page.locator('#step-select-0').textContent()).includes('copy'), 'the copy moved first');
  assert(await page.evaluate(() => document.activeElement?.id) === 'step-select-0', 'focus follows the moved step');
  await page.getByLabel('Title').fill('The project key (v2)');
  await saved(page);
  await page.locator('.badge-changes').waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText('Published version 2.').waitFor();
  await eventually(async () => (await page.locator('.badge-changes').count()) === 0, 'no unpublished changes right after publishing');
  served = await t.servedGuides();
  assert(served[0].steps.length === 2 && served[0].steps[0].id === 'step-1-copy', `v2 steps: ${served[0].steps.map((s) => s.id)}`);

  // History: both versions, a readable diff, rollback to version 1.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.locator('table.versions tbody tr').nth(1).waitFor();
  const diff = page.locator('.diff-list');
  await diff.waitFor();
  const diffText = await diff.textContent();
  assert(diffText.includes('Added') && diffText.includes('/steps/0'), `diff names the added step: ${diffText}`);
  assert(diffText.includes('/steps/1/content/fr'), `diff names the added French text: ${diffText}`);
  await t.shot(page, 'editor-history.png');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  await page.getByText(/Rolled back: version 3/).waitFor();
  served = await t.servedGuides();
  assert(served[0].version === 3 && served[0].steps.length === 1 && served[0].steps[0].content.en.title === 'The project key', `rolled back: ${JSON.stringify(served[0].steps)}`);

  // Guide list: status, search, duplicate, archive.
  await page.getByRole('link', { name: '← All guides' }).click();
  await page.getByRole('button', { name: 'Duplicate Project key hint' }).click();
  await page.getByRole('link', { name: 'Project key hint (copy)' }).waitFor();
  await page.getByLabel('Search').fill('copy');
  await eventually(async () => (await page.locator('tbody tr').count()) === 1, 'search narrows the list');
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Status').selectOption('published');
  await eventually(async () => (await page.locator('tbody tr').count()) === 1, 'filter by status');
  await page.getByLabel('Status').selectOption('');

  // The copy, published with a schedule that starts later, reads "scheduled".
  await page.getByRole('link', { name: 'Project key hint (copy)' }).click();
  await page.getByRole('tab', { name: 'Targeting' }).click();
  await page.getByLabel('Start', { exact: true }).fill('2030-01-01T09:00');
  await saved(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText('Published version 1.').waitFor();
  await page.getByRole('link', { name: '← All guides' }).click();
  const copyRow = page.locator('tr', { hasText: 'Project key hint (copy)' });
  await copyRow.locator('.badge-scheduled').waitFor();
  await page.getByLabel('Status').selectOption('scheduled');
  await eventually(async () => (await page.locator('tbody tr').count()) === 1, 'filter: scheduled');
  await page.getByLabel('Status').selectOption('');
  await t.shot(page, 'editor-guide-list.png');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Archive Project key hint (copy)' }).click();
  await copyRow.locator('.badge-archived').waitFor();
  assert((await t.servedGuides()).every((g) => g.name !== 'Project key hint (copy)'), 'an archived guide is not served');
  // Delete: offered only for a guide never published, and it is gone for good.
  assert(await page.getByRole('button', { name: 'Delete Project key hint (copy)', exact: true }).count() === 0,
    'a guide ever published (archived since) offers no Delete');
  await page.getByRole('button', { name: 'Duplicate Project key hint (copy)', exact: true }).click();
  const abandoned = page.locator('tr', { hasText: 'Project key hint (copy) (copy)' });
  await abandoned.waitFor();
  let deleteQuestion = '';
  page.once('dialog', (d) => { deleteQuestion = d.message(); d.accept(); });
  await page.getByRole('button', { name: 'Delete Project key hint (copy) (copy)' }).click();
  await abandoned.waitFor({ state: 'detached' });
  assert(deleteQuestion.includes('"Project key hint (copy) (copy)"'), `the confirmation names the guide: ${deleteQuestion}`);
  await page.reload();
  await page.locator('tr', { hasText: 'Project key hint (copy)' }).first().waitFor();
  assert(await page.locator('tr', { hasText: 'Project key hint (copy) (copy)' }).count() === 0, 'deleted for good, not only hidden');

  // App settings (admins): allowed origins and a new write key, shown once.
  await page.getByRole('link', { name: 'App settings' }).click();
  // A refused origin is named as typed, not by its index; a pasted trailing "/" is dropped.
  await page.getByLabel('One origin per line').fill('app.acme.test\nhttps://app.acme.test/');
  await page.getByRole('button', { name: 'Save origins' }).click();
  const originsError = page.locator('[id^="origins-"][id$="-problems"]');
  await page.getByText('Origins not saved: see the problems under the list.').waitFor();
  const originsText = await originsError.textContent();
  assert(/^"app\.acme\.test": must be an origin/.test(originsText) && !originsText.includes('/origins/'), `origin problem: ${originsText}`);
  await page.getByLabel('One origin per line').fill('https://app.acme.test/');
  await page.getByRole('button', { name: 'Save origins' }).click();
  await page.getByText('Origins saved.').waitFor();
  assert(await page.getByLabel('One origin per line').inputValue() === 'https://app.acme.test', 'the saved origin has no trailing "/"');
  await page.getByRole('button', { name: 'Create write key' }).click();
  const secret = await page.locator('.secret-value').textContent();
  assert(/^cwk_[0-9a-f]{48}$/.test(secret), `new key shown once: ${secret}`);
  const withNewKey = await fetch(`${collector.url}/v1/guides`, { headers: { 'X-Cairn-Write-Key': secret } });
  assert(withNewKey.status === 200, `the new key reads guides: ${withNewKey.status}`);
  // The list is fetched again after the key is shown: wait for it.
  await eventually(async () => (await page.locator('table tbody tr', { hasText: secret.slice(0, 8) }).count()) >= 1,
    'the key list shows the new key by prefix');
  await t.shot(page, 'editor-settings.png');

  // Renaming the app: the top bar's switcher follows; an empty name is refused in place.
  const appId = await page.locator('#app-switcher').inputValue();
  const nameField = page.getByLabel('The app\'s name, as the editor and dashboard show it');
  const originalName = await nameField.inputValue();
  await nameField.fill('   ');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByText('Give the app a name.').waitFor();
  await nameField.fill('Acme Projects EU');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByText('Renamed to "Acme Projects EU".').waitFor();
  assert(await page.locator(`#app-switcher option[value="${appId}"]`).textContent() === 'Acme Projects EU', 'the switcher shows the new name');
  const appAfterRename = await (await page.request.get(`${collector.url}/api/apps/${appId}`)).json();
  assert(appAfterRename.app.name === 'Acme Projects EU', `renamed on the collector: ${JSON.stringify(appAfterRename)}`);
  await nameField.fill(originalName);
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByText(`Renamed to "${originalName}".`).waitFor();

  // A second app from the editor: a refused origin is named as typed, then
  // the app, its first write key (which reads guides at once) and the set-up snippet.
  await page.getByRole('link', { name: 'New app' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Acme Billing');
  await page.getByLabel('Allowed origins').fill('billing.acme.test');
  await page.getByRole('button', { name: 'Create app' }).click();
  await eventually(async () => /^"billing\.acme\.test": must be an origin/.test(await page.locator('[id^="new-origins-"][id$="-problems"]').textContent()),
    'the refused origin is named as typed');
  await page.getByLabel('Allowed origins').fill('https://billing.acme.test/');
  await page.getByRole('button', { name: 'Create app' }).click();
  await page.getByRole('heading', { name: 'Acme Billing is ready' }).waitFor();
  const newKey = await page.locator('code.secret-value').textContent();
  assert(/^cwk_[0-9a-f]{48}$/.test(newKey), `the new app's key is shown once: ${newKey}`);
  const snippet = (await page.locator('pre.snippet').allTextContents()).join('\n');
  assert(snippet.includes(`src="${collector.url}/sdk/cairn.js"`) && snippet.includes(`writeKey: '${newKey}'`) && snippet.includes(`host: '${collector.url}'`),
    `the snippet names this collector and the key: ${snippet}`);
  const newAppGuides = await fetch(`${collector.url}/v1/guides`, { headers: { 'X-Cairn-Write-Key': newKey } });
  assert(newAppGuides.status === 200 && (await newAppGuides.json()).guides.length === 0, `the new key reads the new app's (no) guides: ${newAppGuides.status}`);
  await t.shot(page, 'editor-new-app.png');
  await page.getByRole('button', { name: 'Open Acme Billing' }).click();
  await page.getByRole('heading', { name: 'Guides' }).waitFor();
  const switched = await page.locator('#app-switcher option:checked').textContent();
  assert(switched === 'Acme Billing', `the editor switched to the new app: ${switched}`);
  await page.getByText('No guides yet.').waitFor();

  // Deleting that app again (App settings' danger zone): it says what goes, the
  // button waits for the app's name, then the editor opens the other app; the
  // switcher forgets it, its key is refused, its routes answer 404.
  const billingId = await page.locator('#app-switcher').inputValue();
  await page.getByRole('link', { name: 'App settings' }).click();
  const what = page.locator('#delete-app-what');
  await eventually(async () => /1 write key, 0 saved funnels and 0 events/.test(await what.textContent()),
    'the danger zone counts what will be deleted');
  assert((await what.textContent()).startsWith('Deletes Acme Billing and everything it stored: 0 guides'), `what goes: ${await what.textContent()}`);
  const deleteButton = page.getByRole('button', { name: 'Delete this app' });
  const confirmName = page.getByLabel('Type the app\'s name to confirm');
  assert(await deleteButton.isDisabled(), 'Delete this app waits for the name');
  await confirmName.fill('acme billing');
  assert(await deleteButton.isDisabled(), 'another spelling of the name does not enable it');
  await confirmName.fill('Acme Billing');
  await deleteButton.click();
  await page.getByText('Deleted Acme Billing: 0 guides, 1 write key; its events are being removed.').waitFor();
  await page.getByRole('heading', { name: 'Guides' }).waitFor();
  await eventually(async () => (await page.locator('#app-switcher option:checked').getAttribute('value')) === appId,
    'the editor opened the other app');
  assert(await page.locator(`#app-switcher option[value="${billingId}"]`).count() === 0, 'the switcher no longer lists the deleted app');
  assert((await page.locator('#app-switcher').textContent()).indexOf('Acme Billing') < 0, 'no "Acme Billing" in the switcher');
  const deletedKey = await fetch(`${collector.url}/v1/guides`, { headers: { 'X-Cairn-Write-Key': newKey } });
  assert(deletedKey.status === 401, `the deleted app's key is refused: ${deletedKey.status}`);
  assert((await page.request.get(`${collector.url}/api/apps/${billingId}`)).status() === 404, 'the deleted app answers 404');

  // Every kind of new guide starts with content the collector accepts; only
  // tooltips and hotspots still need their element picked.
  for (const [label, kind] of [['Walkthrough / tooltip', 'tooltip'], ['Modal', 'modal'], ['Banner', 'banner'], ['Hotspot', 'hotspot'],
    ['Slideout', 'slideout'], ['Checklist', 'checklist'], ['Launcher', 'launcher'], ['Survey', 'survey']]) {
    await page.goto(`${collector.url}/editor/`);
    await page.getByRole('button', { name: 'New guide' }).click();
    await page.getByLabel('Name', { exact: true }).fill(`Starter ${kind}`);
    await page.getByLabel(label, { exact: true }).check();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel('Guide name').waitFor();
    const problems = await page.locator('.problem-list li').evaluateAll((items) => items.map((li) => li.dataset.pointer));
    const expected = kind === 'tooltip' || kind === 'hotspot' ? ['/steps/0/target'] : [];
    assert(JSON.stringify(problems) === JSON.stringify(expected), `new ${kind} guide problems: ${JSON.stringify(problems)}`);
    assert(await page.getByLabel('Kind', { exact: true }).inputValue() === kind, `the step is a ${kind}`);
  }

  // A viewer sees the same guide, read-only.
  const viewer = await t.newPage();
  await t.logIn(viewer, viewerAccount.email, viewerAccount.password);
  assert(await viewer.getByRole('button', { name: 'New guide' }).count() === 0, 'viewers get no New guide button');
  await viewer.getByRole('link', { name: 'Project key hint', exact: true }).click();
  await viewer.getByLabel('Title').waitFor();
  assert(await viewer.getByLabel('Title').isDisabled(), 'viewer: title disabled');
  assert(await viewer.getByLabel('Guide name').isDisabled(), 'viewer: name disabled');
  assert(await viewer.getByRole('button', { name: 'Publish' }).count() === 0, 'viewer: no Publish');
  assert(await viewer.getByRole('button', { name: /^Delete step/ }).count() === 0, 'viewer: no Delete');
  await viewer.getByRole('tab', { name: 'History' }).click();
  await viewer.locator('table.versions tbody tr').nth(2).waitFor();
  assert(await viewer.getByRole('button', { name: /^Roll back/ }).count() === 0, 'viewer: no Roll back');
  await t.shot(viewer, 'editor-viewer.png');
});
