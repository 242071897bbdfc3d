// Keeps a floating box next to its target while the page scrolls or resizes:
// measure (reads), ask the core where the box goes, then write — once per frame.
export interface PlaceRequest {
  target: DOMRect; box: { width: number; height: number }; viewport: DOMRect;
  side: string; align: string; rtl: boolean; offset: number; padding: number; arrow: number;
}
export interface PlaceResult { side: string; x: number; y: number; arrow: number | null; fits: boolean; targetVisible: boolean }
export type PlaceFn = (r: PlaceRequest) => PlaceResult;
export type CenterFn = (box: { width: number; height: number }, viewport: DOMRect, padding: number) => PlaceResult;

// Calls `update` at most once per frame while the page scrolls or resizes, the
// visible part of it changes (pinch zoom, a phone's on-screen keyboard: no
// window event for either) or a `watched` element changes size, until the
// returned function is called; that also calls `cancelFirst` (which cancels a
// first update still to come).
export function anchor(update: () => void, watched: Element[], cancelFirst: () => void): () => void {
  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; update(); });
  };
  const vv = window.visualViewport;
  addEventListener('scroll', schedule, { capture: true, passive: true });
  addEventListener('resize', schedule, { passive: true });
  vv?.addEventListener('resize', schedule);
  vv?.addEventListener('scroll', schedule);
  const resizeObserver = new ResizeObserver(schedule);
  for (const el of watched) resizeObserver.observe(el);
  return () => {
    removeEventListener('scroll', schedule, { capture: true });
    removeEventListener('resize', schedule);
    vv?.removeEventListener('resize', schedule);
    vv?.removeEventListener('scroll', schedule);
    resizeObserver.disconnect();
    cancelFirst();
    if (frame) cancelAnimationFrame(frame);
  };
}

// Runs `fn` in a task of its own, after the current one (or `ms` later;
// cancel: the returned function).
export function nextTask(fn: () => void, ms = 0): () => void {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
}

// Where a box may go, in the layout viewport's coordinates (those of
// getBoundingClientRect and of our position:fixed boxes). With a phone's
// on-screen keyboard up, what the user sees (the visual viewport) is a part
// of the layout viewport, not always at 0,0. Pinch-zoomed in, the layout
// viewport: a box kept inside the zoomed-in part would follow the user's
// panning and never show the side of it that does not fit.
export function viewportRect(): DOMRect {
  const vv = window.visualViewport;
  return vv && vv.scale <= 1 ? new DOMRect(vv.offsetLeft, vv.offsetTop, vv.width, vv.height) : new DOMRect(0, 0, innerWidth, innerHeight);
}

// viewportRect() less a notched phone's notch, rounded corners and home
// indicator on a page with viewport-fit=cover: env(safe-area-inset-*), which
// only CSS can read, is the padding of our layer (styles.ts). The insets are
// from the layout viewport's edges.
export function safeViewportRect(layer: HTMLElement): DOMRect {
  const v = viewportRect(), s = getComputedStyle(layer);
  const left = Math.max(v.left, parseFloat(s.paddingLeft)), top = Math.max(v.top, parseFloat(s.paddingTop));
  const right = Math.min(v.right, innerWidth - parseFloat(s.paddingRight)), bottom = Math.min(v.bottom, innerHeight - parseFloat(s.paddingBottom));
  return new DOMRect(left, top, right - left, bottom - top);
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
