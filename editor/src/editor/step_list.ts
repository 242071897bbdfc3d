// The list of steps beside the step form: select a step, move it (buttons,
// or Alt+Arrow keys on the step), duplicate, delete, add a step of any kind.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { editButton, fieldId } from './form_fields';
import { newStep } from './guide_templates';
import { clone, fallbackLocale, STEP_KIND_LABELS, STEP_KINDS, uniqueStepId, type JsonObject, type StepKind } from './guide_types';

const MAX_STEPS = 50;

export interface StepListActions {
  select(index: number): void;
  // After a move/duplicate/delete/add: redraw both list and form, focusing `focus`.
  structureChanged(selected: number, focus?: string): void;
}

function problemCount(ctx: EditorContext, index: number): number {
  return ctx.draft.problems.filter((p) => p.pointer === `/steps/${index}` || p.pointer.startsWith(`/steps/${index}/`)).length;
}

function problemMarker(ctx: EditorContext, index: number): HTMLElement | null {
  const problems = problemCount(ctx, index);
  return problems ? h('span', { class: 'problem-count', title: `${problems} problem(s)` }, ` ⚠ ${problems}`) : null;
}

// The markers alone, after a save, while the author works in the list (a
// redraw would take the focus from under the keyboard): without it, a step
// moved with Alt+Arrow left its marker on the step that took its place.
export function refreshProblemMarkers(ctx: EditorContext, list: HTMLElement): void {
  list.querySelectorAll<HTMLElement>('.step-select').forEach((select, i) => {
    select.querySelector('.problem-count')?.remove();
    const marker = problemMarker(ctx, i);
    if (marker) select.append(marker);
  });
}

export function stepList(ctx: EditorContext, actions: StepListActions): HTMLElement {
  const guide = ctx.draft.guide;
  const all = guide.steps as JsonObject[];
  const move = (from: number, to: number) => {
    if (to < 0 || to >= all.length) return;
    const [step] = all.splice(from, 1);
    all.splice(to, 0, step!);
    ctx.draft.changed();
    actions.structureChanged(to, `step-select-${to}`);
  };
  const items = all.map((step, i) => {
    const select = h('button', { type: 'button', class: 'step-select', id: `step-select-${i}`, 'aria-current': i === ctx.view.stepIndex ? 'step' : null,
      'aria-keyshortcuts': ctx.readOnly ? null : 'Alt+ArrowUp Alt+ArrowDown' },
      h('span', { class: 'step-number' }, `${i + 1}.`), ` ${String(step.kind)} · ${String(step.id ?? '')}`,
      problemMarker(ctx, i));
    select.addEventListener('click', () => actions.select(i));
    select.addEventListener('keydown', (event) => {
      if (ctx.readOnly || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      event.preventDefault();
      move(i, event.key === 'ArrowUp' ? i - 1 : i + 1);
    });
    const label = `step ${i + 1}`;
    return h('li', { class: i === ctx.view.stepIndex ? 'selected' : null },
      select,
      h('div', { class: 'step-actions' },
        i > 0 ? editButton(ctx, '↑', () => move(i, i - 1), { 'aria-label': `Move ${label} up`, title: 'Move up (Alt+↑)' }) : null,
        i < all.length - 1 ? editButton(ctx, '↓', () => move(i, i + 1), { 'aria-label': `Move ${label} down`, title: 'Move down (Alt+↓)' }) : null,
        all.length < MAX_STEPS ? editButton(ctx, 'Duplicate', () => {
          const copy = clone(step);
          copy.id = uniqueStepId(guide, `${String(step.id)}-copy`);
          all.splice(i + 1, 0, copy);
          ctx.draft.changed();
          actions.structureChanged(i + 1, `step-select-${i + 1}`);
        }, { 'aria-label': `Duplicate ${label}` }) : null,
        all.length > 1 ? editButton(ctx, 'Delete', () => {
          if (!confirm(`Delete step ${i + 1} (${String(step.id)})?`)) return;
          all.splice(i, 1);
          ctx.draft.changed();
          const next = Math.min(i, all.length - 1);
          actions.structureChanged(next, `step-select-${next}`);
        }, { 'aria-label': `Delete ${label}`, class: 'danger' }) : null));
  });
  const kindSelect = h('select', { id: fieldId('new-step-kind') }, STEP_KINDS.map((k) => h('option', { value: k }, STEP_KIND_LABELS[k])));
  const add = editButton(ctx, 'Add step', () => {
    const kind = kindSelect.value as StepKind;
    all.push(newStep(kind, uniqueStepId(guide, kind), fallbackLocale(guide)));
    ctx.draft.changed();
    actions.structureChanged(all.length - 1, 'step-editor-heading');
  });
  return h('nav', { class: 'step-list', 'aria-label': 'Steps' },
    h('h2', {}, 'Steps'),
    h('ol', {}, items),
    !ctx.readOnly && all.length < MAX_STEPS
      ? h('div', { class: 'add-step' }, h('label', { for: kindSelect.id }, 'New step kind'), kindSelect, add)
      : null);
}
