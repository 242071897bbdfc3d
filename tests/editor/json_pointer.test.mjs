// editor/src/shared/json_pointer.ts: RFC 6901 escaping both ways.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { toPointer, fromPointer, parentPointer } = await loadModule('editor/src/shared/json_pointer.ts');

test('plain paths and array indexes', () => {
  assert.equal(toPointer([]), '');
  assert.equal(toPointer(['steps', 0, 'target']), '/steps/0/target');
  assert.deepEqual(fromPointer('/steps/0/target'), ['steps', '0', 'target']);
});

test('"~" is ~0 and "/" is ~1, in that order both ways', () => {
  assert.equal(toPointer(['a/b', 'c~d']), '/a~1b/c~0d');
  // "~1" as a key: the "~" is escaped first, so it does not read back as "/".
  assert.equal(toPointer(['~1']), '/~01');
  assert.deepEqual(fromPointer('/~01'), ['~1']);
  assert.deepEqual(fromPointer('/a~1b/c~0d'), ['a/b', 'c~d']);
  assert.deepEqual(fromPointer('/~0~1'), ['~/']);
});

test('every awkward key survives a round trip', () => {
  const keys = ['', ' ', '~', '/', '~~//', '~0', '~1', 'en-US', 'ü/ß', '0', 'a\u0000b'];
  for (const key of keys) assert.deepEqual(fromPointer(toPointer(['x', key, 7])), ['x', key, '7'], JSON.stringify(key));
});

test('empty keys and the root', () => {
  assert.deepEqual(fromPointer(''), []);
  assert.deepEqual(fromPointer('/'), ['']);
  assert.deepEqual(fromPointer('//'), ['', '']);
  assert.equal(toPointer(['']), '/');
});

test('parentPointer walks up one level; the root has none', () => {
  assert.equal(parentPointer('/steps/0/target'), '/steps/0');
  assert.equal(parentPointer('/steps'), '');
  assert.equal(parentPointer('/a~1b/c'), '/a~1b');
  assert.equal(parentPointer(''), null);
});
