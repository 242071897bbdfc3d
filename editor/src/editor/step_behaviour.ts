// The parts of a step that say how it behaves: placement, what moves to the
// next step (advance), what happens when the target is missing, the page the
// step belongs to, backdrop and experiment variants.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { checkboxField, editButton, numberField, numberOrDelete, plainOptions, selectField, textField } from './form_fields';
import { ADVANCE_KINDS, ALIGNS, MISSING_THEN, SIDES, isObject, objectAt, targetRule, type JsonObject, numberAt } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';
import { targetPicker } from './target_picker';
import { pageSetEditor, urlRuleEditor } from './url_rules_editor';

const ADVANCE_LABELS: Record<string, string> = {
  next_button: 'The user presses Next or Done',
  click_target: 'The user clicks the target element',
  input_target: 'The user types into the target element',
  url_change: 'The page changes to one of these pages',
  custom_event: 'Your app tracks an event',
  element_appears: 'An element appears',
  element_disappears: 'An element disappears',
};

const THEN_LABELS: Record<string, string> = {
  centered: 'Show the step centered on the page', skip: 'Skip to the next step', end: 'End the guide',
};

export function placementEditor(ctx: EditorContext, step: JsonObject, path: Path): HTMLElement {
  const placement = isObject(step.placement) ? step.placement : null;
  const get = () => objectAt(step, 'placement');
  const at = [...path, 'placement'];
  const kind = String(step.kind);
  const sides = kind === 'banner' ? ['auto', 'top', 'bottom'] : kind === 'slideout' ? ['auto', 'left', 'right'] : SIDES;
  const changed = () => ctx.draft.changed();
  return h('fieldset', { class: 'placement-editor', 'data-pointer': toPointer(at) },
    h('legend', {}, 'Placement'),
    h('div', { class: 'row' },
      selectField(ctx, { label: 'Side', pointer: toPointer([...at, 'side']), value: String(placement?.side ?? 'auto'), options: plainOptions(sides),
        onChange: (v) => { get().side = v; changed(); } }),
      selectField(ctx, { label: 'Alignment', pointer: toPointer([...at, 'align']), value: String(placement?.align ?? 'center'), options: plainOptions(ALIGNS),
        onChange: (v) => { get().align = v; changed(); } }),
      numberField(ctx, { label: 'Distance (px)', pointer: toPointer([...at, 'offset_px']), value: numberAt(placement, 'offset_px'),
        min: 0, max: 200, placeholder: '8', onChange: (v) => { numberOrDelete(get(), 'offset_px', v); changed(); } }),
      checkboxField(ctx, { label: 'Arrow', pointer: toPointer([...at, 'arrow']), checked: placement?.arrow !== false,
        onChange: (v) => { get().arrow = v; changed(); } })));
}

export function advanceEditor(ctx: EditorContext, step: JsonObject, path: Path, rerender: () => void): HTMLElement {
  const advance = isObject(step.advance) ? step.advance : { kind: 'next_button' };
  const kind = String(advance.kind ?? 'next_button');
  const at = [...path, 'advance'];
  const hasTarget = isObject(step.target);
  const kinds = ADVANCE_KINDS.filter((k) => hasTarget || (k !== 'click_target' && k !== 'input_target') || k === kind);
  return h('fieldset', { class: 'advance-editor', 'data-pointer': toPointer(at) },
    h('legend', {}, 'Go to the next step when'),
    selectField(ctx, { label: 'Moves on when', hiddenLabel: true, pointer: toPointer([...at, 'kind']), value: kind,
      options: kinds.map((k) => [k, ADVANCE_LABELS[k] ?? k] as const),
      onChange: (v) => {
        const next: JsonObject = { kind: v };
        if (v === 'url_change') next.pages = { include: [{ path: '/' }] };
        if (v === 'custom_event') next.event = '';
        step.advance = next;
        ctx.draft.changed();
        rerender();
      } }),
    kind === 'url_change' ? pageSetEditor(ctx, objectAt(advance, 'pages'), [...at, 'pages'], rerender, 'add at least one page') : null,
    kind === 'custom_event' ? textField(ctx, { label: 'Event name', pointer: toPointer([...at, 'event']), value: String(advance.event ?? ''),
      list: ctx.catalog.events.length ? 'catalog-events' : undefined, onChange: (v) => { advance.event = v; ctx.draft.changed(); } }) : null,
    kind === 'element_appears' || kind === 'element_disappears'
      ? targetPicker(ctx, { holder: advance, key: 'element', wrapped: false, path: [...at, 'element'],
        label: kind === 'element_appears' ? 'Element that appears' : 'Element that disappears (default: the target)', required: kind === 'element_appears' }, rerender)
      : null);
}

