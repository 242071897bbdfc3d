// The SDK set-up the "New app" page shows (editor/src/editor/sdk_setup.ts) is
// docs/quickstart.md's, with the new app's key and this collector put in:
// the two <head> lines, the start script with its call queue, and the
// collector's Content Security Policy. tests/browser/editor_new_app_snippet
// runs what the page shows under that policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { contentSecurityPolicy, headLines, startScript } = await loadModule('editor/src/editor/sdk_setup.ts');
const quickstart = readFileSync(new URL('../../docs/quickstart.md', import.meta.url), 'utf8');
const section = (title) => quickstart.slice(quickstart.indexOf(title), quickstart.indexOf('\n### ', quickstart.indexOf(title) + 1));
const blocks = (text, lang) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const HOST = 'https://cairn.example.com';

test('the start script is the quickstart\'s, with the key', () => {
  const documented = blocks(section('### With script tags, from the collector'), 'js')[0];
  assert.equal(startScript('cwk_...', HOST), documented);
  assert.ok(startScript('cwk_abc', 'http://127.0.0.1:8080').endsWith("Cairn.init({ writeKey: 'cwk_abc', host: 'http://127.0.0.1:8080' });\n"));
});

test('the <head> lines are the quickstart\'s: the start script, then cairn.js async from the collector', () => {
  const documented = blocks(section('### With script tags, from the collector'), 'html')[0];
  const lines = documented.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('<script'));
  assert.equal(headLines(HOST), lines.join('\n'));
});

test('the policy is the quickstart\'s for the SDK loaded from the collector', () => {
  const csp = quickstart.slice(quickstart.indexOf('## 5. Content Security Policy'));
  assert.equal(contentSecurityPolicy(HOST) + '\n', blocks(csp, '')[0]);
});
