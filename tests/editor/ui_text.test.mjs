// The Languages tab's "SDK's words": an author translates Submit, Close and
// the screen-reader texts per language (docs/guide-format.md "The SDK's
// words"). Before, a German guide could only show the SDK's English words.
// The checks are the collector's, shown as the author types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { uiTextProblem, UI_WORDS, setUiText, uiTextSection, localesTab, locate } = await loadModule(
  'editor/src/editor/ui_words.ts', 'editor/src/editor/ui_text_section.ts', 'editor/src/editor/locales_tab.ts', 'editor/src/editor/problem_location.ts');

test('the words are the SDK\'s: every key with its English text', () => {
  assert.deepEqual(UI_WORDS.map((w) => w.key),
    ['close', 'submit', 'nps_low', 'nps_high', 'step_of', 'guide', 'open_hint', 'help', 'progress', 'item_done']);
});

test('a translation keeps its placeholders and adds none', () => {
  assert.equal(uiTextProblem('step_of', 'Schritt {n} von {total}'), '');
  assert.equal(uiTextProblem('step_of', '{total} Schritte, dieser ist {n}'), '', 'any order');
  assert.match(uiTextProblem('step_of', 'Schritt {n}'), /Keep \{total\}/);
  assert.match(uiTextProblem('progress', 'erledigt'), /Keep \{done\} and \{total\}/);
  assert.match(uiTextProblem('step_of', 'Schritt {nummer} von {total}'), /\{nummer\} is not filled in by the SDK; use \{n\} and \{total\}/);
  assert.match(uiTextProblem('submit', 'Senden {n}'), /takes no placeholders/);
  assert.equal(uiTextProblem('submit', ''), '', 'empty: left out, English');
});

test('a translation is at most 128 bytes, counted in UTF-8', () => {
  assert.equal(uiTextProblem('submit', 'x'.repeat(128)), '');
  assert.match(uiTextProblem('submit', 'ü'.repeat(65)), /at most 128 bytes/);
});

test('an emptied word is removed, and an emptied table with it', () => {
  const guide = {};
  setUiText(guide, 'de', 'submit', 'Absenden');
  setUiText(guide, 'de', 'close', 'Schließen');
  assert.deepEqual(guide.ui_text, { de: { submit: 'Absenden', close: 'Schließen' } });
  setUiText(guide, 'de', 'submit', '');
  assert.deepEqual(guide.ui_text, { de: { close: 'Schließen' } });
  setUiText(guide, 'de', 'close', '');
  assert.equal('ui_text' in guide, false, 'no empty ui_text is saved');
});

// The fake DOM keeps listeners but does not dispatch.
const fire = (el, type) => { for (const [t, listener] of el.listeners) if (t === type) listener({ preventDefault() {} }); };

function context(guide) {
  const changes = [];
  return { changes, ctx: { readOnly: false, view: { stepIndex: 0, locale: 'de' }, draft: { guide, changed() { changes.push(structuredClone(guide.ui_text)); }, clearProblemsAt() {} }, fields: { register() {} } } };
}

const guide = () => ({ fallback_locale: 'en', steps: [{ id: 's', kind: 'survey', content: { en: { title: 'Q' }, de: { title: 'F' } } }],
  ui_text: { de: { submit: 'Absenden' } } });

test('the Languages tab has a field per word of the chosen language, bound to its pointer', () => {
  const { ctx, changes } = context(guide());
  const tab = localesTab(ctx);
  const fields = tab.descendants().filter((e) => e.getAttribute('data-pointer')?.startsWith('/ui_text/'));
  assert.deepEqual(fields.map((f) => f.getAttribute('data-pointer')), UI_WORDS.map((w) => `/ui_text/de/${w.key}`));
  const submit = fields[1].descendants().find((e) => e.tagName === 'INPUT');
  assert.equal(submit.value, 'Absenden');
  assert.equal(submit.getAttribute('placeholder'), 'Submit', 'the English word shows what to translate');
  const stepOf = fields[4].descendants().find((e) => e.tagName === 'INPUT');
  stepOf.value = 'Schritt {n}';
  fire(stepOf, 'input');
  assert.deepEqual(changes.at(-1), { de: { submit: 'Absenden', step_of: 'Schritt {n}' } });
  const check = fields[4].descendants().find((e) => e.getAttribute('data-check') === 'step_of');
  assert.match(check.textContent, /Keep \{total\}/, 'the problem shows while typing');
});

test('removing a language removes its words; a words problem goes to the Languages tab', () => {
  const g = guide();
  const { ctx } = context(g);
  globalThis.confirm = () => true;
  const tab = localesTab(ctx);
  const remove = tab.descendants().find((e) => e.getAttribute('aria-label') === 'Remove de');
  fire(remove, 'click');
  assert.equal('ui_text' in g, false);
  assert.equal(locate(g, '/ui_text/de/step_of').tab, 'languages');
  assert.ok(uiTextSection);
});
