// editor/src/editor/guide_draft.ts against a scripted GuideApi: saves carry
// the revision they are based on; a 409 edit_conflict stops autosave, keeps
// every edit, and "keep mine" saves the newest text on the conflict's revision.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { GuideDraft, ApiError, editConflictOf } = await loadModule('editor/src/editor/guide_draft.ts', 'editor/src/shared/api.ts', 'editor/src/editor/guide_api.ts');

const record = (revision, draft) => ({ id: 'g1', app_id: 'a', name: 'Tour', status: 'draft', published_version: null,
  created_at_ms: 1, updated_at_ms: 1, updated_by: 'acc_me', revision, draft });
const conflictError = (revision) => new ApiError(409, 'edit_conflict', 'the guide changed', [], undefined,
  { code: 'edit_conflict', current: { revision, updated_at_ms: 1234, updated_by: 'acc_other', updated_by_email: 'other@acme.test' } });

// A GuideApi whose stored revision another author can move on.
function scriptedApi(startRevision) {
  const api = { revision: startRevision, saves: [], publishes: [], rollbacks: [], stored: null };
  const check = (revision) => { if (revision !== api.revision) throw conflictError(api.revision); };
  api.saveDraft = async (id, document, revision) => {
    api.saves.push({ revision, title: document.title });
    check(revision);
    api.stored = document;
    api.revision++;
    return { guide: record(api.revision, document), problems: [] };
  };
  api.publish = async (id, note, revision) => { api.publishes.push(revision); check(revision); api.revision++; return { version: 1 }; };
  api.rollback = async (id, version, revision) => { api.rollbacks.push(revision); check(revision); api.revision++; return { version: 2 }; };
  api.get = async () => ({ guide: record(api.revision, api.stored), problems: [] });
  return api;
}

test('each save names the revision the last answer gave', async () => {
  const api = scriptedApi(1);
  const guide = { title: 'a' };
  const draft = new GuideDraft(api, record(1, guide), guide, []);
  draft.changed();
  await draft.flush();
  guide.title = 'b';
  draft.changed();
  await draft.flush();
  assert.deepEqual(api.saves.map((s) => s.revision), [1, 2]);
  assert.equal(draft.state, 'saved');
  assert.equal(draft.record.revision, 3);
});

test('a conflict stops saving, keeps the edits, and keep mine saves the newest text', async () => {
  const api = scriptedApi(1);
  const guide = { title: 'mine' };
  const draft = new GuideDraft(api, record(1, guide), guide, []);
  api.revision = 2;  // Someone else saved meanwhile.
  draft.changed();
  await assert.rejects(draft.flush());
  assert.equal(draft.state, 'conflict');
  assert.deepEqual(draft.conflict, { revision: 2, updated_at_ms: 1234, updated_by: 'acc_other', updated_by_email: 'other@acme.test' });
  // Typing on: nothing is sent, the text is kept.
  guide.title = 'mine, more';
  draft.changed();
  await assert.rejects(draft.flush(), /someone else saved/);
  assert.equal(api.saves.length, 1);
  assert.equal(draft.state, 'conflict');
  // A publish from here never reaches the collector.
  await assert.rejects(draft.publish(''));
  assert.deepEqual(api.publishes, []);

  await draft.keepMine();
  assert.equal(draft.state, 'saved');
  assert.equal(draft.conflict, null);
  assert.deepEqual(api.saves.at(-1), { revision: 2, title: 'mine, more' });
  assert.equal(api.stored.title, 'mine, more');
  await draft.flush();  // Nothing pending.
  assert.equal(api.saves.length, 2);
});

test('discarding mine ends the conflict without saving', async () => {
  const api = scriptedApi(5);
  const guide = { title: 'mine' };
  const draft = new GuideDraft(api, record(4, guide), guide, []);
  draft.changed();
  await assert.rejects(draft.flush());
  draft.discardMine();
  assert.equal(draft.state, 'saved');
  await draft.flush();
  assert.equal(api.saves.length, 1);
});

