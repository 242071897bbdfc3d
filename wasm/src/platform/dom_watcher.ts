// Tells the adapter that the page changed, at most once per animation frame:
// a MutationObserver whose bursts (a framework re-rendering a list) collapse into
// one callback, and `toggle` events: a popover shown or hidden changes no
// attribute (a <details> or <dialog> its `open`, watched too, as not every
// browser fires `toggle` for a dialog). Changes of Cairn's own UI are ignored.
import { CAIRN_UI_TAG } from './page_walk';

export class DomWatcher {
  #observer: MutationObserver | null = null;
  #frame = 0;
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  start(): void {
    if (this.#observer) return;
    this.#observer = new MutationObserver((records) => {
      if (!records.every((r) => isOurs(r.target))) this.#changed();
    });
    this.#observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true,
      attributeFilter: ['id', 'class', 'hidden', 'style', 'aria-label', 'role', 'data-testid', 'open'] });
    document.addEventListener('toggle', this.#onToggle, true);
  }

  readonly #onToggle = (e: Event): void => {
    if (!isOurs(e.target as Node)) this.#changed();
  };

  #changed(): void {
    if (!this.#frame) this.#frame = requestAnimationFrame(() => { this.#frame = 0; this.#onChange(); });
  }

  stop(): void {
    document.removeEventListener('toggle', this.#onToggle, true);
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }
}

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el && (el.localName === CAIRN_UI_TAG || el.closest(CAIRN_UI_TAG) !== null);
}
