// A collector without apps, as an admin meets it after the first install:
// the editor offers to create the first app, creates it with its write key
// and the SDK lines, and opens it; the dashboard's empty state points to the
// editor; deleting the only app leads back to the same offer.
import { assert, run } from './editor_session.mjs';

await run('browser: editor first app', {}, async (t) => {
  const { collector } = t;
  const api = await collector.login();
  // The fixture made one app: deleting it leaves a collector without apps.
  await api('DELETE', `/api/apps/${collector.appId}`, { confirm_name: 'Acme Projects' });

  const page = await t.newPage();
  await page.goto(`${collector.url}/editor/`);
  await page.getByLabel('Email').fill(collector.admin.email);
  await page.getByLabel('Password').fill(collector.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'No apps yet' }).waitFor();
  assert(await page.getByText('No apps yet', { exact: true }).count() >= 1, 'the top bar says there is no app');

  // The dashboard's empty state leads to the editor's New app page.
  await page.goto(`${collector.url}/dashboard/`);
  await page.getByRole('heading', { name: 'No app yet' }).waitFor();
  await page.getByRole('link', { name: 'in the editor' }).click();
  await page.getByRole('heading', { name: 'New app' }).waitFor();

  await page.goto(`${collector.url}/editor/`);
  await page.getByRole('link', { name: 'Create your first app' }).click();
  // A blank name is refused in place (an empty one by the browser's own check).
  await page.getByLabel('Name', { exact: true }).fill('   ');
  await page.getByRole('button', { name: 'Create app' }).click();
  await page.getByText('Give the app a name.').waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Acme CRM');
  await page.getByRole('button', { name: 'Create app' }).click();
  await page.getByRole('heading', { name: 'Acme CRM is ready' }).waitFor();
  const key = await page.locator('code.secret-value').textContent();
  const guides = await fetch(`${collector.url}/v1/guides`, { headers: { 'X-Cairn-Write-Key': key } });
  assert(guides.status === 200, `the first app's key reads guides: ${guides.status}`);
  await page.getByText('No allowed origins yet').waitFor();
  await page.getByRole('button', { name: 'Open Acme CRM' }).click();
  await page.getByText('No guides yet.').waitFor();
  assert(await page.locator('#app-switcher option:checked').textContent() === 'Acme CRM', 'the switcher shows the first app');

  // Deleting the only app: back to the offer to create one.
  await page.getByRole('link', { name: 'App settings' }).click();
  await page.getByLabel(/Type the app's name to confirm/).fill('Acme CRM');
  await page.getByRole('button', { name: 'Delete this app' }).click();
  await page.getByRole('link', { name: 'Create your first app' }).waitFor();
  const left = await api('GET', '/api/apps');
  assert(left.apps.length === 0, `no app is left: ${JSON.stringify(left)}`);
});
