// Where the focus goes when a box of ours that holds it goes away (the guide
// ends or moves on, a route change hides it, the host's API closes it): the
// browser drops it on <body>, where a screen reader starts the page over and
// Tab starts from the top. The first of `candidates` that takes the focus
// (still in the page, shown, focusable), else the page's first tab stop: our
// UI is the last thing in the document, so Tab from it would wrap there.
import { deepActiveElement, FOCUSABLE } from './focus_trap';

export function returnFocus(candidates: Array<Element | null | undefined>): void {
  const page = Array.from(document.body?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []).filter((el) => el.tabIndex >= 0);
  for (const c of [...candidates, ...page] as Array<HTMLElement | null | undefined>) {
    // `:focus`, not activeElement: it holds for one of ours in our shadow
    // root and for a target in a frame.
    if (!c?.isConnected || typeof c.focus !== 'function') continue;
    c.focus({ preventScroll: true });
    if (c.matches(':focus')) return;
  }
}

// Whether the focus is nowhere (on <body>): what a removed focused element leaves.
export function focusLost(): boolean {
  const a = deepActiveElement();
  return !a || a === document.body;
}
