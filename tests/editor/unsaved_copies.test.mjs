// editor/src/editor/unsaved_copies.ts, unsaved_copy_keeper.ts and
// GuideDraft.restore against a fake localStorage (with a quota) and a
// scripted GuideApi: a copy exists exactly while the collector lacks the
// edits, writes are coalesced and bounded, a full storage is reported (never
// thrown), and a restored copy saves on the revision it was based on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { UnsavedCopies, UnsavedCopyKeeper, GuideDraft, ApiError } = await loadModule('editor/src/editor/unsaved_copies.ts',
  'editor/src/editor/unsaved_copy_keeper.ts', 'editor/src/editor/guide_draft.ts', 'editor/src/shared/api.ts');

// localStorage's API over a Map; setItem throws QuotaExceededError past `quota` characters in all.
function fakeStorage(quota = Infinity) {
  const map = new Map();
  const storage = {
    map, sets: 0,
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    removeItem: (k) => { map.delete(k); },
    setItem(k, v) {
      const used = [...map].reduce((n, [key, value]) => n + (key === k ? 0 : key.length + value.length), 0);
      if (used + k.length + v.length > quota) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      storage.sets++;
      map.set(k, v);
    },
  };
  return storage;
}

const ORIGIN = 'https://cairn.acme.test';
const owner = (guideId = 'g1', authorId = 'acc_me') => ({ appId: 'app1', guideId, authorId });
const copy = (guideId, at, guide = { name: guideId }, authorId = 'acc_me') =>
  ({ app_id: 'app1', guide_id: guideId, author_id: authorId, author_email: 'me@acme.test', base_revision: 3, saved_at_ms: at, guide });

test('a copy is read back by its origin, app, guide and author only', () => {
  const storage = fakeStorage();
  const copies = new UnsavedCopies(storage, ORIGIN);
  assert.equal(copies.write(copy('g1', 1000, { name: 'Tour', steps: [{ id: 's1', content: { en: { title: 'Hi' } } }] })), 'kept');
  const back = copies.read(owner());
  assert.deepEqual(back, { ...copy('g1', 1000, { name: 'Tour', steps: [{ id: 's1', content: { en: { title: 'Hi' } } }] }), origin: ORIGIN });
  assert.equal(copies.read(owner('g2')), null);
  assert.equal(copies.read(owner('g1', 'acc_other')), null);
  assert.equal(new UnsavedCopies(storage, 'https://other.test').read(owner()), null);
  copies.remove(owner());
  assert.equal(copies.read(owner()), null);
  assert.equal(storage.map.size, 0);
});

test('an unreadable copy is dropped, not offered', () => {
  const storage = fakeStorage();
  const copies = new UnsavedCopies(storage, ORIGIN);
  copies.write(copy('g1', 1));
  const [key] = storage.map.keys();
  storage.map.set(key, '{"origin": "half');
  assert.equal(copies.read(owner()), null);
  assert.equal(storage.map.size, 0);
  copies.write(copy('g1', 1));
  storage.map.set(key, JSON.stringify({ ...JSON.parse(storage.map.get(key)), guide: [1] }));
  assert.equal(copies.read(owner()), null, 'a guide that is not an object');
});

test('a copy over the size limit is refused; the copy count is bounded, oldest evicted', () => {
  const storage = fakeStorage();
  const copies = new UnsavedCopies(storage, ORIGIN, { maxChars: 400, maxCopies: 3 });
  assert.equal(copies.write(copy('big', 1, { text: 'x'.repeat(500) })), 'too_large');
  assert.equal(copies.count(), 0);
  for (const [id, at] of [['g1', 30], ['g2', 10], ['g3', 20]]) assert.equal(copies.write(copy(id, at)), 'kept');
  // Rewriting a kept copy evicts nothing.
  assert.equal(copies.write(copy('g1', 40)), 'kept');
  assert.equal(copies.count(), 3);
  // A fourth guide pushes out the oldest (g2, at 10).
  assert.equal(copies.write(copy('g4', 50)), 'kept');
  assert.deepEqual(['g1', 'g2', 'g3', 'g4'].map((g) => copies.read(owner(g)) !== null), [true, false, true, true]);
});

