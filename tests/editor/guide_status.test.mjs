// editor/src/editor/guide_status.ts and problem_location.ts: what the list and
// the problem list show, from the collector's fields alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { displayStatus } = await loadModule('editor/src/editor/guide_status.ts');
const { locate } = await loadModule('editor/src/editor/problem_location.ts');

const NOW = Date.parse('2026-06-01T00:00:00Z');

test('status from the list summary and the published schedule', () => {
  const published = { status: 'published' };
  assert.equal(displayStatus({ status: 'draft' }, null, NOW), 'draft');
  assert.equal(displayStatus({ status: 'archived' }, { schedule: { start: '2099-01-01T00:00:00Z' } }, NOW), 'archived');
  assert.equal(displayStatus(published, null, NOW), 'published');
  assert.equal(displayStatus(published, { schedule: { start: '2026-07-01T00:00:00Z', end: null } }, NOW), 'scheduled');
  assert.equal(displayStatus(published, { schedule: { start: '2026-05-01T00:00:00Z', end: null } }, NOW), 'published');
  // The list's published_schedule of a guide published without a schedule.
  assert.equal(displayStatus(published, { schedule: { start: null, end: null } }, NOW), 'published');
  assert.equal(displayStatus(published, { schedule: { start: 'not a date' } }, NOW), 'published');
  assert.equal(displayStatus({ status: 'something newer' }, null, NOW), 'draft');
});

test('a problem pointer names its tab, step and language', () => {
  const guide = { steps: [{ id: 'intro' }, { id: 'save' }] };
  assert.deepEqual(locate(guide, '/steps/1/content/fr/title'), { tab: 'steps', stepIndex: 1, locale: 'fr', label: 'Step 2 (save) › content › fr › title' });
  assert.deepEqual(locate(guide, '/steps/7/target'), { tab: 'steps', stepIndex: 7, locale: undefined, label: 'Step 8 › target element' });
  assert.equal(locate(guide, '/audience/all/0/value').tab, 'targeting');
  assert.equal(locate(guide, '/schedule/end').tab, 'targeting');
  assert.equal(locate(guide, '/theme/accent_color').tab, 'theme');
  assert.deepEqual(locate(guide, '/name'), { tab: 'header', label: 'Guide name' });
  assert.deepEqual(locate(guide, ''), { tab: 'steps', label: 'The guide' });
  // Escaped keys are shown unescaped.
  assert.equal(locate(guide, '/theme/x~1y~0z').label, 'Theme › x/y~z');
});
