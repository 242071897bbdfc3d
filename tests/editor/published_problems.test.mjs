// A guide whose published version the collector's codec refuses now (published
// under older rules: an event count above 100) is not served to the SDK. The
// guide page must say so, naming each field in the editor's words, instead of
// the guide silently stopping for its users.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { publishedProblemsNotice } = await loadModule('editor/src/editor/published_problems.ts');

const guide = { schema: 1, name: 'Power users', audience: { event: 'export', at_least: 500 }, steps: [] };

test('a refused published version is announced with each problem on its field', () => {
  const notice = publishedProblemsNotice(guide, 3, [{ pointer: '/audience/at_least', reason: 'must be between 0 and 100' }]);
  assert.ok(notice, 'a notice is drawn');
  assert.equal(notice.getAttribute('role'), 'alert');
  assert.match(notice.textContent, /Published version 3 is not shown to users/);
  const item = notice.descendants().find((e) => e.tagName === 'LI');
  assert.equal(item.getAttribute('data-pointer'), '/audience/at_least');
  assert.equal(item.textContent, 'Who sees it › at least (times): must be between 0 and 100');
});

test('a published version that runs draws nothing', () => {
  assert.equal(publishedProblemsNotice(guide, 3, []), null);
});
