// Typing a rollout percentage key by key, as an author does, against the real
// collector: on a guide seen by everyone, the first digit makes the rollout a
// condition of the audience, drawn above the Rollout field. The redraw kept
// focus by position, so it landed on the new condition's "Not (negate)" box:
// "25" stored 2 % (and a space would have negated it). The field must keep
// the typing, and the draft must hold what was typed.
import { assert, eventually, newModalGuide, run, saved } from './editor_session.mjs';

await run('browser: editor rollout typing', {}, async (t) => {
  const page = await t.newPage();
  await newModalGuide(t, page, 'Rollout by keyboard');
  await page.getByRole('tab', { name: 'Targeting' }).click();

  const rollout = page.getByLabel('Rollout (% of matching users)');
  await rollout.click();
  await page.keyboard.type('25', { delay: 30 });
  const focused = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.tagName);
  assert(focused === 'Rollout (% of matching users)', `focus stays in the Rollout field while typing, not on "${focused}"`);
  assert(await rollout.inputValue() === '25', `the field shows what was typed: ${await rollout.inputValue()}`);
  // The same number in the audience's condition, and nothing negated.
  assert(await page.getByLabel('Percent of users').inputValue() === '25', 'the audience condition shows 25');
  assert(!(await page.getByLabel('Not (negate)').isChecked()), 'the condition is not negated');

  // Changing it afterwards, a fraction too ("12." on the way to 12.5 was
  // redrawn as "12", so the "5" made it 125, everyone), and back to 100 %
  // (everyone again) keep the typing too.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12.5', { delay: 30 });
  assert(await rollout.inputValue() === '12.5' && await page.getByLabel('Percent of users').inputValue() === '12.5',
    `a fraction typed: ${await rollout.inputValue()} / ${await page.getByLabel('Percent of users').inputValue()}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20', { delay: 30 });
  assert(await rollout.inputValue() === '20', `edited to 20: ${await rollout.inputValue()}`);
  await saved(page);
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const call = await t.collector.login();
  const stored = async () => (await call('GET', `/api/apps/${t.collector.appId}/guides/${id}`)).guide.draft.audience;
  await eventually(async () => JSON.stringify(await stored()) === JSON.stringify({ all: [{ rollout: 20 }] }),
    'the draft stores a 20 % rollout');

  // The condition edits the same number: typing there keeps its focus and the Rollout field follows at once.
  const percent = page.getByLabel('Percent of users');
  await percent.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('40', { delay: 30 });
  const inCondition = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent);
  assert(inCondition === 'Percent of users', `focus stays in the condition, not on "${inCondition}"`);
  assert(await percent.inputValue() === '40' && await rollout.inputValue() === '40',
    `both fields show 40: ${await percent.inputValue()} / ${await rollout.inputValue()}`);
  await t.shot(page, 'editor-rollout-typing.png');

  await rollout.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100', { delay: 30 });
  const after = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent);
  assert(after === 'Rollout (% of matching users)', `focus stays in the Rollout field at 100 %, not on "${after}"`);
  await saved(page);
  await eventually(async () => {
    const audience = await stored();
    return audience === undefined || JSON.stringify(audience) === JSON.stringify({ all: [] });
  }, 'at 100 % the rollout condition is gone');
});
