// The Languages tab's "SDK's words" section: per language, the texts the SDK
// shows around a guide's own (Submit, Close, "Step 2 of 4" for screen
// readers). Left empty, a word falls back to the fallback language's text,
// then to English (docs/guide-format.md "The SDK's words").
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { selectField, textField } from './form_fields';
import { guideLocales, isObject, type JsonObject } from './guide_types';
import { rebuildable } from './rebuildable';
import { UI_WORDS, uiTextProblem } from './ui_words';

// The languages to offer: the guide's, and any the words have without content.
export function uiTextLocales(guide: JsonObject): string[] {
  const locales = guideLocales(guide);
  if (isObject(guide.ui_text)) for (const l of Object.keys(guide.ui_text)) if (!locales.includes(l)) locales.push(l);
  return locales;
}

// Sets (or, for an empty text, removes) one word, dropping empty tables.
export function setUiText(guide: JsonObject, locale: string, key: string, text: string): void {
  const all = isObject(guide.ui_text) ? guide.ui_text : (guide.ui_text = {});
  const words = isObject(all[locale]) ? all[locale] as JsonObject : (all[locale] = {});
  if (text) words[key] = text;
  else delete words[key];
  if (!Object.keys(words).length) delete all[locale];
  if (!Object.keys(all).length) delete guide.ui_text;
}

export function uiTextSection(ctx: EditorContext, initialLocale: string): HTMLElement {
  const guide = ctx.draft.guide;
  let locale = initialLocale;
  let redraw = (): void => {};
  const words = rebuildable((rerender) => {
    redraw = rerender;
    const table = isObject(guide.ui_text) && isObject(guide.ui_text[locale]) ? guide.ui_text[locale] as JsonObject : {};
    return UI_WORDS.map((word) => {
      const value = typeof table[word.key] === 'string' ? String(table[word.key]) : '';
      const check = h('div', { class: 'field-error', 'aria-live': 'polite', 'data-check': word.key }, uiTextProblem(word.key, value));
      const field = textField(ctx, {
        label: word.english, pointer: `/ui_text/${locale}/${word.key}`, value, placeholder: word.english,
        hint: word.where + (word.placeholders.length ? `; keep ${word.placeholders.join(' and ')}` : ''),
        onChange: (v) => { setUiText(guide, locale, word.key, v); check.replaceChildren(uiTextProblem(word.key, v)); ctx.draft.changed(); },
      });
      field.appendChild(check);
      return field;
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'ui-text-heading' },
    h('h2', { id: 'ui-text-heading' }, 'The SDK\'s words'),
    h('p', { class: 'muted' }, 'Buttons and screen-reader texts the SDK adds around your steps. Shown in the language of the step\'s text; '
      + 'an empty field uses the fallback language\'s, else English.'),
    selectField(ctx, { label: 'Language', pointer: '/ui_text', value: locale, options: uiTextLocales(guide).map((l) => [l, l] as const),
      onChange: (v) => { locale = v; redraw(); } }),
    words);
}
