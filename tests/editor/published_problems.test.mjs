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

// The guide list: an author scanning it sees which published guides users are
// not getting, from the list entries' "published_refused" (docs/api.md#guides).
const { isNotServed, notServedBadge, notServedSummary } = await loadModule('editor/src/editor/published_problems.ts');

test('the guide list marks a published guide whose published version is refused', () => {
  assert.equal(isNotServed({ status: 'published', published_refused: true }), true);
  assert.equal(isNotServed({ status: 'published', published_refused: false }), false);
  // An older collector sends no flag; an archived guide is not served anyway.
  assert.equal(isNotServed({ status: 'published' }), false);
  assert.equal(isNotServed({ status: 'archived', published_refused: true }), false);
  assert.equal(notServedBadge().textContent, 'not shown to users');
});

test('above the list: how many published guides users are not getting, by name', () => {
  const served = { name: 'Tour', status: 'published', published_refused: false };
  assert.equal(notServedSummary([served, { name: 'Draft', status: 'draft' }]), null);
  const one = notServedSummary([served, { name: 'Power users', status: 'published', published_refused: true }]);
  assert.equal(one.getAttribute('role'), 'alert');
  assert.match(one.textContent, /^1 published guide is not shown to users \(“Power users”\)/);
  const many = notServedSummary(['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, status: 'published', published_refused: true })));
  assert.match(many.textContent, /^5 published guides are not shown to users \(“A”, “B”, “C” and 2 more\)/);
});
