// Keeps Tab inside one of our boxes while it is open, and the step's target
// with it: Tab from the box's last control goes to the target (its first tab
// stop), Tab from there back to the box's first control (Shift+Tab the other
// way). A tooltip that asks for a click on its target (advance: click_target,
// often its only way on) could not be followed from the keyboard: Tab went
// round its Close button, and Escape or Close ended the guide. Where the
// focus goes when a box goes away is focus_return.ts's job.
export const FOCUSABLE = 'button,[href],input,select,textarea,[tabindex]';

// The box's tab stops (with the box itself, when `self`), in order: not
// disabled, not taken out of the tab order (a radio group's other answers).
function tabStops(box: Element, self = false): HTMLElement[] {
  const all = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
  if (self && box.matches(FOCUSABLE)) all.unshift(box as HTMLElement);
  return all.filter((el) => el.tabIndex >= 0 && !el.matches(':disabled'));
}

export class FocusTrap {
  readonly #onKey = (e: KeyboardEvent) => {
    const items = tabStops(this.#box);
    if (e.key !== 'Tab' || !items.length) return;
    const root = this.#box.getRootNode() as ShadowRoot;
    const active = root.activeElement;
    const first = items[0]!, last = items[items.length - 1]!;
    const out = this.#target?.isConnected ? this.#target : null;
    const to = e.currentTarget === out ? (e.shiftKey ? last : first)
      : e.shiftKey && (active === first || !this.#box.contains(active)) ? out ?? last
      : !e.shiftKey && (active === last || !this.#box.contains(active)) ? out ?? first : null;
    if (to) { e.preventDefault(); to.focus(); }
  };
  readonly #box: HTMLElement;
  readonly #target: HTMLElement | undefined;

  // `target`: the element the box points at, if any.
  constructor(box: HTMLElement, target?: Element | null) {
    this.#box = box;
    this.#target = target ? tabStops(target, true)[0] : undefined;
    box.addEventListener('keydown', this.#onKey);
    this.#target?.addEventListener('keydown', this.#onKey as EventListener);
  }

  // Call when the box goes: the target's listener goes too.
  release(): void {
    this.#target?.removeEventListener('keydown', this.#onKey as EventListener);
  }

  focusFirst(): void {
    firstControl(this.#box).focus({ preventScroll: true });
  }
}

// The primary button, a survey's answers (its Submit is disabled until an
// answer is picked, and a disabled button takes no focus: the focus stayed
// in the page), else the first tab stop, else the box itself.
export function firstControl(box: HTMLElement): HTMLElement {
  return box.querySelector<HTMLElement>('button.primary:enabled,.sv button:not([tabindex="-1"])') ?? tabStops(box)[0] ?? box;
}

export function deepActiveElement(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