test('publish and rollback name the revision; a stale one opens the conflict', async () => {
  const api = scriptedApi(3);
  const guide = { title: 'x' };
  const draft = new GuideDraft(api, record(3, guide), guide, []);
  await draft.publish('first');
  assert.deepEqual(api.publishes, [3]);
  assert.equal(draft.record.revision, 4, 'publish reloads the record');
  api.revision = 9;
  await assert.rejects(draft.rollback(1), (e) => editConflictOf(e)?.revision === 9);
  assert.deepEqual(api.rollbacks, [4]);
  assert.equal(draft.state, 'conflict');
});

test('editConflictOf reads only 409 edit_conflict errors with a revision', () => {
  assert.equal(editConflictOf(new ApiError(409, 'too_many_guides', 'x')), null);
  assert.equal(editConflictOf(new ApiError(428, 'precondition_required', 'x')), null);
  assert.equal(editConflictOf(new ApiError(409, 'edit_conflict', 'x', [], undefined, { current: {} })), null);
  assert.equal(editConflictOf(new Error('x')), null);
  assert.equal(editConflictOf(conflictError(7)).revision, 7);
});

test('packed() packs the document on screen, saved or not; a refusal puts its problems on the draft', async () => {
  const api = scriptedApi(1);
  const packedDocuments = [];
  api.pack = async (document) => {
    packedDocuments.push(document);
    if (!document.steps?.length) throw new ApiError(422, 'invalid_guide', 'the guide is invalid', [{ pointer: '/steps', reason: 'must have 1 to 50 steps' }]);
    return new Uint8Array([1, 2, 3]).buffer;
  };
  const guide = { title: 'unsaved', steps: [{ id: 's' }] };
  const draft = new GuideDraft(api, record(1, guide), guide, []);
  draft.changed();
  const bytes = await draft.packed(2);
  assert.deepEqual([...new Uint8Array(bytes)], [1, 2, 3]);
  assert.equal(packedDocuments[0].title, 'unsaved', 'the edit not yet saved is packed');
  assert.notEqual(packedDocuments[0], guide, 'a copy: later edits do not change what was sent');
  let heard = 0;
  draft.subscribe(() => heard++);
  guide.steps = [];
  await assert.rejects(draft.packed(2), (e) => e instanceof ApiError && e.status === 422);
  assert.deepEqual(draft.problems, [{ pointer: '/steps', reason: 'must have 1 to 50 steps' }]);
  assert.ok(heard > 0, 'listeners hear the new problems');
  api.pack = async () => { throw new ApiError(0, 'network_error', 'offline'); };
  await assert.rejects(draft.packed(2), (e) => e.code === 'network_error');
  assert.equal(draft.problems.length, 1, 'an error without problems keeps the known ones');
});

test('a refused save names its problems in the editor\'s words, never as raw pointers', async () => {
  const api = scriptedApi(1);
  const guide = { title: 'a', steps: [{ id: 'save', kind: 'tooltip' }] };
  const draft = new GuideDraft(api, record(1, guide), guide, []);
  api.saveDraft = async () => {
    throw new ApiError(400, 'invalid_json', '(document): must be an object', [{ pointer: '', reason: 'must be an object' }]);
  };
  draft.changed();
  await assert.rejects(draft.flush());
  assert.equal(draft.state, 'failed');
  assert.equal(draft.error, 'The guide: must be an object');
  api.saveDraft = async () => {
    throw new ApiError(400, 'invalid_json', 'the body was refused',
      [{ pointer: '/steps/0/target', reason: 'value nested deeper than 64 levels' }]);
  };
  draft.changed();
  await assert.rejects(draft.flush());
  assert.equal(draft.error, 'the body was refused (Step 1 (save) › target element: value nested deeper than 64 levels)');
});
