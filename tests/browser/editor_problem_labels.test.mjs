// Problems the collector reports as JSON Pointers read in the editor's own
// words at the field that fixes them: a bad page rule, bad step fields (a
// button link, a step id, a placement) and a bad audience condition, refused by
// the real collector on save and on publish, are named "When it starts › Show
// on pages › rule 1 › path" etc. in the problem list (never "include › 0"), and
// each field shows its reason, with format values in the editor's words
// ("for the operator \"is one of\"", not "for op in").
import { assert, run, saved } from './editor_session.mjs';

// A guide the collector stores as a draft with problems (drafts may be invalid).
const BAD_GUIDE = {
  schema: 1, id: 'labels-demo', name: 'Labels demo',
  trigger: { kind: 'page_load', pages: { include: [{ path: 'projects' }] } },
  audience: { all: [{ attribute: 'plan', op: 'in', value: [] }] },
  steps: [{ id: 'welcome', kind: 'modal',
    content: { en: { title: 'Hi', body: 'Welcome.', buttons: [{ label: 'Docs', action: 'url', url: 'javascript:alert(1)' }] } } },
  { id: 'step two', kind: 'modal', placement: { offset_px: 500 }, content: { en: { title: 'Two' } } }],
};

await run('browser: editor problem labels', {}, async (t) => {
  const { collector } = t;
  const admin = await collector.login();
  const created = await admin('POST', `/api/apps/${collector.appId}/guides?keep_id=1`, BAD_GUIDE);
  const pointers = created.problems.map((p) => p.pointer);
  for (const expected of ['/trigger/pages/include/0/path', '/steps/0/content/en/buttons/0/url', '/audience/all/0/value', '/steps/1/id', '/steps/1/placement/offset_px']) {
    assert(pointers.includes(expected), `the collector refuses ${expected}: ${JSON.stringify(created.problems)}`);
  }

  const page = await t.newPage();
  await t.logIn(page, collector.admin.email, collector.admin.password);
  await page.goto(`${collector.url}/editor/guides/labels-demo`);
  await page.getByLabel('Guide name').waitFor();

  // Publishing is refused (422); every problem is listed by its editor name.
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await page.getByText(/^Not published: \d+ problems? to fix/).waitFor();
  const listed = async (pointer) => {
    const item = page.locator(`.problem-list li[data-pointer="${pointer}"]`);
    assert(await item.count() === 1, `${pointer} is listed: ${await page.locator('.problem-list').textContent()}`);
    return (await item.textContent()).trim();
  };
  const rule = await listed('/trigger/pages/include/0/path');
  assert(/^When it starts › Show on pages › rule 1 › path: must start with "\/"/.test(rule), `page rule problem: ${rule}`);
  const button = await listed('/steps/0/content/en/buttons/0/url');
  assert(/^Step 1 \(welcome\) › content › en › button 1 › link: must be an http\(s\), mailto or relative URL/.test(button), `button problem: ${button}`);
  const stepId = await listed('/steps/1/id');
  assert(stepId.startsWith('Step 2 (step two) › step id: '), `step id problem: ${stepId}`);
  const offset = await listed('/steps/1/placement/offset_px');
  assert(offset.startsWith('Step 2 (step two) › placement › distance (px): '), `placement problem: ${offset}`);
  const condition = await listed('/audience/all/0/value');
  assert(condition === 'Who sees it › condition 1 › value: must be a non-empty array for the operator "is one of"',
    `audience problem, with the operator as the editor names it: ${condition}`);
  const items = await page.locator('.problem-list li').allTextContents();
  for (const text of items) {
    const where = text.split(': ')[0];
    assert(!/(^|› )\d+( ›|$)/.test(where) && !where.includes('_') && !where.includes('/'), `a readable name, no raw pointer: ${text}`);
  }
  await t.shot(page, 'editor-problem-labels.png');

  // "Go to" opens the field; the field itself shows the reason.
  await page.locator('.problem-list li[data-pointer="/trigger/pages/include/0/path"] button').click();
  const pathField = page.locator('[data-pointer="/trigger/pages/include/0/path"].has-problem');
  await pathField.waitFor();
  assert(/must start with "\/"/.test(await pathField.locator('.field-error').textContent()), 'the path field shows its reason');
  const audienceValue = page.locator('[data-pointer="/audience/all/0/value"].has-problem');
  assert(await audienceValue.count() === 1, 'the audience value field shows its problem');

  // Fixing the rule in the form clears its problem on save (the collector re-checks the draft).
  await page.getByLabel('Show on pages matching').fill('/projects');
  await saved(page);
  assert(await page.locator('.problem-list li[data-pointer="/trigger/pages/include/0/path"]').count() === 0, 'the fixed rule is no longer listed');
});
