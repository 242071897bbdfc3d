// Keeps a floating box next to its target while the page scrolls or resizes:
// measure (reads), ask the core where the box goes, then write — once per frame.
export interface PlaceRequest {
  target: DOMRect; box: { width: number; height: number }; viewport: DOMRect;
  side: string; align: string; rtl: boolean; offset: number; padding: number; arrow: number;
}
export interface PlaceResult { side: string; x: number; y: number; arrow: number | null; fits: boolean; targetVisible: boolean }
export type PlaceFn = (r: PlaceRequest) => PlaceResult;
export type CenterFn = (box: { width: number; height: number }, viewport: DOMRect, padding: number) => PlaceResult;

export class Anchor {
  #frame = 0;
  readonly #schedule = () => {
    if (!this.#frame) this.#frame = requestAnimationFrame(() => { this.#frame = 0; this.#update(); });
  };
  readonly #resizeObserver: ResizeObserver;
  readonly #update: () => void;

  readonly #cancelFirst: (() => void) | undefined;

  // `cancelFirst` cancels a first update still to come (stop() calls it).
  constructor(update: () => void, watched: Element[], cancelFirst?: () => void) {
    this.#update = update;
    this.#cancelFirst = cancelFirst;
    addEventListener('scroll', this.#schedule, { capture: true, passive: true });
    addEventListener('resize', this.#schedule, { passive: true });
    this.#resizeObserver = new ResizeObserver(this.#schedule);
    for (const el of watched) this.#resizeObserver.observe(el);
  }

  stop(): void {
    removeEventListener('scroll', this.#schedule, { capture: true });
    removeEventListener('resize', this.#schedule);
    this.#resizeObserver.disconnect();
    this.#cancelFirst?.();
    if (this.#frame) cancelAnimationFrame(this.#frame);
  }
}

// Runs `fn` in a task of its own, after the current one (cancel: the
// returned function).
export function nextTask(fn: () => void): () => void {
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

export function viewportRect(): DOMRect {
  const vv = window.visualViewport;
  return new DOMRect(0, 0, vv ? vv.width : innerWidth, vv ? vv.height : innerHeight);
}

// The target's rectangle in the top window's viewport (adds iframe offsets).
export function targetRect(el: Element): DOMRect {
  const r = el.getBoundingClientRect();
  let x = r.x, y = r.y;
  let win: Window | null = el.ownerDocument.defaultView;
  while (win && win !== window && win.frameElement) {
    const f = win.frameElement.getBoundingClientRect();
    x += f.x; y += f.y;
    win = win.parent;
  }
  return new DOMRect(x, y, r.width, r.height);
}
