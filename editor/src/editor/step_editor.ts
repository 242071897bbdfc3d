// The form for one step: id and kind, the target element, the content in the
// chosen locale, checklist items or survey question, and behaviour.
import { h } from '../shared/dom';
import { contentEditor } from './content_editor';
import type { EditorContext } from './editor_context';
import { checkboxField, selectField, textField } from './form_fields';
import { guideLocales, isObject, objectAt, STEP_KIND_LABELS, STEP_KINDS, targetRule, type JsonObject, type StepKind } from './guide_types';
import { checklistEditor, labelIdsOf, surveyEditor } from './items_editor';
import { toPointer } from '../shared/json_pointer';
import { rebuildable } from './rebuildable';
import { advanceEditor, missingTargetEditor, placementEditor, stepPageEditor, variantsEditor } from './step_behaviour';
import { newStep } from './guide_templates';
import { targetPicker } from './target_picker';

// Changing the kind drops what the new kind refuses and adds what it needs.
function changeKind(ctx: EditorContext, step: JsonObject, kind: StepKind): void {
  const template = newStep(kind, String(step.id), ctx.view.locale);
  step.kind = kind;
  if (targetRule(kind) === 'refused') delete step.target;
  if (kind !== 'checklist') delete step.items;
  if (kind !== 'survey') delete step.survey;
  if (kind === 'checklist' && !Array.isArray(step.items)) step.items = template.items!;
  if (kind === 'survey' && !isObject(step.survey)) step.survey = template.survey!;
  if (!isObject(step.target) && isObject(step.advance) && (step.advance.kind === 'click_target' || step.advance.kind === 'input_target')) delete step.advance;
  if (targetRule(kind) === 'refused') delete step.missing_target;
  if (isObject(step.placement)) delete step.placement.side;
  const templateContent = isObject(template.content) ? template.content[ctx.view.locale] : undefined;
  const content = objectAt(objectAt(step, 'content'), ctx.view.locale);
  if (isObject(templateContent) && isObject(templateContent.labels)) {
    content.labels = { ...templateContent.labels, ...(isObject(content.labels) ? content.labels : {}) };
  }
}

// `onStructureChange('id')` redraws the step list; ('kind') redraws this form too.
export function stepEditor(ctx: EditorContext, index: number, onStructureChange: (what: 'id' | 'kind' | 'target') => void): HTMLElement {
  const guide = ctx.draft.guide;
  const step = (guide.steps as JsonObject[])[index]!;
  const path = ['steps', index];
  const kind = String(step.kind) as StepKind;
  const rule = targetRule(kind);
  return rebuildable((rerender) => {
    const locales = guideLocales(guide);
    if (!locales.includes(ctx.view.locale)) ctx.view.locale = locales[0]!;
    const locale = ctx.view.locale;
    const contents = objectAt(step, 'content');
    const localeSelect = selectField(ctx, { label: 'Language', pointer: toPointer([...path, 'content']), value: locale,
      options: locales.map((l) => [l, isObject(contents[l]) ? l : `${l} (not translated)`] as const),
      onChange: (v) => { ctx.view.locale = v; rerender(); } });
    localeSelect.querySelector('select')!.disabled = false;
    const content = isObject(contents[locale]) ? contents[locale] : null;
    return [
      h('h2', { id: 'step-editor-heading', tabindex: '-1' }, `Step ${index + 1}: ${String(step.id ?? '')}`),
      h('div', { class: 'row' },
        textField(ctx, { label: 'Step id', pointer: toPointer([...path, 'id']), value: String(step.id ?? ''),
          hint: 'Letters, digits, - _ . : (used in analytics).',
          onChange: (v) => { step.id = v; ctx.draft.changed(); onStructureChange('id'); } }),
        selectField(ctx, { label: 'Kind', pointer: toPointer([...path, 'kind']), value: kind,
          options: STEP_KINDS.map((k) => [k, STEP_KIND_LABELS[k]] as const),
          onChange: (v) => { changeKind(ctx, step, v as StepKind); ctx.draft.changed(); onStructureChange('kind'); } })),
      rule !== 'refused'
        ? targetPicker(ctx, { holder: step, key: 'target', wrapped: true, path: [...path, 'target'],
          label: rule === 'required' ? 'Target element (required)' : 'Target element (optional: without one it shows in a corner)', required: rule === 'required' },
          () => { rerender(); onStructureChange('target'); })
        : null,
      h('section', { class: 'content-section', 'aria-labelledby': 'content-heading' },
        h('h3', { id: 'content-heading' }, 'Content'),
        localeSelect,
        content
          ? contentEditor(ctx, content, [...path, 'content', locale], labelIdsOf(step))
          : h('div', { class: 'empty-state' }, `No ${locale} text for this step yet.`,
            ctx.readOnly ? null : (() => {
              const add = h('button', { type: 'button' }, `Write ${locale} text`);
              add.addEventListener('click', () => { contents[locale] = { title: '', body: '' }; ctx.draft.changed(); rerender(); });
              return add;
            })())),
      kind === 'checklist' ? checklistEditor(ctx, step, path, rerender) : null,
      kind === 'survey' ? surveyEditor(ctx, step, path, rerender) : null,
      placementEditor(ctx, step, path),
      advanceEditor(ctx, step, path, rerender),
      missingTargetEditor(ctx, step, path),
      stepPageEditor(ctx, step, path, rerender),
      checkboxField(ctx, { label: 'Dim the page around this step (backdrop)', pointer: toPointer([...path, 'backdrop']), checked: step.backdrop === true,
        onChange: (v) => { step.backdrop = v; ctx.draft.changed(); } }),
      variantsEditor(ctx, guide, step, path),
    ];
  }, 'section');
}
