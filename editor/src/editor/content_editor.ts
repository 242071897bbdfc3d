// The content of one step in one locale: title, body in safe markdown with a
// live preview, buttons, media, and the labels of checklist items / survey
// options.
import { h } from '../shared/dom';
import { buttonsEditor } from './buttons_editor';
import type { EditorContext } from './editor_context';
import { fieldShell, plainOptions, selectField, textField, textOrDelete } from './form_fields';
import { isObject, objectAt, type JsonObject } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';
import { renderMarkdown } from './markdown_preview';
import { rebuildable } from './rebuildable';

const MARKDOWN_HINT = '**bold**, *italic*, `code`, [link](https://…), lists with "- " or "1. ", a blank line for a new paragraph.';

// `labelIds`: checklist item or survey option ids whose texts this locale gives.
export function contentEditor(ctx: EditorContext, content: JsonObject, path: Path, labelIds: string[]): HTMLElement {
  const changed = () => ctx.draft.changed();
  const preview = h('div', { class: 'markdown-preview', 'aria-label': 'Preview of the text', role: 'region', dir: 'auto' });
  const refreshPreview = () => preview.replaceChildren(renderMarkdown(String(content.body ?? '')));
  refreshPreview();
  const body = h('textarea', { rows: 6, dir: 'auto' });
  body.value = String(content.body ?? '');
  body.disabled = ctx.readOnly;
  body.addEventListener('input', () => {
    textOrDelete(content, 'body', body.value);
    refreshPreview();
    changed();
  });
  return h('div', { class: 'content-editor' },
    textField(ctx, { label: 'Title', pointer: toPointer([...path, 'title']), value: String(content.title ?? ''),
      onChange: (v) => { textOrDelete(content, 'title', v); changed(); } }),
    h('div', { class: 'body-with-preview' },
      fieldShell(ctx, { label: 'Text', pointer: toPointer([...path, 'body']), hint: MARKDOWN_HINT }, body),
      h('div', { class: 'preview-column' }, h('div', { class: 'preview-label', 'aria-hidden': 'true' }, 'Preview'), preview)),
    rebuildable((rerender) => [buttonsEditor(ctx, content, path, rerender)]),
    rebuildable((rerender) => [mediaEditor(ctx, content, path, rerender)]),
    labelIds.length ? labelsEditor(ctx, content, path, labelIds) : null);
}

function mediaEditor(ctx: EditorContext, content: JsonObject, path: Path, rerender: () => void): HTMLElement {
  const changed = () => ctx.draft.changed();
  const media = isObject(content.media) ? content.media : null;
  const at = [...path, 'media'];
  return h('fieldset', { class: 'media-editor', 'data-pointer': toPointer(at) },
    h('legend', {}, 'Image or video (optional)'),
    textField(ctx, { label: 'Media URL', pointer: toPointer([...at, 'url']), value: String(media?.url ?? ''), placeholder: 'https://…',
      hint: 'An absolute http(s) address. Leave empty for none.',
      onChange: (v) => {
        if (!v) {
          delete content.media;
        } else {
          const m = objectAt(content, 'media');
          m.url = v;
        }
        changed();
        if (!!v !== !!media) rerender();
      } }),
    media ? selectField(ctx, { label: 'Media kind', pointer: toPointer([...at, 'kind']), value: String(media.kind ?? 'image'), options: plainOptions(['image', 'video']),
      onChange: (v) => { media.kind = v; changed(); } }) : null,
    media ? textField(ctx, { label: 'Description for screen readers (alt text)', pointer: toPointer([...at, 'alt']), value: String(media.alt ?? ''),
      onChange: (v) => { textOrDelete(media, 'alt', v); changed(); } }) : null);
}

function labelsEditor(ctx: EditorContext, content: JsonObject, path: Path, ids: string[]): HTMLElement {
  const labels = objectAt(content, 'labels');
  return h('fieldset', { class: 'labels-editor', 'data-pointer': toPointer([...path, 'labels']) },
    h('legend', {}, 'Item texts'),
    ids.map((id) => textField(ctx, { label: `Text for "${id}"`, pointer: toPointer([...path, 'labels', id]), value: String(labels[id] ?? ''),
      onChange: (v) => { textOrDelete(labels, id, v); ctx.draft.changed(); } })));
}
