// The Theme tab: colours, font and corner radius, with a sample step drawn in
// them. Values go to the preview through CSS custom properties (setProperty),
// so even a value the collector would refuse cannot change anything else.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { numberField, numberOrDelete, textField, textOrDelete } from './form_fields';
import { isObject, objectAt, type JsonObject, numberAt } from './guide_types';
import { renderMarkdown } from './markdown_preview';

const COLOURS = [
  ['accent_color', 'Accent (buttons)', '#2456c9'],
  ['background_color', 'Background', '#ffffff'],
  ['text_color', 'Text', '#1d2330'],
  ['border_color', 'Border', '#d5d9e0'],
] as const;
const HEX6 = /^#[0-9a-fA-F]{6}$/;
const TEXT_SIZE_HINT = 'In px at the browser\'s usual text size of 16px. Users who chose a larger text size see it larger '
  + '(14 is 17.5px at 20px), as this preview does at yours.';

function applyTheme(preview: HTMLElement, theme: JsonObject): void {
  for (const [key, , fallback] of COLOURS) preview.style.setProperty(`--theme-${key}`, typeof theme[key] === 'string' ? String(theme[key]) : fallback);
  preview.style.setProperty('--theme-font', typeof theme.font_family === 'string' ? String(theme.font_family) : 'inherit');
  // font_size_px is the size at the browser's usual 16px text size; the SDK
  // scales it with the size each user chose (docs/sdk.md), so the preview
  // does too, in rem of the author's own size.
  preview.style.setProperty('--theme-size', `${(typeof theme.font_size_px === 'number' ? theme.font_size_px : 14) / 16}rem`);
  preview.style.setProperty('--theme-radius', `${typeof theme.radius_px === 'number' ? theme.radius_px : 8}px`);
}

export function themeTab(ctx: EditorContext): HTMLElement {
  const guide = ctx.draft.guide;
  const theme = () => objectAt(guide, 'theme');
  const current = isObject(guide.theme) ? guide.theme : {};
  const preview = h('div', { class: 'theme-preview', role: 'img', 'aria-label': 'A sample step in this theme' },
    h('div', { class: 'theme-title' }, 'Create a project'),
    h('div', { class: 'theme-body' }, renderMarkdown('Click **New project** to start. [Learn more](https://example.com)')),
    h('div', { class: 'theme-buttons' }, h('span', { class: 'theme-button secondary' }, 'Skip'), h('span', { class: 'theme-button' }, 'Next')));
  const refresh = () => applyTheme(preview, isObject(guide.theme) ? guide.theme : {});
  refresh();
  const colourField = (key: string, label: string, fallback: string) => {
    const value = typeof current[key] === 'string' ? String(current[key]) : '';
    const field = textField(ctx, { label, pointer: `/theme/${key}`, value, placeholder: fallback,
      hint: '#rrggbb, rgb(…), or a colour name',
      onChange: (v) => { textOrDelete(theme(), key, v.trim()); swatch.value = HEX6.test(v.trim()) ? v.trim() : swatch.value; refresh(); ctx.draft.changed(); } });
    const text = field.querySelector('input')!;
    const swatch = h('input', { type: 'color', 'aria-label': `${label} colour picker`, value: HEX6.test(value) ? value : fallback });
    swatch.disabled = ctx.readOnly;
    swatch.addEventListener('input', () => { text.value = swatch.value; theme()[key] = swatch.value; refresh(); ctx.draft.changed(); });
    text.after(swatch);
    return field;
  };
  return h('div', { class: 'theme-tab' },
    h('section', { class: 'card', 'aria-labelledby': 'theme-heading' },
      h('h2', { id: 'theme-heading' }, 'Theme'),
      h('div', { class: 'theme-grid' },
        h('div', {},
          COLOURS.map(([key, label, fallback]) => colourField(key, label, fallback)),
          textField(ctx, { label: 'Font', pointer: '/theme/font_family', value: String(current.font_family ?? ''), placeholder: 'Inter, sans-serif',
            onChange: (v) => { textOrDelete(theme(), 'font_family', v); refresh(); ctx.draft.changed(); } }),
          h('div', { class: 'row' },
            numberField(ctx, { label: 'Text size (10-32)', pointer: '/theme/font_size_px', min: 10, max: 32, placeholder: '14', hint: TEXT_SIZE_HINT,
              value: numberAt(current, 'font_size_px'),
              onChange: (v) => { numberOrDelete(theme(), 'font_size_px', v); refresh(); ctx.draft.changed(); } }),
            numberField(ctx, { label: 'Corner radius (px, 0-64)', pointer: '/theme/radius_px', min: 0, max: 64, placeholder: '8',
              value: numberAt(current, 'radius_px'),
              onChange: (v) => { numberOrDelete(theme(), 'radius_px', v); refresh(); ctx.draft.changed(); } }))),
        h('div', { class: 'preview-column' }, h('div', { class: 'preview-label' }, 'Preview'), preview))));
}
