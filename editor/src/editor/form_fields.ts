// Labelled form controls bound to a value in the guide document. Each one is
// registered under the JSON Pointer of what it edits (for problems), is
// disabled for read-only users, and reports edits through `onChange`, which
// mutates the document and marks the draft changed.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';

let nextId = 1;
export function fieldId(prefix = 'f'): string {
  return `${prefix}-${nextId++}`;
}

interface FieldBase {
  label: string;
  pointer: string;
  hint?: string;
  // Visually hidden label (the control sits in a row that says what it is).
  hiddenLabel?: boolean;
}

// The wrapper every control uses: label, control, hint, problems slot.
export function fieldShell(ctx: EditorContext, base: FieldBase, control: HTMLElement, extra: Array<Node | null> = []): HTMLElement {
  const id = control.id || fieldId();
  control.id = id;
  const errorSlot = h('div', { class: 'field-error', id: `${id}-problems`, 'aria-live': 'polite' });
  const hint = base.hint ? h('div', { class: 'hint', id: `${id}-hint` }, base.hint) : null;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-problems`].filter(Boolean).join(' '));
  const container = h('div', { class: 'field', 'data-pointer': base.pointer },
    h('label', { for: id, class: base.hiddenLabel ? 'sr-only' : null }, base.label), control, ...extra, hint, errorSlot);
  ctx.fields.register(base.pointer, container, control, errorSlot);
  // 'input' fires for every kind of control when the value changes; 'change'
  // also fires on blur with nothing changed, which must not hide problems.
  control.addEventListener('input', () => ctx.draft.clearProblemsAt(base.pointer));
  return container;
}

export function textField(ctx: EditorContext, base: FieldBase & {
  value: string; onChange(value: string): void; placeholder?: string; multiline?: boolean; type?: string;
  list?: string; maxLength?: number;
}): HTMLElement {
  // dir=auto: a text in Arabic or Hebrew reads right to left while it is
  // typed (the punctuation and the **marks** at the right end), as users see it.
  const control = base.multiline
    ? h('textarea', { placeholder: base.placeholder, rows: 4, maxlength: base.maxLength, dir: 'auto' })
    : h('input', { type: base.type ?? 'text', placeholder: base.placeholder, list: base.list, maxlength: base.maxLength, dir: 'auto' });
  control.value = base.value;
  control.disabled = ctx.readOnly;
  control.addEventListener('input', () => base.onChange(control.value));
  return fieldShell(ctx, base, control);
}

export function numberField(ctx: EditorContext, base: FieldBase & {
  value: number | undefined; onChange(value: number | undefined): void; min?: number; max?: number; step?: number; placeholder?: string;
}): HTMLElement {
  const control = h('input', { type: 'number', min: base.min, max: base.max, step: base.step ?? 1, placeholder: base.placeholder, inputmode: 'decimal' });
  control.value = base.value === undefined ? '' : String(base.value);
  control.disabled = ctx.readOnly;
  control.addEventListener('input', () => {
    const text = control.value.trim();
    base.onChange(text === '' || Number.isNaN(Number(text)) ? undefined : Number(text));
  });
  return fieldShell(ctx, base, control);
}

export function selectField(ctx: EditorContext, base: FieldBase & {
  value: string; options: ReadonlyArray<readonly [string, string]>; onChange(value: string): void;
}): HTMLElement {
  const options = [...base.options];
  // A value this build does not offer (a newer format) stays selectable instead of being lost.
  if (base.value && !options.some(([v]) => v === base.value)) options.push([base.value, base.value]);
  const control = h('select', {}, options.map(([value, label]) => h('option', { value, selected: value === base.value }, label)));
  control.disabled = ctx.readOnly;
  control.addEventListener('change', () => base.onChange(control.value));
  return fieldShell(ctx, base, control);
}

export function checkboxField(ctx: EditorContext, base: FieldBase & { checked: boolean; onChange(checked: boolean): void }): HTMLElement {
  const control = h('input', { type: 'checkbox' });
  control.checked = base.checked;
  control.disabled = ctx.readOnly;
  control.addEventListener('change', () => base.onChange(control.checked));
  const field = fieldShell(ctx, base, control);
  field.classList.add('field-checkbox');
  return field;
}

// A button that edits (add, remove, move): hidden from read-only users.
export function editButton(ctx: EditorContext, label: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement | null {
  if (ctx.readOnly) return null;
  const button = h('button', { type: 'button', ...attributes }, label);
  button.addEventListener('click', onClick);
  return button;
}

// Options from a list of values, each labelled by itself.
export function plainOptions(values: readonly string[]): Array<readonly [string, string]> {
  return values.map((v) => [v, v.replace(/_/g, ' ')] as const);
}

export function textOrDelete(object: Record<string, unknown>, key: string, value: string): void {
  if (value === '') delete object[key];
  else object[key] = value;
}

export function numberOrDelete(object: Record<string, unknown>, key: string, value: number | undefined): void {
  if (value === undefined) delete object[key];
  else object[key] = value;
}

const DAY_MS = 86400000;

// A duration the format stores in milliseconds (`within_ms`, `window_ms`),
// edited in days; empty removes it ("ever").
export function daysField(ctx: EditorContext, base: FieldBase & { object: Record<string, unknown>; key: string }): HTMLElement {
  const ms = base.object[base.key];
  return numberField(ctx, { ...base, min: 0, max: 366, step: 0.5, placeholder: 'ever',
    value: typeof ms === 'number' ? ms / DAY_MS : undefined,
    onChange: (v) => { numberOrDelete(base.object, base.key, v === undefined ? undefined : Math.round(v * DAY_MS)); ctx.draft.changed(); } });
}
