// Loads the sample guides (samples/guides/*.json) into a running collector and
// publishes them, through the admin API as an editor would. Guides that already
// exist (same name) are left alone, so a second demo run changes nothing.
// Usage: node samples/load-guides.mjs --collector URL --app APP_ID --email E --password P
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminSession } from './admin_session.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const base = args.collector;

// The collector assigns guide ids, so references between the sample guides
// (a checklist item launching the tour, ticked when it is completed) are
// rewritten from the sample ids to the assigned ones before publishing.
function withGuideIds(guide, idOf) {
  const map = (id) => idOf.get(id) ?? id;
  for (const step of guide.steps ?? []) {
    for (const item of step.items ?? []) {
      if (item.guide_id) item.guide_id = map(item.guide_id);
      if (item.completed_by_guide) item.completed_by_guide = map(item.completed_by_guide);
    }
    for (const content of Object.values(step.content ?? {})) {
      for (const button of content.buttons ?? []) if (button.guide_id) button.guide_id = map(button.guide_id);
    }
  }
  return guide;
}

const call = await adminSession(base, args.email, args.password);
const existing = new Map((await call('GET', `/api/apps/${args.app}/guides`)).guides.map((g) => [g.name, g.id]));
const files = (await readdir(join(here, 'guides'))).filter((f) => f.endsWith('.json')).sort();
const samples = await Promise.all(files.map(async (file) => ({ file, guide: JSON.parse(await readFile(join(here, 'guides', file), 'utf8')) })));
const idOf = new Map();
const created = [];
for (const { file, guide } of samples) {
  if (existing.has(guide.name)) {
    idOf.set(guide.id, existing.get(guide.name));
    console.log(`guide "${guide.name}": already loaded`);
    continue;
  }
  const answer = await call('POST', `/api/apps/${args.app}/guides`, guide);
  if (answer.problems?.length) throw new Error(`${file}: ${JSON.stringify(answer.problems)}`);
  idOf.set(guide.id, answer.guide.id);
  created.push({ guide, id: answer.guide.id });
}
for (const { guide, id } of created) {
  const before = JSON.stringify(guide);
  const linked = withGuideIds(guide, idOf);
  if (JSON.stringify(linked) !== before) await call('PUT', `/api/apps/${args.app}/guides/${id}/draft`, { ...linked, id });
  await call('POST', `/api/apps/${args.app}/guides/${id}/publish`, { note: 'sample guide' });
  console.log(`guide "${guide.name}": published`);
}
