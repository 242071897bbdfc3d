// Loads the sample guides (samples/guides/*.json) into a running collector and
// publishes them, through the admin API as an editor would, and saves the
// onboarding funnel the seed data is about (samples/seed/truth.mjs), so the
// dashboard's overview shows it under Top funnels. A funnel already saved
// (same name) is left alone, so a second demo run changes nothing there.
//
// A sample guide already loaded (same id) is brought up to the current file
// when nobody changed it since the loader published it: a demo data dir from
// an earlier version kept the old sample guides for good (the old project-key
// hint, say, whose dot sat beside the restarted tour). "Nobody changed it"
// means: it is published, its newest version is the one users get and was
// published by this loader (note SAMPLE_NOTE; a publish from the editor has
// the author's note, a rollback "rollback to version N"), and its draft has
// no unpublished change. Anything else (edited, republished, rolled back,
// archived) is the user's and is never overwritten.
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
// The publish note that marks a version as this loader's (every earlier
// version of the loader used it too).
const SAMPLE_NOTE = 'sample guide';

// A guide document as a comparable string: keys sorted, without the fields
// the collector sets (id, version, status).
function content(document) {
  const sorted = (value) => (Array.isArray(value) ? value.map(sorted)
    : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])])) : value);
  const { id, version, status, ...rest } = document ?? {};
  return JSON.stringify(sorted(rest));
}

// The sample guides refer to each other by id (a checklist item launches the
// tour and is ticked when it is completed), so they are imported with their own
// ids (`?keep_id=1`).
const call = await adminSession(base, args.email, args.password);
const guides = `/api/apps/${args.app}/guides`;
// Publish names the revision it publishes (If-Match), as every guide change must.
const publish = (id, revision) => call('POST', `${guides}/${id}/publish`, { note: SAMPLE_NOTE }, { 'If-Match': `"${revision}"` });

// 'unchanged' when the stored guide is as the loader left it (above), with
// its published document; else why it is the user's.
async function loaderState(id) {
  const { guide } = await call('GET', `${guides}/${id}`);
  if (guide.status !== 'published') return { state: `${guide.status} in the editor`, guide };
  const newest = (await call('GET', `${guides}/${id}/versions`)).versions[0];
  if (!newest || newest.version !== guide.published_version || newest.note !== SAMPLE_NOTE) {
    return { state: 'published from the editor', guide };
  }
  const published = (await call('GET', `${guides}/${id}/versions/${newest.version}`)).version.guide;
  if (content(guide.draft) !== content(published)) return { state: 'changed in the editor', guide };
  return { state: 'unchanged', guide, published };
}

const existing = new Set((await call('GET', guides)).guides.map((g) => g.id));
const files = (await readdir(join(here, 'guides'))).filter((f) => f.endsWith('.json')).sort();
for (const file of files) {
  const sample = JSON.parse(await readFile(join(here, 'guides', file), 'utf8'));
  if (!existing.has(sample.id)) {
    const answer = await call('POST', `${guides}?keep_id=1`, sample);
    if (answer.problems?.length) throw new Error(`${file}: ${JSON.stringify(answer.problems)}`);
    await publish(sample.id, answer.guide.revision);
    console.log(`guide "${sample.name}": published`);
    continue;
  }
  const { state, guide, published } = await loaderState(sample.id);
  if (state !== 'unchanged') {
    console.log(`guide "${guide.name}": ${state}, left as it is`);
  } else if (content(published) === content(sample)) {
    console.log(`guide "${sample.name}": already loaded`);
  } else {
    // An earlier sample: the new one becomes the draft, then version N+1.
    const saved = await call('PUT', `${guides}/${sample.id}/draft`, sample, { 'If-Match': `"${guide.revision}"` });
    if (saved.problems?.length) throw new Error(`${file}: ${JSON.stringify(saved.problems)}`);
    const { version } = await publish(sample.id, saved.guide.revision);
    console.log(`guide "${sample.name}": updated to this version's sample (version ${version.version})`);
  }
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
