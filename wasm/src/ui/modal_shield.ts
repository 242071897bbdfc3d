// What makes a modal step modal without `showModal()`, whose inertness restyles
// every element of the page (~52 ms at 4x CPU throttling on 9,000 elements,
// bench/sdk/RESULTS.md "Session 8"). Our host already sits in the top layer
// (ui_root.ts); while the modal is open this
// - hides everything else from assistive technology: aria-hidden on the
//   siblings of the modal and of each of its ancestors up to <html> (for the
//   page, the children of <body>), so a screen reader's virtual cursor cannot
//   leave it; an attribute no page rule selects on changes no style;
// - keeps the focus in the modal: focus that lands anywhere else (a page
//   script's focus(), the browser's find) is brought back.
// The pointer is blocked by the step's backdrop, Tab by its FocusTrap.
// The newest open shield guards the focus (as the topmost modal dialog would).
const open: ModalShield[] = [];

export class ModalShield {
  readonly #hidden: Array<[Element, string | null]> = [];
  readonly #box: HTMLElement;
  readonly #refocus: () => void;
  #refocusing = false;
  // Not re-entered: a focus trap of the page's own that takes the focus back
  // in its focusin handler ends the exchange instead of recursing.
  readonly #onFocus = (e: FocusEvent) => {
    const to = e.composedPath()[0];
    if (this.#refocusing || open[open.length - 1] !== this || !(to instanceof Node) || this.#box.contains(to)) return;
    this.#refocusing = true;
    this.#refocus();
    this.#refocusing = false;
  };
  readonly #keep: Element[];
  // What the page adds to <body> meanwhile (a toast, a portal), and a box of
  // ours shown meanwhile beside the modal (another guide's step), are hidden
  // too; not a newer modal (its own shield guards it) nor what `keep` names.
  // What is taken out of the page meanwhile (and not put back in the same
  // task: a move) gets its own state back then and is forgotten: the shield
  // kept every toast that came and went alive until the modal closed, and
  // "restored" one the app marked hidden itself before putting it back.
  // Put back, it is hidden again as a new element.
  readonly #added = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of Array.from(r.removedNodes)) {
        const at = this.#hidden.findIndex(([el]) => el === n);
        if (at >= 0 && !n.isConnected) restore(this.#hidden.splice(at, 1)[0]!);
      }
      for (const n of Array.from(r.addedNodes)) {
        if (n instanceof Element && !this.#keep.includes(n) && !open.some((m) => n.contains(m.#box))) this.#hide(n);
      }
    }
  });

  // `keep`: elements left visible (a live region that announces steps).
  // Call with the focus already inside `box`: Chromium refuses aria-hidden
  // on an ancestor of the focused element.
  constructor(box: HTMLElement, keep: Element[], refocus: () => void) {
    this.#box = box;
    this.#keep = keep;
    this.#refocus = refocus;
    for (let node: Element | null = box; node; node = parentAcrossShadow(node)) {
      const siblings = node.parentElement?.children ?? (node.parentNode as ShadowRoot | null)?.children ?? [];
      for (const s of Array.from(siblings)) {
        if (s === node || keep.includes(s) || s.localName === 'head') continue;
        // Chromium refuses aria-hidden on <body>: its children instead.
        if (s === document.body) Array.from(s.children).forEach((c) => this.#hide(c));
        else this.#hide(s);
      }
    }
    if (document.body) this.#added.observe(document.body, { childList: true });
    if (box.parentNode) this.#added.observe(box.parentNode, { childList: true });
    document.addEventListener('focusin', this.#onFocus, true);
    open.push(this);
  }

  #hide(el: Element): void {
    if (el.getAttribute('aria-hidden') === 'true') return;
    this.#hidden.push([el, el.getAttribute('aria-hidden')]);
    el.setAttribute('aria-hidden', 'true');
  }

  // Call before giving the focus back to the page. With another modal still
  // open, what this one hid stays hidden until that one closes.
  release(): void {
    const at = open.indexOf(this);
    if (at < 0) return;
    open.splice(at, 1);
    this.#added.disconnect();
    document.removeEventListener('focusin', this.#onFocus, true);
    const still = open[open.length - 1];
    for (const entry of this.#hidden) {
      if (still && !entry[0].contains(still.#box)) still.#hidden.push(entry);
      else restore(entry);
    }
  }
}

function restore([el, before]: [Element, string | null]): void {
  if (before === null) el.removeAttribute('aria-hidden');
  else el.setAttribute('aria-hidden', before);
}

function parentAcrossShadow(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}
