// The words of the reliability verdict under a picked target:
// editor/src/editor/target_reliability.ts, from a check's `anchors` and
// `look_alikes` (docs/editor-bridge.md). No verdict at all when the answer
// cannot support one (an older SDK, an element not on the page).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { reliabilityVerdict } = await loadModule('editor/src/editor/target_reliability.ts');

const found = (anchors, lookAlikes = 0) => ({ step_id: '', status: 'found', confidence: 1, anchors, look_alikes: lookAlikes });

test('an element with a test id is reliable, named by it', () => {
  assert.deepEqual(reliabilityVerdict(found({ test_id: 'new-project' })),
    { level: 'reliable', text: 'Reliable: found by its test id “new-project”.' });
  assert.equal(reliabilityVerdict(found({ test_id: 'new-project', id: 'new-project' })).text,
    'Reliable: found by its test id “new-project” and its id “new-project”.');
  assert.equal(reliabilityVerdict(found({ name: 'email' })).text, 'Reliable: found by its field name “email”.');
  assert.equal(reliabilityVerdict(found({ aria_key: 'k' })).text, 'Reliable: found by its aria key “k”.',
    'a kind a newer SDK adds is shown with its own name');
  assert.equal(reliabilityVerdict(found({ id: 'x'.repeat(100) })).text, `Reliable: found by its id “${'x'.repeat(39)}…”.`);
});

test('an element without anchors is fragile, and says what to ask for', () => {
  const verdict = reliabilityVerdict(found({}));
  assert.equal(verdict.level, 'fragile');
  assert.equal(verdict.text, 'Fragile: this element has no id or test id Cairn can rely on, so Cairn finds it by its text and place. ' +
    'If it is removed and a similar element takes its place, the step could point at that one. ' +
    'Ask a developer to add data-testid (or an id) to it.');
});

test('look-alikes told apart only by their neighbours make it ambiguous', () => {
  const three = reliabilityVerdict(found({}, 3));
  assert.equal(three.level, 'ambiguous');
  assert.match(three.text, /^Ambiguous: 3 other elements on this page look like it; Cairn tells them apart by their neighbours\. /);
  assert.match(three.text, /Ask a developer to add data-testid \(or an id\) to it\.$/);
  assert.match(reliabilityVerdict(found({}, 1)).text, /^Ambiguous: 1 other element on this page looks like it;/);
});

test('a page where the locator cannot decide says the step would not show', () => {
  const verdict = reliabilityVerdict({ ...found({}, 2), status: 'ambiguous' });
  assert.equal(verdict.level, 'ambiguous');
  assert.match(verdict.text, /^Ambiguous: Cairn cannot tell this element from 2 other elements on this page, so the step would not show here\./);
  assert.match(reliabilityVerdict({ ...found({ test_id: 't' }, 0), status: 'ambiguous' }).text, /from another element on this page/);
});

test('an element the locator misses on the very page it was picked on is fragile', () => {
  const missing = { step_id: '', status: 'missing', confidence: 0.4 };
  assert.deepEqual(reliabilityVerdict(missing, { picked: true }), { level: 'fragile',
    text: 'Fragile: Cairn cannot find this element even on this page: too little names it. ' +
      'Pick an element with a text or label of its own, or ask a developer to add data-testid (or an id) to it.' });
  assert.equal(reliabilityVerdict(missing), null, 'missing from the page open now (Show in app) is no verdict on the element');
});

test('no verdict rather than a wrong one', () => {
  assert.equal(reliabilityVerdict(undefined), null, 'an older SDK sends no check with its pick');
  assert.equal(reliabilityVerdict({ step_id: '', status: 'found', confidence: 1 }), null, 'an older SDK: a check without the fields');
  assert.equal(reliabilityVerdict({ step_id: '', status: 'found', confidence: 1, anchors: { test_id: 'x' } }), null, 'anchors without look_alikes');
  for (const status of ['missing', 'no_target', 'other_page']) {
    assert.equal(reliabilityVerdict({ ...found({ test_id: 'x' }), status }), null, `${status}: nothing to judge here`);
  }
  assert.equal(reliabilityVerdict(found(['test_id'])), null, 'anchors in another shape');
  assert.equal(reliabilityVerdict(found({ test_id: 5 })), null, 'a value that is not a string');
  assert.equal(reliabilityVerdict(found({ test_id: '' })), null, 'an empty value');
  assert.equal(reliabilityVerdict(found({}, -1)), null);
  assert.equal(reliabilityVerdict(found({}, 1.5)), null);
});
