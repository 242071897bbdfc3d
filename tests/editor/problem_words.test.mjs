// The words problems are shown in: editor/src/editor/problem_labels.ts
// reasonWords (the codec's format values as the editor's controls name them)
// and editor/src/shared/notices.ts describeError (a refused request's
// problems, never as raw pointers).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { reasonWords } = await loadModule('editor/src/editor/problem_labels.ts');
const { describeError, pointerWords } = await loadModule('editor/src/shared/notices.ts');

test('operators, kinds and field names in a reason read as the editor shows them', () => {
  assert.equal(reasonWords('must be a non-empty array for op in'), 'must be a non-empty array for the operator "is one of"');
  assert.equal(reasonWords('must be a string for op starts_with'), 'must be a string for the operator "starts with"');
  assert.equal(reasonWords('not allowed for op absent'), 'not allowed for the operator "absent"');
  assert.equal(reasonWords('must be top, bottom or auto for kind banner'), 'must be top, bottom or auto for a banner');
  assert.equal(reasonWords('must include at least one URL rule for kind url_change'), 'must include at least one URL rule for a url change');
  assert.equal(reasonWords('must not be less than at_least (3)'), 'must not be less than "at least" (3)');
  assert.equal(reasonWords('must start with "/"'), 'must start with "/"', 'a reason without format words is kept as it is');
});

// The codec's range for within_ms / window_ms is in ms; the editor shows
// those fields in days, where "between 1 and 31622400000" meant nothing.
test('a duration the editor shows in days has its range in days', () => {
  assert.equal(reasonWords('must be between 1 and 31622400000', '/audience/all/0/within_ms'), 'must be more than 0 and at most 366 days');
  assert.equal(reasonWords('must be between 1 and 31622400000', '/frequency/window_ms'), 'must be more than 0 and at most 366 days');
  assert.equal(reasonWords('must be between 0 and 60000', '/trigger/delay_ms'), 'must be between 0 and 60000', 'a field in ms keeps ms');
});

test('a refused request names its problems in words', () => {
  const refusal = (message, problems) => Object.assign(new Error(message), { code: 'invalid_json', problems });
  assert.equal(pointerWords(''), 'the request');
  assert.equal(pointerWords('/steps/0/event_name'), 'steps › 1 › event name');
  assert.equal(describeError(refusal('(document): must be an object', [{ pointer: '', reason: 'must be an object' }])),
    'the request: must be an object', 'the raw summary is replaced, not repeated');
  assert.equal(describeError(refusal('the funnel was refused', [{ pointer: '/steps/1', reason: 'must be an object' }])),
    'the funnel was refused (steps › 2: must be an object)');
  const many = [1, 2, 3, 4, 5].map((i) => ({ pointer: `/a${i}`, reason: `bad ${i}` }));
  assert.equal(describeError(refusal('/a1: bad 1; /a2: bad 2', many)), 'a1: bad 1; a2: bad 2; a3: bad 3; and 2 more');
  assert.equal(describeError(refusal('x', [{ pointer: '/b', reason: 'y' }]), (p) => `field ${p}`), 'x (field /b: y)');
  assert.equal(describeError(new Error('offline')), 'offline');
});
