// "Saving…" / "Saved" / "Not saved: …", announced politely to screen readers.
import { h } from '../shared/dom';
import type { GuideDraft } from './guide_draft';

export function saveStateView(draft: GuideDraft): HTMLElement {
  const view = h('span', { class: 'save-state', role: 'status', 'aria-live': 'polite', id: 'save-state' });
  const retry = h('button', { type: 'button', class: 'link-button' }, 'Try again');
  retry.addEventListener('click', () => draft.changed());
  const draw = () => {
    view.dataset.state = draft.state;
    if (draft.state === 'saving') view.replaceChildren('Saving…');
    else if (draft.state === 'unsaved') view.replaceChildren('Unsaved changes');
    else if (draft.state === 'failed') view.replaceChildren(`Not saved: ${draft.error} `, retry);
    else if (draft.state === 'conflict') view.replaceChildren('Not saved: someone else saved this guide');
    else view.replaceChildren('Saved');
  };
  draw();
  const unsubscribe = draft.subscribe(() => {
    if (!view.isConnected && view.dataset.state) { unsubscribe(); return; }
    draw();
  });
  return view;
}
