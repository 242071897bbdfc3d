// Keeps Tab inside one of our boxes while it is open, and gives focus back to
// where it was when the box closes.
const FOCUSABLE = 'button,[href],input,select,textarea,[tabindex]:not([tabindex="-1"])';

export class FocusTrap {
  // Where the focus goes back to on release; set it when that is a control
  // of ours that goes with the box (a hotspot's beacon).
  returnTo_: Element | null;
  readonly #onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Tab') return;
    const items = Array.from(this.#box.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hasAttribute('disabled'));
    if (!items.length) return;
    const root = this.#box.getRootNode() as ShadowRoot;
    const active = root.activeElement;
    const first = items[0]!, last = items[items.length - 1]!;
    if (e.shiftKey && (active === first || !this.#box.contains(active))) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && (active === last || !this.#box.contains(active))) { e.preventDefault(); first.focus(); }
  };
  readonly #box: HTMLElement;

  constructor(box: HTMLElement) {
    this.#box = box;
    this.returnTo_ = deepActiveElement();
    box.addEventListener('keydown', this.#onKey);
  }

  // The primary button, a survey's first answer (its Submit is disabled
  // until an answer is picked, and a disabled button takes no focus: the
  // focus stayed in the page), else the first control.
  focusFirst(): void {
    const primary = this.#box.querySelector<HTMLElement>('button.primary:enabled,.sv button') ?? this.#box.querySelector<HTMLElement>(FOCUSABLE);
    (primary ?? this.#box).focus({ preventScroll: true });
  }

  release(): void {
    this.#box.removeEventListener('keydown', this.#onKey);
    const back = this.returnTo_ as HTMLElement | null;
    if (back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
  }
}

function deepActiveElement(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
