// The Languages tab: the fallback language every step must have, the other
// languages and how many steps are translated into each. Adding a language
// copies the fallback texts as a starting point for the translator.
import { h, scrollingTable } from '../shared/dom';
import { notify } from '../shared/notices';
import type { EditorContext } from './editor_context';
import { editButton, fieldId, selectField } from './form_fields';
import { clone, fallbackLocale, guideLocales, isObject, LOCALE_PATTERN, objectAt, steps } from './guide_types';
import { rebuildable } from './rebuildable';
import { uiTextSection } from './ui_text_section';

export function localesTab(ctx: EditorContext): HTMLElement {
  const guide = ctx.draft.guide;
  return rebuildable((rerender) => {
    const locales = guideLocales(guide);
    const fallback = fallbackLocale(guide);
    const all = steps(guide);
    const rows = locales.map((locale) => {
      const translated = all.filter((s) => isObject(s.content) && isObject(s.content[locale])).length;
      return h('tr', {},
        h('th', { scope: 'row' }, locale, locale === fallback ? [' ', h('span', { class: 'badge' }, 'fallback')] : null),
        h('td', {}, `${translated} of ${all.length} steps`),
        h('td', {},
          (() => {
            const edit = h('button', { type: 'button' }, 'Edit texts');
            edit.addEventListener('click', () => { ctx.view.locale = locale; document.querySelector<HTMLButtonElement>('#tab-steps')?.click(); });
            return edit;
          })(),
          locale !== fallback ? editButton(ctx, 'Remove', () => {
            if (!confirm(`Remove every ${locale} text from this guide?`)) return;
            for (const step of all) if (isObject(step.content)) delete step.content[locale];
            if (isObject(guide.ui_text)) { delete guide.ui_text[locale]; if (!Object.keys(guide.ui_text).length) delete guide.ui_text; }
            ctx.draft.changed();
            rerender();
          }, { class: 'danger', 'aria-label': `Remove ${locale}` }) : null));
    });
    const input = h('input', { id: fieldId('locale'), type: 'text', placeholder: 'fr, de, pt-BR', size: 10 });
    const add = editButton(ctx, 'Add language', () => {
      const tag = input.value.trim();
      if (!LOCALE_PATTERN.test(tag)) { notify('A language looks like "fr" or "pt-BR".', 'error'); input.focus(); return; }
      if (locales.includes(tag)) { notify(`${tag} is already there.`, 'error'); return; }
      for (const step of all) {
        const contents = objectAt(step, 'content');
        if (isObject(contents[fallback])) contents[tag] = clone(contents[fallback]);
      }
      ctx.draft.changed();
      ctx.view.locale = tag;
      rerender();
      notify(`Added ${tag} with the ${fallback} texts to translate.`, 'success');
    });
    return [h('section', { class: 'card', 'aria-labelledby': 'locales-heading' },
      h('h2', { id: 'locales-heading' }, 'Languages'),
      h('p', { class: 'muted' }, 'Users see the text in their language, else in the language alone (pt-BR → pt), else in the fallback language.'),
      selectField(ctx, { label: 'Fallback language (every step needs it)', pointer: '/fallback_locale', value: fallback, options: locales.map((l) => [l, l] as const),
        onChange: (v) => { guide.fallback_locale = v; ctx.draft.changed(); rerender(); } }),
      scrollingTable(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Language'), h('th', {}, 'Translated'), h('th', {}, h('span', { class: 'sr-only' }, 'Actions')))), h('tbody', {}, rows))),
      ctx.readOnly ? null : h('div', { class: 'row' }, h('label', { for: input.id }, 'New language'), input, add)),
      uiTextSection(ctx, locales.includes(ctx.view.locale) ? ctx.view.locale : fallback)];
  });
}