export function missingTargetEditor(ctx: EditorContext, step: JsonObject, path: Path): HTMLElement | null {
  if (targetRule(String(step.kind)) === 'refused') return null;
  const missing = isObject(step.missing_target) ? step.missing_target : null;
  const get = () => objectAt(step, 'missing_target');
  const at = [...path, 'missing_target'];
  return h('fieldset', { class: 'missing-editor', 'data-pointer': toPointer(at) },
    h('legend', {}, 'If the element is not on the page'),
    h('div', { class: 'row' },
      numberField(ctx, { label: 'Wait for it (ms)', pointer: toPointer([...at, 'wait_ms']), value: numberAt(missing, 'wait_ms'),
        min: 0, max: 60000, step: 100, placeholder: '3000', onChange: (v) => { numberOrDelete(get(), 'wait_ms', v); ctx.draft.changed(); } }),
      selectField(ctx, { label: 'Then', pointer: toPointer([...at, 'then']), value: String(missing?.then ?? 'centered'),
        options: MISSING_THEN.map((t) => [t, THEN_LABELS[t] ?? t] as const), onChange: (v) => { get().then = v; ctx.draft.changed(); } })));
}

// The page a step belongs to, for guides that span several pages.
export function stepPageEditor(ctx: EditorContext, step: JsonObject, path: Path, rerender: () => void): HTMLElement {
  const page = isObject(step.page) ? step.page : null;
  return h('fieldset', { class: 'step-page-editor', 'data-pointer': toPointer([...path, 'page']) },
    h('legend', {}, 'Page of this step (multi-page guides)'),
    page
      ? h('div', {}, urlRuleEditor(ctx, page, [...path, 'page'], rerender, 'Show this step on pages matching'),
        editButton(ctx, 'Any page', () => { delete step.page; ctx.draft.changed(); rerender(); }, { class: 'link-button' }))
      : h('div', {}, h('p', { class: 'muted' }, 'Shown on whichever page the guide is on.'),
        editButton(ctx, 'Set a page', () => { step.page = { path: '/' }; ctx.draft.changed(); rerender(); })));
}

export function variantsEditor(ctx: EditorContext, guide: JsonObject, step: JsonObject, path: Path): HTMLElement | null {
  const experiment = isObject(guide.experiment) ? guide.experiment : null;
  const ids = experiment && Array.isArray(experiment.variants) ? experiment.variants.filter(isObject).map((v) => String(v.id)) : [];
  if (!ids.length && !Array.isArray(step.variants)) return null;
  const chosen = new Set(Array.isArray(step.variants) ? step.variants.map(String) : []);
  return h('fieldset', { class: 'variants-editor', 'data-pointer': toPointer([...path, 'variants']) },
    h('legend', {}, 'Show only in experiment variants (none ticked = all)'),
    h('div', { class: 'row' }, ids.map((id) => checkboxField(ctx, { label: id, pointer: toPointer([...path, 'variants', id]), checked: chosen.has(id),
      onChange: (v) => {
        if (v) chosen.add(id); else chosen.delete(id);
        if (chosen.size) step.variants = [...chosen]; else delete step.variants;
        ctx.draft.changed();
      } }))));
}