test('a full storage evicts the oldest other copies, then says no_room; nothing throws', () => {
  const storage = fakeStorage(1500);
  const copies = new UnsavedCopies(storage, ORIGIN);
  copies.write(copy('old', 1, { text: 'a'.repeat(300) }));
  copies.write(copy('newer', 2, { text: 'b'.repeat(300) }));
  assert.equal(copies.write(copy('g1', 3, { text: 'c'.repeat(500) })), 'kept');
  assert.equal(copies.read(owner('old')), null, 'the oldest made room');
  assert.notEqual(copies.read(owner('newer')), null, 'the newer one stayed');
  assert.equal(copies.write(copy('g2', 4, { text: 'd'.repeat(1600) })), 'no_room');
  assert.equal(copies.read(owner('g2')), null);

  const refusing = { ...fakeStorage(), setItem() { throw new Error('SecurityError'); } };
  assert.equal(new UnsavedCopies(refusing, ORIGIN).write(copy('g1', 1)), 'unavailable');
  const none = new UnsavedCopies(null, ORIGIN);
  assert.equal(none.write(copy('g1', 1)), 'unavailable');
  assert.equal(none.read(owner()), null);
  none.remove(owner());
});

const record = (revision, draft) => ({ id: 'g1', app_id: 'app1', name: 'Tour', status: 'draft', published_version: null,
  created_at_ms: 1, updated_at_ms: 1, updated_by: 'acc_me', revision, draft });
const conflictError = (revision) => new ApiError(409, 'edit_conflict', 'the guide changed', [], undefined,
  { code: 'edit_conflict', current: { revision, updated_at_ms: 1234, updated_by: 'acc_other', updated_by_email: 'other@acme.test' } });

// A collector that can go offline and whose revision another author can move on.
function scriptedApi(startRevision) {
  const api = { revision: startRevision, offline: false, saves: [], stored: null };
  api.saveDraft = async (id, document, revision) => {
    api.saves.push({ revision, document });
    if (api.offline) throw new ApiError(0, 'network_error', 'The collector cannot be reached.');
    if (revision !== api.revision) throw conflictError(api.revision);
    api.stored = document;
    api.revision++;
    return { guide: record(api.revision, document), problems: [] };
  };
  api.publish = async () => { api.revision++; return { version: 1 }; };
  api.get = async () => ({ guide: record(api.revision, api.stored), problems: [] });
  return api;
}

// window/document stand-ins that can fire pagehide / visibilitychange.
function fakeLifecycle() {
  const target = () => {
    const listeners = new Map();
    return {
      listeners,
      addEventListener: (type, fn) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
      removeEventListener: (type, fn) => listeners.set(type, (listeners.get(type) ?? []).filter((f) => f !== fn)),
      fire: (type) => (listeners.get(type) ?? []).forEach((fn) => fn()),
    };
  };
  return { window: target(), document: target() };
}

function keeperOn(api, revision, guide, storage = fakeStorage(), { start = true } = {}) {
  const draft = new GuideDraft(api, record(revision, guide), guide, []);
  const copies = new UnsavedCopies(storage, ORIGIN);
  const problems = [];
  const keeper = new UnsavedCopyKeeper(draft, copies, { ...owner(), authorEmail: 'me@acme.test' }, (p) => problems.push(p),
    { delayMs: 20, now: () => 5000 });
  const lifecycle = fakeLifecycle();
  if (start) keeper.start(lifecycle);
  return { draft, copies, keeper, lifecycle, problems, storage };
}

test('edits are copied once after a pause, and the copy goes once the collector has them', async () => {
  const api = scriptedApi(1);
  const guide = { name: 'Tour', steps: [{ id: 's1', content: { en: { title: 'a' } } }] };
  const { draft, copies, storage } = keeperOn(api, 1, guide);
  for (const title of ['ab', 'abc', 'abcd']) {
    guide.steps[0].content.en.title = title;
    draft.changed();
  }
  assert.equal(storage.sets, 0, 'nothing written on the keystroke itself');
  await sleep(60);
  assert.equal(storage.sets, 1, 'three edits, one write');
  const kept = copies.read(owner());
  assert.equal(kept.guide.steps[0].content.en.title, 'abcd');
  assert.equal(kept.base_revision, 1);
  assert.equal(kept.saved_at_ms, 5000);
  assert.equal(kept.author_email, 'me@acme.test');
  await draft.flush();
  assert.equal(api.stored.steps[0].content.en.title, 'abcd');
  assert.equal(copies.read(owner()), null, 'saved: the copy is gone');
});

