// Where the focus goes when a box of ours that holds it goes away (the guide
// ends or moves on, a route change hides it, the host's API closes it): the
// browser drops it on <body>, where a screen reader starts the page over and
// Tab starts from the top. The first of `candidates` that takes the focus
// (still in the page, shown, focusable), else the page's first tab stop: our
// UI is the last thing in the document, so Tab from it would wrap there.
import { deepActiveElement, FOCUSABLE } from './focus_trap';

export function returnFocus(candidates: Array<Element | null | undefined>): void {
  // `:focus`, not activeElement: it holds for one of ours in our shadow root
  // and for a target in a frame. Focusing an element out of the page does nothing.
  const take = (c: Element | null | undefined) => {
    (c as HTMLElement | null)?.focus?.({ preventScroll: true });
    return !!c?.matches(':focus');
  };
  if (!candidates.some(take)) Array.from(document.body?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []).some((el) => el.tabIndex >= 0 && take(el));
}

// Whether the focus is nowhere (on <body>): what a removed focused element leaves.
export function focusLost(): boolean {
  const a = deepActiveElement();
  return !a || a === document.body;
}
