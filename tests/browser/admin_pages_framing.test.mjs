// Clickjacking: a page of another origin on the same site (another port of
// 127.0.0.1 here; app.example.com next to cairn.example.com in production)
// gets the SameSite=Strict session cookie when it frames the editor or the
// dashboard, so it could lay them out under decoys and have a logged-in admin
// click Publish or Delete. The collector refuses to be framed
// (frame-ancestors 'none', X-Frame-Options: DENY; docs/api.md#static-files).
import { createServer } from 'node:http';
import { assert, run } from './editor_session.mjs';

await run('browser: admin pages framing', {}, async (t) => {
  const { collector } = t;
  const page = await t.newPage();
  await t.logIn(page, collector.admin.email, collector.admin.password);

  const decoy = createServer((request, response) => {
    const path = request.url === '/dashboard' ? '/dashboard/' : '/editor/';
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<!doctype html><title>Win a prize</title><iframe src="${collector.url}${path}" width="900" height="600"></iframe>`);
  });
  await new Promise((resolve) => decoy.listen(0, '127.0.0.1', resolve));
  t.onCleanup(() => new Promise((resolve) => decoy.close(resolve)));

  // A second tab of the logged-in browser: its console reports the refusal,
  // which is the expected outcome here, not a page error.
  const attacker = await page.context().newPage();
  for (const path of ['/editor', '/dashboard']) {
    const framed = attacker.waitForEvent('response', { predicate: (r) => r.url() === `${collector.url}${path}/`, timeout: 8000 });
    await attacker.goto(`http://127.0.0.1:${decoy.address().port}${path}`);
    await framed;
    const frame = attacker.frames().find((f) => f !== attacker.mainFrame());
    assert(frame, `${path}: the decoy page has its frame`);
    // A refused frame holds the browser's error page, never the collector's.
    const loaded = await frame.evaluate(() => !!document.querySelector('#root')).catch(() => false);
    assert(!loaded, `${path}: another origin of the same site framed the page of a logged-in admin`);
  }
  // The pages still work for the admin under their Content-Security-Policy
  // (a blocked script or style would show up as a page error).
  await page.goto(`${collector.url}/dashboard/`);
  await page.locator('.dashboard-tabs').waitFor();
});
