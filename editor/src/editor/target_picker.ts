// The "target element" of a step (or of a trigger / advance rule): what is
// stored, and "Pick in app", which opens the app through the bridge, lets the
// author click the element and stores the returned fingerprint at
// `holder[key].fingerprint` (steps) or `holder[key]` (trigger/advance
// `element`), exactly where the guide format puts it.
import { h } from '../shared/dom';
import { describeError, notify } from '../shared/notices';
import type { EditorContext } from './editor_context';
import { editButton, fieldId } from './form_fields';
import { describeElement, summaryFromFingerprint } from './fingerprint_summary';
import { isObject, type JsonObject } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';

export interface TargetSlot {
  holder: JsonObject;
  key: string;
  // true: {"fingerprint": {...}} (a step's target); false: the fingerprint itself.
  wrapped: boolean;
  path: Path;
  label: string;
  required: boolean;
}

function storedFingerprint(slot: TargetSlot): unknown {
  const value = slot.holder[slot.key];
  if (!isObject(value)) return null;
  return slot.wrapped ? value.fingerprint ?? null : value;
}

export function targetPicker(ctx: EditorContext, slot: TargetSlot, rerender: () => void): HTMLElement {
  const fingerprint = storedFingerprint(slot);
  const id = fieldId('target');
  const errorSlot = h('div', { class: 'field-error', id: `${id}-problems`, 'aria-live': 'polite' });
  const description = h('p', { class: 'target-summary', id: `${id}-summary` },
    fingerprint ? describeElement(summaryFromFingerprint(fingerprint)) : slot.required ? 'No element picked yet (required).' : 'No element.');
  const pick = editButton(ctx, fingerprint ? 'Pick again' : 'Pick in app', () => {
    if (pick!.dataset.picking) ctx.liveApp.cancelPick();
    else void pickElement(ctx, slot, rerender, pick!);
  }, {
    id: `${id}-pick`, 'aria-describedby': `${id}-summary ${id}-problems`, class: 'pick-button' });
  const show = fingerprint ? h('button', { type: 'button' }, 'Show in app') : null;
  show?.addEventListener('click', () => void showInApp(ctx, fingerprint));
  const remove = fingerprint && !slot.required ? editButton(ctx, 'Remove element', () => {
    delete slot.holder[slot.key];
    ctx.draft.changed();
    rerender();
  }, { class: 'link-button' }) : null;
  const container = h('div', { class: 'field target-picker', 'data-pointer': toPointer(slot.path), role: 'group', 'aria-labelledby': `${id}-label` },
    h('div', { class: 'field-label', id: `${id}-label` }, slot.label), description, h('div', { class: 'row' }, pick, show, remove), errorSlot);
  ctx.fields.register(toPointer(slot.path), container, pick ?? show ?? description, errorSlot);
  return container;
}

// While picking, the button cancels the pick.
async function pickElement(ctx: EditorContext, slot: TargetSlot, rerender: () => void, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  try {
    const bridge = await ctx.liveApp.open();
    notify('Click the element in your app (Esc cancels).');
    button.dataset.picking = 'true';
    button.textContent = 'Cancel picking';
    const picked = await bridge.pick().finally(() => {
      delete button.dataset.picking;
      button.textContent = label;
    });
    if (!picked) {
      notify('Picking cancelled.');
      return;
    }
    const fingerprint = picked.fingerprint as JsonObject;
    slot.holder[slot.key] = slot.wrapped ? { fingerprint } : fingerprint;
    ctx.draft.changed();
    ctx.draft.clearProblemsAt(toPointer(slot.path));
    rerender();
    notify(`Picked ${describeElement(picked.summary)}.`, 'success');
    window.focus();
  } catch (e) {
    notify(describeError(e), 'error', 8000);
  }
}

async function showInApp(ctx: EditorContext, fingerprint: unknown): Promise<void> {
  try {
    const bridge = await ctx.liveApp.open();
    const answer = await bridge.highlight(fingerprint);
    if (answer.type === 'check_result' && Array.isArray(answer.steps)) {
      const status = (answer.steps[0] as { status?: string } | undefined)?.status;
      if (status && status !== 'found') notify(`The element is ${status} on this page.`, 'error');
    }
  } catch (e) {
    notify(describeError(e), 'error', 8000);
  }
}
