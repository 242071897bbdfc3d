// Checklist items and survey questions. Their texts live in each locale's
// `labels` (content_editor.ts); here are the ids and what each item does.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { checkboxField, editButton, numberField, numberOrDelete, selectField, textField, textOrDelete } from './form_fields';
import { guideChoiceField } from './guide_choice_field';
import { arrayAt, fallbackLocale, isObject, objectAt, type JsonObject, numberAt } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';

const ITEM_ACTIONS = [['none', 'The user ticks it'], ['launch_guide', 'Starts another guide'], ['url', 'Opens a page']] as const;

// Ids whose texts each locale must give: checklist items or survey options.
export function labelIdsOf(step: JsonObject): string[] {
  if (step.kind === 'checklist' && Array.isArray(step.items)) return step.items.filter(isObject).map((i) => String(i.id ?? ''));
  if (step.kind === 'survey' && isObject(step.survey) && Array.isArray(step.survey.options)) return step.survey.options.map(String);
  return [];
}

// Renaming an id renames its label in every locale, so no text is lost.
function renameLabel(step: JsonObject, from: string, to: string): void {
  if (!isObject(step.content)) return;
  for (const content of Object.values(step.content)) {
    if (!isObject(content) || !isObject(content.labels) || !(from in content.labels)) continue;
    content.labels[to] = content.labels[from]!;
    delete content.labels[from];
  }
}

function addLabel(guide: JsonObject, step: JsonObject, id: string, text: string): void {
  const content = objectAt(objectAt(step, 'content'), fallbackLocale(guide));
  objectAt(content, 'labels')[id] = text;
}

function removeLabel(step: JsonObject, id: string): void {
  if (!isObject(step.content)) return;
  for (const content of Object.values(step.content)) if (isObject(content) && isObject(content.labels)) delete content.labels[id];
}

function freshId(used: string[], base: string): string {
  for (let n = used.length + 1; ; n++) if (!used.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export function checklistEditor(ctx: EditorContext, step: JsonObject, path: Path, rerender: () => void): HTMLElement {
  const items = arrayAt(step, 'items');
  const changed = () => ctx.draft.changed();
  return h('fieldset', { class: 'items-editor', 'data-pointer': toPointer([...path, 'items']) },
    h('legend', {}, 'Checklist items'),
    items.map((item, i) => {
      if (!isObject(item)) return null;
      const at = [...path, 'items', i];
      const action = String(item.action ?? 'none');
      return h('div', { class: 'item-row' },
        textField(ctx, { label: `Item ${i + 1} id`, pointer: toPointer([...at, 'id']), value: String(item.id ?? ''),
          onChange: (v) => { renameLabel(step, String(item.id ?? ''), v); item.id = v; changed(); } }),
        selectField(ctx, { label: 'When clicked', pointer: toPointer([...at, 'action']), value: action, options: ITEM_ACTIONS,
          onChange: (v) => {
            item.action = v;
            if (v !== 'url') delete item.url;
            if (v !== 'launch_guide') delete item.guide_id;
            changed();
            rerender();
          } }),
        action === 'url' ? textField(ctx, { label: 'Page', pointer: toPointer([...at, 'url']), value: String(item.url ?? ''),
          onChange: (v) => { item.url = v; changed(); } }) : null,
        action === 'launch_guide' ? guideChoiceField(ctx, { label: 'Guide to start', pointer: toPointer([...at, 'guide_id']), value: String(item.guide_id ?? ''),
          onChange: (v) => { item.guide_id = v; changed(); } }) : null,
        guideChoiceField(ctx, { label: 'Ticked when this guide is completed (optional)', pointer: toPointer([...at, 'completed_by_guide']),
          value: String(item.completed_by_guide ?? ''), optional: true, onChange: (v) => { textOrDelete(item, 'completed_by_guide', v); changed(); } }),
        items.length > 1 ? editButton(ctx, 'Remove item', () => {
          removeLabel(step, String(item.id));
          items.splice(i, 1);
          changed();
          rerender();
        }, { class: 'link-button' }) : null);
    }),
    items.length < 20 ? editButton(ctx, 'Add item', () => {
      const id = freshId(labelIdsOf(step), 'task');
      items.push({ id, action: 'none' });
      addLabel(ctx.draft.guide, step, id, 'New task');
      changed();
      rerender();
    }) : null);
}

export function surveyEditor(ctx: EditorContext, step: JsonObject, path: Path, rerender: () => void): HTMLElement {
  const survey = objectAt(step, 'survey');
  const kind = String(survey.kind ?? 'nps');
  const at = [...path, 'survey'];
  const changed = () => ctx.draft.changed();
  const options = kind === 'choice' ? arrayAt(survey, 'options') : [];
  return h('fieldset', { class: 'survey-editor', 'data-pointer': toPointer(at) },
    h('legend', {}, 'Question (its text is the title)'),
    selectField(ctx, { label: 'Question type', pointer: toPointer([...at, 'kind']), value: kind,
      options: [['nps', 'NPS (0-10)'], ['rating', 'Rating'], ['choice', 'Multiple choice']],
      onChange: (v) => {
        for (const id of labelIdsOf(step)) removeLabel(step, id);
        step.survey = v === 'choice' ? { kind: v, options: ['option-1', 'option-2'], multiple: false } : v === 'rating' ? { kind: v, scale: 5 } : { kind: v };
        if (v === 'choice') { addLabel(ctx.draft.guide, step, 'option-1', 'First option'); addLabel(ctx.draft.guide, step, 'option-2', 'Second option'); }
        changed();
        rerender();
      } }),
    kind === 'rating' ? numberField(ctx, { label: 'Scale (3-10)', pointer: toPointer([...at, 'scale']), min: 3, max: 10,
      value: numberAt(survey, 'scale'), onChange: (v) => { numberOrDelete(survey, 'scale', v); changed(); } }) : null,
    kind === 'choice' ? checkboxField(ctx, { label: 'Allow several answers', pointer: toPointer([...at, 'multiple']), checked: survey.multiple === true,
      onChange: (v) => { survey.multiple = v; changed(); } }) : null,
    options.map((option, i) => h('div', { class: 'row' },
      textField(ctx, { label: `Option ${i + 1} id`, pointer: toPointer([...at, 'options', i]), value: String(option),
        onChange: (v) => { renameLabel(step, String(options[i]), v); options[i] = v; changed(); } }),
      options.length > 2 ? editButton(ctx, 'Remove option', () => { removeLabel(step, String(option)); options.splice(i, 1); changed(); rerender(); }, { class: 'link-button' }) : null)),
    kind === 'choice' && options.length < 20 ? editButton(ctx, 'Add option', () => {
      const id = freshId(options.map(String), 'option');
      options.push(id);
      addLabel(ctx.draft.guide, step, id, 'New option');
      changed();
      rerender();
    }) : null);
}
