// editor/src/dashboard/condition_model.ts describeCondition: the labels a
// funnel's steps and a trend's series get on the dashboard name what the
// reader knows, not the SDK's event names. The sample's saved funnel matches
// the "Create project" click by its id; its step read "cairn_click (id = save-project)".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { describeCondition } = await loadModule('editor/src/dashboard/condition_model.ts');

test('a click matched by a property other than tag and text is a Click', () => {
  assert.equal(describeCondition({ event: 'cairn_click', filters: [{ property: 'id', op: 'eq', value: 'save-project' }] }),
    'Click (id = save-project)');
  assert.equal(describeCondition({ event: 'cairn_click' }), 'Click');
});

test('the other kinds keep their labels', () => {
  assert.equal(describeCondition({ event: 'cairn_click', filters: [{ property: 'tag', op: 'eq', value: 'button' }, { property: 'text', op: 'eq', value: 'Save' }] }),
    "Click button 'Save'");
  assert.equal(describeCondition({ event: '$page' }), 'Any page view');
  assert.equal(describeCondition({ event: '$page', filters: [{ property: 'path', op: 'eq', value: '/projects' }] }), 'Page /projects');
  assert.equal(describeCondition({ event: 'Project Created' }), 'Project Created');
});
