// samples/load-guides.mjs on a demo data dir from an earlier version, against
// the real collector: a sample guide the user never touched is brought up to
// the current sample file (before, "already loaded" kept the old one for good,
// such as the old project-key hint whose audience let its dot sit beside the
// restarted tour); a sample guide the user edited (published from the editor,
// or a draft change not yet published) or archived is left exactly as it is;
// and a second run changes nothing.
// Usage: node tests/integration/seed/load_guides.test.mjs [path/to/cairn-collector]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { adminSession } from '../../../samples/admin_session.mjs';
import { collectorTest } from '../collector_process.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const COLLECTOR = resolve(process.argv[2] ?? join(ROOT, 'build/release/collector/cairn-collector'));
const NAME = 'integration.seed: load-guides updates untouched sample guides only';

const failures = [];
function check(condition, message) { if (!condition) failures.push(message); }
const sampleFile = (id) => JSON.parse(readFileSync(join(ROOT, 'samples/guides', `${id}.json`), 'utf8'));

const test = collectorTest(NAME, COLLECTOR, { timeoutMs: 110000 });
try {
  const admin = test.cli('create-admin', '--email', 'admin@acme.test');
  const app = test.cli('create-app', '--name', 'Acme Projects', '--origin', 'http://127.0.0.1:8400');
  const url = await test.serve();
  const api = await adminSession(url, admin.email, admin.password);
  const guides = `/api/apps/${app.app_id}/guides`;
  const ifMatch = (revision) => ({ 'If-Match': `"${revision}"` });

  // What an earlier loader left: the samples of its day, published with its note.
  async function loadOld(document) {
    const created = await api('POST', `${guides}?keep_id=1`, document);
    return (await api('POST', `${guides}/${document.id}/publish`, { note: 'sample guide' }, ifMatch(created.guide.revision))).guide;
  }
  // The key hint before 45a900e: its audience let the dot sit beside the restarted tour.
  const oldHint = { ...sampleFile('project-key-hint'), audience: { any: [
    { rollout: 20, salt: 'first-project-tour/experiment' },
    { not: { guide: 'first-project-tour', history: 'seen' } },
    { guide: 'first-project-tour', history: 'completed' },
    { guide: 'first-project-tour', history: 'dismissed' },
  ] } };
  await loadOld(oldHint);
  // Old samples the user then made their own in the editor.
  const oldBanner = { ...sampleFile('reports-banner'), priority: 3 };
  let banner = await loadOld(oldBanner);
  banner = (await api('PUT', `${guides}/reports-banner/draft`, { ...oldBanner, name: 'Our own banner' }, ifMatch(banner.revision))).guide;
  await api('POST', `${guides}/reports-banner/publish`, { note: 'our wording' }, ifMatch(banner.revision));
  const oldSurvey = { ...sampleFile('nps-survey'), priority: 3 };
  const survey = await loadOld(oldSurvey);
  await api('PUT', `${guides}/nps-survey/draft`, { ...oldSurvey, name: 'NPS, being edited' }, ifMatch(survey.revision));
  const checklist = await loadOld({ ...sampleFile('onboarding-checklist'), priority: 3 });
  await api('POST', `${guides}/onboarding-checklist/archive`, {}, ifMatch(checklist.revision));
  // first-project-tour: not there yet (added by a later version).

  const before = new Map((await api('GET', guides)).guides.map((g) => [g.id, g]));
  const load = () => execFileSync(process.execPath, [join(ROOT, 'samples/load-guides.mjs'), '--collector', url, '--app', app.app_id,
    '--email', admin.email, '--password', admin.password], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const said = load();
  const after = new Map((await api('GET', guides)).guides.map((g) => [g.id, g]));
  const published = async (id) => {
    const { guide } = await api('GET', `${guides}/${id}`);
    return (await api('GET', `${guides}/${id}/versions/${guide.published_version}`)).version;
  };

  // The untouched old hint is now the current sample, as a new version.
  const hint = await published('project-key-hint');
  check(hint.version === 2 && hint.note === 'sample guide', `the old hint is republished: version ${hint.version}, note "${hint.note}"`);
  check(JSON.stringify(hint.guide.audience) === JSON.stringify(sampleFile('project-key-hint').audience),
    `the hint's audience is the current sample's: ${JSON.stringify(hint.guide.audience)}`);
  const hintDraft = (await api('GET', `${guides}/project-key-hint`)).guide.draft;
  check(JSON.stringify(hintDraft.audience) === JSON.stringify(hint.guide.audience), 'the hint\'s draft is the published sample (no unpublished change)');
  check(/"Hint: the project key field": updated/.test(said), `the loader says it updated the hint:\n${said}`);

  // The user's guides: not one change.
  for (const id of ['reports-banner', 'nps-survey', 'onboarding-checklist']) {
    check(after.get(id).revision === before.get(id).revision, `${id} is left as the user left it (revision ${before.get(id).revision} -> ${after.get(id).revision})`);
  }
  check(after.get('reports-banner').name === 'Our own banner' && after.get('nps-survey').name === 'NPS, being edited',
    'the user\'s names stay');
  check(after.get('onboarding-checklist').status === 'archived', 'the archived sample stays archived');
  check(/left as it is/.test(said), `the loader says which guides it left alone:\n${said}`);
  // A sample the old data dir lacked is loaded.
  check(after.get('first-project-tour')?.published_version === 1, 'the new sample guide is published');

  // A second run: nothing to do.
  const again = load();
  const third = new Map((await api('GET', guides)).guides.map((g) => [g.id, g]));
  for (const [id, g] of after) check(third.get(id).revision === g.revision, `${id} unchanged by a second run`);
  check(!/: (updated to|published$)/m.test(again), `a second run changes no guide:\n${again}`);
} catch (e) {
  failures.push(e.stack ?? String(e));
}
await test.finish(failures);
