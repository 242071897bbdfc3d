// A user-attribute condition's value takes the type the app sends the
// attribute as (editor/src/editor/trait_types.ts): audiences compare without
// coercion, so "42" typed for a trait the app sends as the number 42 would
// never match anyone. Drives the real audience editor on the fake DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { audienceEditor } = await loadModule('editor/src/editor/audience_editor.ts');
const { traitValueType, valueTypeWarning } = await loadModule('editor/src/editor/trait_types.ts');

const catalog = {
  traits: [{ key: 'seats', examples: [42, 10] }, { key: 'beta', examples: [true] }, { key: 'plan', examples: ['pro', 'free'] },
    { key: 'mixed', examples: [1, 'one'] }],
  events: [], pages: [],
};

function context() {
  return { catalog, readOnly: false, draft: { changed() {}, clearProblemsAt() {} }, fields: { register() {} }, guides: [] };
}

// The <input> under the label `label`, and its 'input' listener called with `text`.
function type(root, label, text) {
  const field = root.descendants().find((el) => el.tagName === 'DIV' && el.children.some((c) => c.tagName === 'LABEL' && c.textContent === label));
  assert.ok(field, `no field labelled ${label}`);
  const input = field.children.find((c) => c.tagName === 'INPUT');
  input.value = text;
  for (const [kind, listener] of input.listeners) if (kind === 'input') listener();
  return field;
}

function conditionTyped(attribute, op, text) {
  const guide = { audience: { all: [{ attribute, op, value: op === 'in' ? [] : '' }] } };
  const root = audienceEditor(context(), guide, () => {});
  type(root, op === 'in' ? 'Values (comma-separated)' : 'Value', text);
  return guide.audience.all[0].value;
}

test('a value typed for a trait the app sends as a number is a number', () => {
  assert.equal(conditionTyped('seats', 'eq', '42'), 42);
  assert.equal(conditionTyped('seats', 'gt', '10'), 10);
  assert.deepEqual(conditionTyped('seats', 'in', '5, 10'), [5, 10]);
});

test('a number field stays a number while it is retyped', () => {
  // A value chosen as a number, cleared and typed again; a minus sign first.
  for (const attribute of ['seats', 'never-sent']) {
    const guide = { audience: { all: [{ attribute, op: 'lt', value: 5 }] } };
    const root = audienceEditor(context(), guide, () => {});
    type(root, 'Value', '');
    type(root, 'Value', '7');
    assert.equal(guide.audience.all[0].value, 7, `${attribute}: cleared and retyped`);
    type(root, 'Value', '-');
    type(root, 'Value', '-3');
    assert.equal(guide.audience.all[0].value, -3, `${attribute}: a negative number`);
  }
  assert.equal(conditionTyped('seats', 'eq', '-'), '-', 'half-typed: kept as typed');
});

test('booleans and text follow the app too; unknown or mixed traits stay text', () => {
  assert.equal(conditionTyped('beta', 'eq', 'true'), true);
  assert.equal(conditionTyped('plan', 'eq', '42'), '42');
  assert.equal(conditionTyped('mixed', 'eq', '1'), '1');
  assert.equal(conditionTyped('never-sent', 'eq', '7'), '7');
});

test('a value of another type than the app sends is pointed out', () => {
  assert.equal(traitValueType(catalog, 'seats'), 'number');
  assert.equal(traitValueType(catalog, 'mixed'), undefined);
  assert.equal(valueTypeWarning(catalog, 'seats', '42'),
    'Your app sends “seats” as a number; this value is text, so it never matches. Change the value type.');
  assert.equal(valueTypeWarning(catalog, 'seats', 42), null);
  assert.equal(valueTypeWarning(catalog, 'seats', ''), null, 'nothing typed yet: it will be a number');
  assert.equal(valueTypeWarning(catalog, 'never-sent', '42'), null);
  const guide = { audience: { all: [{ attribute: 'seats', op: 'eq', value: '42' }] } };
  const root = audienceEditor(context(), guide, () => {});
  assert.ok(root.descendants().some((el) => el.getAttribute('class') === 'hint' && el.textContent.startsWith('Your app sends “seats” as a number')));
});
