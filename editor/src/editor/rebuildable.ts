// A region of the page that redraws itself after structural edits (a rule
// added, a step moved) while keeping keyboard focus where the user was: the
// control marked with the same `data-focus-key` (a field whose redraw adds
// controls before it, like the rollout, which makes an audience condition),
// else the control at the same position, or the nearest one before it.
import { h } from '../shared/dom';

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex="0"]';

export function rebuildable(render: (rerender: () => void) => Array<Node | null>, tag: 'div' | 'section' = 'div'): HTMLElement {
  const container = h(tag, { class: 'rebuildable' });
  const rerender = () => {
    const focusables = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const index = focusables.indexOf(document.activeElement as HTMLElement);
    const key = focusables[index]?.dataset.focusKey;
    container.replaceChildren(...render(rerender).filter((n): n is Node => n !== null));
    if (index < 0) return;
    const same = key === undefined ? null : container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    if (same) {
      same.focus();
      return;
    }
    const after = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !(e as HTMLInputElement).disabled);
    after[Math.min(index, after.length - 1)]?.focus();
  };
  container.replaceChildren(...render(rerender).filter((n): n is Node => n !== null));
  return container;
}
