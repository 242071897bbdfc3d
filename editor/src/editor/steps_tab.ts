// The Steps tab: the step list on the left, the selected step's form on the right.
import { h } from '../shared/dom';
import type { EditorContext } from './editor_context';
import { stepEditor } from './step_editor';
import { refreshProblemMarkers, stepList, type StepListActions } from './step_list';
import { steps } from './guide_types';

export function stepsTab(ctx: EditorContext): HTMLElement {
  const listSlot = h('div', { class: 'step-list-slot' });
  const formSlot = h('div', { class: 'step-form' });
  const actions: StepListActions = {
    select(index) {
      ctx.view.stepIndex = index;
      drawList();
      drawForm();
      document.getElementById('step-editor-heading')?.focus();
    },
    structureChanged(selected, focus) {
      ctx.view.stepIndex = selected;
      drawList();
      drawForm();
      if (focus) document.getElementById(focus)?.focus();
    },
  };
  const drawList = () => {
    const count = steps(ctx.draft.guide).length;
    ctx.view.stepIndex = Math.max(0, Math.min(ctx.view.stepIndex, count - 1));
    listSlot.replaceChildren(stepList(ctx, actions));
  };
  const drawForm = () => {
    const count = steps(ctx.draft.guide).length;
    formSlot.replaceChildren(count
      ? stepEditor(ctx, ctx.view.stepIndex, (what) => {
        drawList();
        if (what === 'kind') {
          drawForm();
          formSlot.querySelector<HTMLElement>('[data-pointer$="/kind"] select')?.focus();
        }
        ctx.refreshProblems();
      })
      : h('p', { class: 'empty-state' }, 'This guide has no steps.'));
    ctx.refreshProblems();
  };
  // Problem markers in the list follow the latest save.
  const unsubscribe = ctx.draft.subscribe(() => {
    if (!listSlot.isConnected) { unsubscribe(); return; }
    const focused = document.activeElement?.id;
    if (listSlot.contains(document.activeElement)) {
      refreshProblemMarkers(ctx, listSlot);
      return;
    }
    drawList();
    if (focused) document.getElementById(focused)?.focus();
  });
  drawList();
  drawForm();
  return h('div', { class: 'steps-tab' }, listSlot, formSlot);
}