test('pagehide and a hidden page write the last edit at once; leaving writes it too', async () => {
  const api = scriptedApi(1);
  const guide = { name: 'Tour' };
  const { draft, copies, lifecycle, keeper } = keeperOn(api, 1, guide);
  guide.name = 'Tour, renamed';
  draft.changed();
  lifecycle.window.fire('pagehide');
  assert.equal(copies.read(owner()).guide.name, 'Tour, renamed');
  guide.name = 'Tour, hidden';
  draft.changed();
  lifecycle.document.fire('visibilitychange');
  assert.equal(copies.read(owner()).guide.name, 'Tour, hidden');
  guide.name = 'Tour, left';
  draft.changed();
  api.offline = true;
  keeper.stop();
  assert.equal(copies.read(owner()).guide.name, 'Tour, left');
  assert.equal(lifecycle.window.listeners.get('pagehide').length, 0, 'listeners removed on leaving');
  await assert.rejects(draft.flush());
  assert.equal(copies.read(owner()).guide.name, 'Tour, left', 'a failed last save keeps the copy');
});

test('a failed save and a conflict keep the copy; discarding removes it', async () => {
  const api = scriptedApi(1);
  api.offline = true;
  const guide = { name: 'mine' };
  const { draft, copies } = keeperOn(api, 1, guide);
  draft.changed();
  await assert.rejects(draft.flush());
  await sleep(40);
  assert.equal(draft.state, 'failed');
  assert.equal(copies.read(owner()).guide.name, 'mine');

  api.offline = false;
  api.revision = 2;  // Someone else saved meanwhile.
  guide.name = 'mine, more';
  draft.changed();
  await assert.rejects(draft.flush());
  await sleep(40);
  assert.equal(draft.state, 'conflict');
  const kept = copies.read(owner());
  assert.equal(kept.guide.name, 'mine, more');
  assert.equal(kept.base_revision, 1, 'the copy is based on the revision this editor saw');
  draft.discardMine();
  assert.equal(copies.read(owner()), null);
});

test('a storage that cannot keep the copy is reported once, never thrown', async () => {
  const api = scriptedApi(1);
  api.offline = true;
  const guide = { name: 'x'.repeat(200) };
  const { draft, problems } = keeperOn(api, 1, guide, fakeStorage(100));
  draft.changed();
  await sleep(40);
  guide.name += '!';
  draft.changed();
  await sleep(40);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /storage is full/);
  await assert.rejects(draft.flush());
});

test('a restored copy saves on its base revision: at once when nobody saved since, else the conflict asks', async () => {
  const api = scriptedApi(4);
  api.stored = { name: 'server' };
  const guide = { name: 'server', steps: [] };
  const { draft, copies } = keeperOn(api, 4, guide);
  draft.restore({ name: 'restored', theme: { accent: '#123456' } }, 4);
  assert.deepEqual(guide, { name: 'restored', theme: { accent: '#123456' } }, 'the document is replaced in place');
  assert.equal(draft.state, 'unsaved');
  await draft.flush();
  assert.deepEqual(api.saves.at(-1), { revision: 4, document: { name: 'restored', theme: { accent: '#123456' } } });
  assert.equal(copies.read(owner()), null);

  // The copy was made on revision 2; the guide is at 5 now.
  const other = keeperOn(api, api.revision, { name: 'theirs' });
  other.draft.restore({ name: 'mine from before' }, 2);
  await assert.rejects(other.draft.flush());
  assert.equal(other.draft.state, 'conflict');
  assert.equal(api.stored.name, 'restored', 'nothing overwritten');
  await sleep(40);
  assert.equal(other.copies.read(owner()).guide.name, 'mine from before');
  await other.draft.keepMine();
  assert.equal(api.stored.name, 'mine from before');
  assert.equal(other.copies.read(owner()), null);
});

test('a copy offered back stays stored from restore until the collector has it', async () => {
  const api = scriptedApi(7);
  const storage = fakeStorage();
  new UnsavedCopies(storage, ORIGIN).write({ ...copy('g1', 100, { name: 'kept' }), base_revision: 6 });
  const { draft, copies, keeper, lifecycle } = keeperOn(api, 7, { name: 'server' }, storage, { start: false });
  const offered = copies.read(owner());
  // As the guide page does: restore, then keep.
  draft.restore(offered.guide, offered.base_revision);
  keeper.start(lifecycle);
  assert.equal(copies.read(owner()).saved_at_ms, 100, 'the old copy is not dropped before the new one is written');
  await assert.rejects(draft.flush());
  assert.equal(draft.state, 'conflict');
  lifecycle.window.fire('pagehide');
  assert.deepEqual([copies.read(owner()).saved_at_ms, copies.read(owner()).base_revision], [5000, 6]);
  await draft.keepMine();
  assert.equal(api.stored.name, 'kept');
  assert.equal(copies.count(), 0);
});
