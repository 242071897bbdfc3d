// The Theme tab's text size says what the SDK does with it: a theme's
// font_size_px is the size at the browser's usual 16px, scaled with the size
// each user chose (docs/sdk.md "Theming, text size and phones"). The tab
// labelled it plain "px" and previewed it in px, deaf to that size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installFakeDom } from './fake_dom.mjs';
import { loadModule } from './bundle.mjs';

installFakeDom();
const { themeTab } = await loadModule('editor/src/editor/theme_tab.ts');

function drawn(theme) {
  const guide = theme ? { theme } : {};
  const ctx = { readOnly: false, draft: { guide, changed() {}, clearProblemsAt() {} }, fields: { register() {} } };
  const tab = themeTab(ctx);
  const all = tab.descendants();
  const field = all.find((e) => e.getAttribute('data-pointer') === '/theme/font_size_px');
  const part = (cls) => field.children.find((c) => c.getAttribute('class') === cls);
  return {
    label: field.children.find((c) => c.tagName === 'LABEL').textContent,
    hint: part('hint')?.textContent ?? '',
    size: all.find((e) => e.getAttribute('class') === 'theme-preview').style.getPropertyValue('--theme-size'),
  };
}

test('the text size is labelled as the size at the usual 16px that scales with the user\'s', () => {
  const { label, hint } = drawn();
  assert.doesNotMatch(label, /px/, 'the label alone does not say plain px');
  assert.match(hint, /16px/);
  assert.match(hint, /larger/);
});

test('the preview scales the size with the author\'s own text size (rem), as the SDK does', () => {
  assert.equal(drawn().size, '0.875rem', 'the SDK\'s default: 14 at 16px');
  assert.equal(drawn({ font_size_px: 20 }).size, '1.25rem');
});
