// editor/src/editor/byte_limits.ts: the editor's length checks count UTF-8
// bytes, as the guide codec and the admin API do, with the same numbers. The
// new-guide dialog counted 256 characters (maxlength): a 100-character
// Japanese name (300 bytes) passed it and the codec refused it at save.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const limits = await loadModule('editor/src/editor/byte_limits.ts');
const { renderMarkdown } = await loadModule('editor/src/editor/markdown_preview.ts');
const { uiTextProblem } = await loadModule('editor/src/editor/ui_words.ts');

// The value of `constexpr ... name = <expr>;` in a C++ source, `16 * 1024` included.
function cppConstant(file, name) {
  const match = new RegExp(`\\b${name}\\s*=\\s*([0-9* ]+);`).exec(readFileSync(join(ROOT, file), 'utf8'));
  assert.ok(match, `${name} in ${file}`);
  return match[1].split('*').reduce((product, factor) => product * Number(factor.trim()), 1);
}

test('the limits are the collector\'s', () => {
  assert.equal(limits.MAX_GUIDE_NAME_BYTES, cppConstant('sdk/guide/guide.h', 'kMaxNameBytes'));
  assert.equal(limits.MAX_UI_TEXT_BYTES, cppConstant('sdk/guide/ui_text.h', 'kMaxUiTextBytes'));
  assert.equal(limits.MAX_MARKDOWN_BYTES, cppConstant('sdk/guide/markdown.h', 'kMaxMarkdownBytes'));
  assert.equal(limits.MAX_PUBLISH_NOTE_BYTES, cppConstant('collector/admin/admin_api.cpp', 'kMaxNoteBytes'));
});

test('a name is measured in UTF-8 bytes, not characters', () => {
  const { MAX_GUIDE_NAME_BYTES: max, tooLongProblem, utf8Bytes } = limits;
  assert.equal(utf8Bytes('Tour'), 4);
  assert.equal(utf8Bytes('é日😀'), 2 + 3 + 4);
  assert.equal(tooLongProblem('a'.repeat(max), max), '');
  assert.equal(tooLongProblem('a'.repeat(max + 1), max), 'Too long: 257 characters, at most 256.');
  // 100 characters, as maxlength counted them: the codec's 300 bytes.
  const japanese = '日'.repeat(100);
  assert.equal(japanese.length, 100);
  assert.match(tooLongProblem(japanese, max), /^Too long: 300 bytes, at most 256 \(letters beyond English take 2 to 4 bytes each\)\.$/);
  assert.equal(tooLongProblem('日'.repeat(85), max), '');  // 255 bytes
});

test('a cut keeps whole characters within the bytes', () => {
  const { cutToBytes, utf8Bytes } = limits;
  assert.equal(cutToBytes('short', 256), 'short');
  assert.equal(cutToBytes('日'.repeat(100), 256), '日'.repeat(85));
  // An emoji is two UTF-16 units and 4 bytes: never half of one.
  const emoji = '😀'.repeat(70);
  const cut = cutToBytes(emoji, 256);
  assert.equal(cut, '😀'.repeat(64));
  assert.equal(utf8Bytes(cut), 256);
  assert.equal(cutToBytes(`${'a'.repeat(255)}é`, 256), 'a'.repeat(255));
  // The duplicate's name: "… (copy)" cut to what the codec takes.
  assert.ok(utf8Bytes(cutToBytes(`${'日'.repeat(80)} (copy)`, 256)) <= 256);
});

test('the preview cuts a long body where the SDK does: 16 KiB of UTF-8, not 16384 characters', () => {
  const text = (fragment) => fragment.textContent;
  // 6000 "日" are 18000 bytes: the SDK renders the first 5461 characters (16383 bytes).
  assert.equal(text(renderMarkdown('日'.repeat(6000))).length, 5461);
  assert.equal(text(renderMarkdown('a'.repeat(20000))).length, 16384);
});

test('an SDK word\'s translation is measured in bytes too', () => {
  assert.equal(uiTextProblem('close', 'é'.repeat(64)), '');
  assert.equal(uiTextProblem('close', 'é'.repeat(65)), 'Too long: at most 128 bytes.');
});
