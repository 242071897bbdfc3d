// Loads the sample guides (samples/guides/*.json) into a running collector and
// publishes them, through the admin API as an editor would, and saves the
// onboarding funnel the seed data is about (samples/seed/truth.mjs), so the
// dashboard's overview shows it under Top funnels. Guides that already exist
// (same id) and a funnel already saved (same name) are left alone, so a second
// demo run changes nothing.
// Usage: node samples/load-guides.mjs --collector URL --app APP_ID --email E --password P
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminSession } from './admin_session.mjs';
import { FUNNEL_WINDOW_MS, ONBOARDING_FUNNEL } from './seed/truth.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const base = args.collector;

// The sample guides refer to each other by id (a checklist item launches the
// tour and is ticked when it is completed), so they are imported with their own
// ids (`?keep_id=1`). A guide whose id is already there is left alone.
const call = await adminSession(base, args.email, args.password);
const existing = new Set((await call('GET', `/api/apps/${args.app}/guides`)).guides.map((g) => g.id));
const files = (await readdir(join(here, 'guides'))).filter((f) => f.endsWith('.json')).sort();
for (const file of files) {
  const guide = JSON.parse(await readFile(join(here, 'guides', file), 'utf8'));
  if (existing.has(guide.id)) {
    console.log(`guide "${guide.name}": already loaded`);
    continue;
  }
  const answer = await call('POST', `/api/apps/${args.app}/guides?keep_id=1`, guide);
  if (answer.problems?.length) throw new Error(`${file}: ${JSON.stringify(answer.problems)}`);
  // Publish names the revision just created (If-Match), as every guide change must.
  await call('POST', `/api/apps/${args.app}/guides/${guide.id}/publish`, { note: 'sample guide' },
    { 'If-Match': `"${answer.guide.revision}"` });
  console.log(`guide "${guide.name}": published`);
}

const FUNNEL_NAME = 'Onboarding: sign-up to first project';
const funnels = (await call('GET', `/api/apps/${args.app}/funnels`)).funnels;
if (funnels.some((f) => f.name === FUNNEL_NAME)) {
  console.log(`funnel "${FUNNEL_NAME}": already saved`);
} else {
  await call('POST', `/api/apps/${args.app}/funnels`,
    { name: FUNNEL_NAME, query: { steps: ONBOARDING_FUNNEL, window_ms: FUNNEL_WINDOW_MS, order: 'ordered', count: 'unique_users' }, compare: null });
  console.log(`funnel "${FUNNEL_NAME}": saved`);
}
