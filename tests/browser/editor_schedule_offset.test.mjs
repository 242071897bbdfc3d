// The schedule's "Your time (UTC…)" hint names the offset on the chosen date
// and time, not today's: an author in Berlin scheduling a July start saw
// "UTC+01:00" in winter while the guide stored 07:00 UTC for 09:00 (+02:00,
// summer time). A January and a July date are both checked, so the test
// fails without the fix whatever the season it runs in; the hint after a
// reload follows the stored time.
import { assert, eventually, newModalGuide, run, saved } from './editor_session.mjs';

await run('browser: editor schedule offset', {}, async (t) => {
  const page = await t.newPage({ timezoneId: 'Europe/Berlin' });
  await newModalGuide(t, page, 'Summer launch');
  await page.getByRole('tab', { name: 'Targeting' }).click();

  const start = page.getByLabel('Start', { exact: true });
  const hint = async () => page.locator(`[id="${await start.getAttribute('id')}-hint"]`).textContent();
  await start.fill('2027-01-15T09:00');
  assert(await hint() === 'Your time (UTC+01:00). Empty = no limit.', `a January date: ${await hint()}`);
  await start.fill('2027-07-15T09:00');
  assert(await hint() === 'Your time (UTC+02:00). Empty = no limit.', `a July date: ${await hint()}`);
  await saved(page);

  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const call = await t.collector.login();
  await eventually(async () => (await call('GET', `/api/apps/${t.collector.appId}/guides/${id}`)).guide.draft.schedule?.start === '2027-07-15T07:00:00Z',
    'the draft stores 09:00 Berlin summer time as 07:00 UTC');
  await page.reload();
  await page.getByRole('tab', { name: 'Targeting' }).click();
  assert(await start.inputValue() === '2027-07-15T09:00', `reloaded: ${await start.inputValue()}`);
  assert(await hint() === 'Your time (UTC+02:00). Empty = no limit.', `reloaded hint: ${await hint()}`);
});
