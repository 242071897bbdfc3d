// The editor and the dashboard opened before logging in (and again after
// logging out) show the login form without a single console error: they ask
// GET /api/session, whose "not logged in" is an answer ({"account": null}),
// not GET /api/me's 401, which the browser logged as "Failed to load
// resource: ... 401 (Unauthorized)" on every first visit. The shared test
// set-up lets "Failed to load resource" through; here nothing is let through.
import { assert, run } from './editor_session.mjs';

await run('browser: editor first load', {}, async (t) => {
  const { collector } = t;
  const page = await t.newPage();
  const logged = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logged.push(`${m.type()}: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) logged.push(`${r.status()} ${r.url()}`); });

  for (const product of ['editor', 'dashboard']) {
    await page.goto(`${collector.url}/${product}/`);
    await page.getByLabel('Password').waitFor();
    assert(logged.length === 0, `${product} before login: ${logged.join(' | ')}`);
  }

  await page.getByLabel('Email').fill(collector.admin.email);
  await page.getByLabel('Password').fill(collector.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  // Logged in, a reload enters at once (the session answers with the account).
  await page.reload();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Password').waitFor();
  assert(logged.length === 0, `after logging in and out: ${logged.join(' | ')}`);

  const answer = await fetch(`${collector.url}/api/session`);
  assert(answer.status === 200, `GET /api/session without a session: ${answer.status}`);
  assert(JSON.stringify(await answer.json()) === '{"account":null}', 'without a session the account is null');
});
