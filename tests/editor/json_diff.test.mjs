// editor/src/editor/json_diff.ts: the version diff authors read in History.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { diffJson, authorChanges, describeValue } = await loadModule('editor/src/editor/json_diff.ts');

const step = (id, title, extra = {}) => ({ id, kind: 'tooltip', content: { en: { title } }, ...extra });
const guide = (steps, extra = {}) => ({ schema: 1, id: 'g1', version: 1, status: 'published', name: 'Tour', steps, ...extra });

test('identical documents have no changes', () => {
  const g = guide([step('a', 'A'), step('b', 'B')]);
  assert.deepEqual(diffJson(g, structuredClone(g)), []);
});

test('a nested change inside a step is reported at its full path', () => {
  const before = guide([step('a', 'A'), step('b', 'B')]);
  const after = guide([step('a', 'A'), step('b', 'B!')]);
  assert.deepEqual(diffJson(before, after), [{ kind: 'changed', path: '/steps/1/content/en/title', before: 'B', after: 'B!' }]);
});

test('steps are matched by id: a move reads as a move, not as every step changing', () => {
  const before = guide([step('a', 'A'), step('b', 'B'), step('c', 'C')]);
  const after = guide([step('c', 'C'), step('a', 'A'), step('b', 'B')]);
  assert.deepEqual(diffJson(before, after), [
    { kind: 'moved', path: '/steps/0', before: 2, after: 0 },
    { kind: 'moved', path: '/steps/1', before: 0, after: 1 },
    { kind: 'moved', path: '/steps/2', before: 1, after: 2 },
  ]);
  // Moved and edited: both are said, at the new position.
  const edited = guide([step('b', 'B2'), step('a', 'A'), step('c', 'C')]);
  assert.deepEqual(diffJson(before, edited), [
    { kind: 'moved', path: '/steps/0', before: 1, after: 0 },
    { kind: 'changed', path: '/steps/0/content/en/title', before: 'B', after: 'B2' },
    { kind: 'moved', path: '/steps/1', before: 0, after: 1 },
  ]);
});

test('a removed step names its position in the older document', () => {
  const before = guide([step('a', 'A'), step('b', 'B'), step('c', 'C')]);
  const after = guide([step('a', 'A'), step('c', 'C'), step('d', 'D')]);
  const changes = diffJson(before, after);
  assert.deepEqual(changes.find((c) => c.kind === 'removed'), { kind: 'removed', path: '/steps/1', before: before.steps[1], inOlder: true });
  assert.deepEqual(changes.find((c) => c.kind === 'added'), { kind: 'added', path: '/steps/2', after: after.steps[2] });
  assert.deepEqual(changes.find((c) => c.kind === 'moved'), { kind: 'moved', path: '/steps/1', before: 2, after: 1 });
});

test('targeting: audience conditions without ids compare by position, added and removed keys', () => {
  const before = guide([], { audience: { all: [{ attribute: 'plan', op: 'eq', value: 'pro' }, { rollout: 50 }] }, trigger: { kind: 'page_load' } });
  const after = guide([], { audience: { all: [{ attribute: 'plan', op: 'eq', value: 'team' }] }, trigger: { kind: 'page_load', pages: { include: [{ path: '/new' }] } } });
  assert.deepEqual(diffJson(before, after), [
    { kind: 'changed', path: '/audience/all/0/value', before: 'pro', after: 'team' },
    { kind: 'removed', path: '/audience/all/1', before: { rollout: 50 } },
    { kind: 'added', path: '/trigger/pages', after: { include: [{ path: '/new' }] } },
  ]);
});

test('arrays with duplicate or missing ids fall back to positions', () => {
  const before = { items: [{ id: 'x', n: 1 }, { id: 'x', n: 2 }] };
  const after = { items: [{ id: 'x', n: 2 }, { id: 'x', n: 2 }] };
  assert.deepEqual(diffJson(before, after), [{ kind: 'changed', path: '/items/0/n', before: 1, after: 2 }]);
  assert.deepEqual(diffJson({ a: [1, 2] }, { a: [1] }), [{ kind: 'removed', path: '/a/1', before: 2 }]);
});

test('a value changing type is one change, not a walk into it', () => {
  assert.deepEqual(diffJson({ s: { start: 'x' } }, { s: null }), [{ kind: 'changed', path: '/s', before: { start: 'x' }, after: null }]);
  assert.deepEqual(diffJson({ s: [1] }, { s: { 0: 1 } }), [{ kind: 'changed', path: '/s', before: [1], after: { 0: 1 } }]);
});

test('keys with "/" and "~" are escaped in the path', () => {
  assert.deepEqual(diffJson({ 'x-a/b': 1, 'c~': 1 }, { 'x-a/b': 2, 'c~': 1 }), [{ kind: 'changed', path: '/x-a~1b', before: 1, after: 2 }]);
});

test('authorChanges hides the bookkeeping publish stamps', () => {
  const before = guide([step('a', 'A')]);
  const after = { ...guide([step('a', 'A')]), version: 4, status: 'draft', id: 'g2' };
  assert.deepEqual(authorChanges(before, after), []);
  assert.equal(authorChanges(before, { ...after, name: 'Tour 2' }).length, 1);
});

test('describeValue shortens long values', () => {
  assert.equal(describeValue(undefined), '');
  assert.equal(describeValue('hi'), '"hi"');
  const long = describeValue('x'.repeat(500));
  assert.equal(long.length, 158);
  assert.ok(long.endsWith('…'));
});
