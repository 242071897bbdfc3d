// The "target element" of a step (or of a trigger / advance rule): what is
// stored, and "Pick in app", which opens the app through the bridge, lets the
// author click the element and stores the returned fingerprint at
// `holder[key].fingerprint` (steps) or `holder[key]` (trigger/advance
// `element`), exactly where the guide format puts it. Under the description,
// how reliably Cairn will find the element (target_reliability.ts), as the
// app's SDK judged it at the pick or at the last "Show in app".
import { h, replaceChildren } from '../shared/dom';
import type { StepCheck } from '../shared/app_bridge';
import { describeError, notify } from '../shared/notices';
import type { EditorContext } from './editor_context';
import { editButton, fieldId } from './form_fields';
import { describeElement, summaryFromFingerprint } from './fingerprint_summary';
import { isObject, steps, type JsonObject } from './guide_types';
import { reliabilityVerdict, type Reliability } from './target_reliability';
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

// The last verdict on each stored fingerprint (the object the draft holds), so
// it outlives the re-render a pick causes; it goes with the object.
const verdicts = new WeakMap<object, Reliability>();

// Shows `verdict` in `slot`, or hides the slot when there is none.
function showVerdict(slot: HTMLElement, verdict: Reliability | undefined): void {
  // "Reliable:" in bold, the rest as it is: the same text either way.
  const cut = verdict ? verdict.text.indexOf(':') + 1 : 0;
  replaceChildren(slot, verdict && cut > 0 ? h('strong', {}, verdict.text.slice(0, cut)) : null, verdict?.text.slice(cut) ?? '');
  slot.hidden = !verdict;
  if (verdict) slot.dataset.level = verdict.level;
  else delete slot.dataset.level;
}

// "Check guide" judged every step found on the app's page: each of those
// steps' forms shows its verdict too (a step the check did not find keeps the
// last one). Returns how many steps got one.
export function rememberCheckVerdicts(guide: JsonObject, checked: StepCheck[]): number {
  let remembered = 0;
  for (const step of steps(guide)) {
    const fingerprint = isObject(step.target) ? step.target.fingerprint : null;
    const verdict = reliabilityVerdict(checked.find((c) => c.step_id === step.id));
    if (!verdict || !isObject(fingerprint)) continue;
    verdicts.set(fingerprint, verdict);
    remembered++;
  }
  return remembered;
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
  const reliability = h('p', { class: 'target-reliability', id: `${id}-reliability` });
  showVerdict(reliability, isObject(fingerprint) ? verdicts.get(fingerprint) : undefined);
  const pick = editButton(ctx, fingerprint ? 'Pick again' : 'Pick in app', () => {
    if (pick!.dataset.picking) ctx.liveApp.cancelPick();
    else void pickElement(ctx, slot, rerender, pick!);
  }, {
    id: `${id}-pick`, 'aria-describedby': `${id}-summary ${id}-reliability ${id}-problems`, class: 'pick-button' });
  const show = fingerprint ? h('button', { type: 'button', 'aria-describedby': `${id}-summary ${id}-reliability` }, 'Show in app') : null;
  show?.addEventListener('click', () => void showInApp(ctx, fingerprint, reliability));
  const remove = fingerprint && !slot.required ? editButton(ctx, 'Remove element', () => {
    delete slot.holder[slot.key];
    ctx.draft.changed();
    rerender();
  }, { class: 'link-button' }) : null;
  const container = h('div', { class: 'field target-picker', 'data-pointer': toPointer(slot.path), role: 'group', 'aria-labelledby': `${id}-label` },
    h('div', { class: 'field-label', id: `${id}-label` }, slot.label), description, reliability, h('div', { class: 'row' }, pick, show, remove), errorSlot);
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
    const verdict = reliabilityVerdict(picked.check, { picked: true });
    if (verdict) verdicts.set(fingerprint, verdict);
    slot.holder[slot.key] = slot.wrapped ? { fingerprint } : fingerprint;
    ctx.draft.changed();
    ctx.draft.clearProblemsAt(toPointer(slot.path));
    rerender();
    // The verdict in the notice too: it is announced, and the author looks there first.
    const warn = verdict !== null && verdict.level !== 'reliable';
    notify(`Picked ${describeElement(picked.summary)}.${verdict ? ` ${verdict.text}` : ''}`, warn ? 'info' : 'success', verdict ? 12000 : 5000);
    window.focus();
  } catch (e) {
    notify(describeError(e), 'error', 8000);
  }
}

// Outlines the element in the app and shows the verdict on it there (an
// answer without one leaves the last verdict standing).
async function showInApp(ctx: EditorContext, fingerprint: unknown, reliability: HTMLElement): Promise<void> {
  try {
    const bridge = await ctx.liveApp.open();
    const answer = await bridge.highlight(fingerprint);
    if (answer.type === 'check_result' && Array.isArray(answer.steps)) {
      const step = answer.steps[0] as StepCheck | undefined;
      const status = step?.status;
      if (status && status !== 'found') notify(`The element is ${status} on this page.`, 'error');
      const verdict = reliabilityVerdict(step);
      if (verdict && isObject(fingerprint)) {
        verdicts.set(fingerprint, verdict);
        showVerdict(reliability, verdict);
      }
    }
  } catch (e) {
    notify(describeError(e), 'error', 8000);
  }
}
