// The demo's people search by email, end to end: a customer-success lead has
// a ticket from an email address and finds the person in the dashboard.
//   - someone signs up in the sample app (the real SDK, the real collector)
//     with a work email, then picks a plan (the app identifies them again):
//     the search finds them by their email, with their name, because the app
//     lists `email` in unmaskedTraits (else the SDK sends "[email]");
//   - a person of the seed data (samples/seed) is found by their email too.
// Needs scripts/build-wasm and node editor/build.mjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../samples/seed/generate.mjs';
import { assert, assertEqual, DAY, withDashboard } from './dashboard_fixture.mjs';
import { DIST, eventually } from './harness.mjs';
import { startSampleApp } from './sample_app.mjs';

const NAME = 'browser: demo people search';
if (!existsSync(join(DIST, 'cairn.js'))) {
  console.error(`${NAME}: ${DIST}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

const ANA = { name: 'Ana Lima', email: 'Ana.Lima@customer.example' };

let collectorInfo = null;
const app = await startSampleApp(() => collectorInfo);

async function load(collector) {
  collectorInfo = collector;
  await generate({ host: collector.url, writeKey: collector.writeKey, users: 20, days: 3,
    endMs: Math.floor(Date.now() / DAY) * DAY, seed: 'people', appUrl: app.url, truthFile: null }, () => {});
  return {};
}

await withDashboard(NAME, async (t) => {
  const { page } = t;
  const box = page.getByLabel('Find a person by email, name or user id');
  const rows = () => page.locator('#people-search-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  // The people whose email or name holds `q`, as the API answers.
  const found = async (q) => (await t.call('GET', t.appPath(`people?q=${encodeURIComponent(q)}`))).people;
  // Types `q` in the search box and returns the rows once its answer shows.
  const search = async (q) => {
    const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === q);
    await box.fill(q);
    await answered;
    await page.locator('section.people-search[aria-busy="false"]').waitFor();
    return rows();
  };

  // Ana signs up in the sample app, then chooses a plan on /billing.
  const acme = await t.context.newPage();
  acme.on('pageerror', (e) => t.errors.push(String(e)));
  await acme.goto(`${app.url}/signup.html`);
  await acme.fill('#signup-name', ANA.name);
  await acme.fill('#signup-email', ANA.email);
  await acme.fill('#signup-company', 'Customer Inc');
  await acme.click('[data-testid="signup-submit"]');
  await acme.waitForURL(`${app.url}/`);
  await acme.click('[data-testid="nav-billing"]');
  await acme.click('button[data-plan="team"]');
  await acme.evaluate(() => window.Cairn.flush());
  const userId = await acme.evaluate(() => JSON.parse(localStorage.getItem('acme_user')).id);
  // Three identifies (sign-up, the load of /, the plan change); the last is
  // the one the search reads, so it must carry the email too.
  const stored = async () => (await t.call('GET', t.appPath(`people/${userId}/events?limit=50`)).catch(() => ({ events: [] }))).events ?? [];
  await eventually(async () => {
    const events = await stored();
    return events.some((e) => e.event === 'Plan Selected') && events.filter((e) => e.type === 'identify').length === 3;
  }, 'the sign-up, the page load and the plan change reach the collector', 15000);
  await eventually(async () => (await found('ana.lima@')).length === 1, 'the API finds Ana by her email', 15000);
  const [api] = await found('ana.lima@');
  assertEqual([api.user_key, api.email, api.name], [userId, ANA.email, ANA.name], 'the API: her id, her email as typed, her name');

  // The CS lead types the email of her ticket, in lower case.
  await page.goto(`${t.collector.url}/dashboard/`);
  await page.getByRole('link', { name: 'People' }).click();
  await box.waitFor();
  const [row, ...others] = await search('ana.lima@customer.example');
  assertEqual(others.length, 0, 'one person matches');
  assertEqual(row.slice(0, 3), [userId, ANA.email, ANA.name], 'the dashboard: her id, her email and her name');

  // A seeded person, by the email of their sign-up.
  const seeded = (await found('.example')).filter((p) => p.user_key !== userId);
  assert(seeded.length > 5, `the seeded people have emails: ${JSON.stringify(seeded.slice(0, 3))}`);
  const person = seeded[seeded.length - 1];
  assert(/^[a-z]+\.[a-z]+\.[0-9a-f]{4}@[a-z]+\.example$/.test(person.email) && person.name,
    `a seeded person's work email and name: ${JSON.stringify(person)}`);
  const [seededRow] = await search(person.email.toUpperCase());
  assertEqual(seededRow.slice(0, 3), [person.user_key, person.email, person.name], 'a seeded person, found by email');
  await t.shot('demo-people-search.png');
}, { load, origins: [app.url] });  // exits the process, which closes the app server
