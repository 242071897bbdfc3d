// What editor mode draws over the app, inside Cairn's shadow root (so the
// app's CSS cannot reach it and it never intercepts a click): the picker's
// hover outline, check/highlight outlines (green: found, amber: a candidate
// of an ambiguous or missing step), and the "Cairn editor" badge.
import type { UiRoot } from '../ui/ui_root';

const CSS = `
.eo{position:fixed;pointer-events:none;box-sizing:border-box;border:2px solid var(--eo,#2563eb);background:color-mix(in srgb,var(--eo,#2563eb) 12%,transparent);border-radius:3px;z-index:1}
.eo.found{--eo:#16a34a}.eo.candidate{--eo:#d97706;border-style:dashed}
.eo span{position:absolute;left:-2px;bottom:100%;background:var(--eo,#2563eb);color:#fff;font:600 11px/16px system-ui,sans-serif;padding:0 5px;border-radius:3px 3px 0 0;white-space:nowrap;max-width:320px;overflow:hidden;text-overflow:ellipsis}
.eb{position:fixed;left:12px;bottom:12px;pointer-events:none;background:#111827;color:#fff;font:600 12px/1 system-ui,sans-serif;padding:7px 10px;border-radius:999px;box-shadow:0 2px 8px rgba(0,0,0,.3);z-index:2}
.eb::before{content:"";display:inline-block;width:7px;height:7px;border-radius:50%;background:#22c55e;margin-right:6px;vertical-align:1px}
`;

export type OutlineKind = 'hover' | 'found' | 'candidate';

// The element's border box in the top window's viewport: a frame's content is
// offset by the frame element's position and border.
export function topViewportRect(el: Element): DOMRect {
  const r = el.getBoundingClientRect();
  let x = r.x;
  let y = r.y;
  let win: Window | null = el.ownerDocument.defaultView;
  while (win && win !== window) {
    const frame = win.frameElement as HTMLElement | null;
    if (!frame) break;
    const f = frame.getBoundingClientRect();
    x += f.x + frame.clientLeft;
    y += f.y + frame.clientTop;
    win = frame.ownerDocument.defaultView;
  }
  return new DOMRect(x, y, r.width, r.height);
}

interface Outline { el: Element; box: HTMLElement; timer: number }

export class EditorOverlay {
  private readonly outlines: Outline[] = [];
  private hover: Outline | null = null;
  private badge: HTMLElement | null = null;
  private frame = 0;

  constructor(private readonly ui: UiRoot) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    ui.shadow.adoptedStyleSheets = [...ui.shadow.adoptedStyleSheets, sheet];
  }

  showBadge(text: string): void {
    this.ui.mount();
    if (!this.badge) {
      this.badge = document.createElement('div');
      this.badge.className = 'eb';
      this.badge.setAttribute('role', 'status');
      this.ui.layer.appendChild(this.badge);
    }
    this.badge.textContent = text;
  }

  // Moves the hover outline to `el` (null hides it).
  setHover(el: Element | null, label = ''): void {
    if (!el) {
      this.hover?.box.remove();
      this.hover = null;
      return;
    }
    if (!this.hover) this.hover = { el, box: this.box('hover'), timer: 0 };
    this.hover.el = el;
    this.hover.box.firstElementChild!.textContent = label;
    this.place(this.hover);
    this.follow();
  }

  // Outlines `el` until clear(), or for `forMs` when that is positive.
  add(el: Element, kind: Exclude<OutlineKind, 'hover'>, label: string, forMs = 0): void {
    const o: Outline = { el, box: this.box(kind), timer: 0 };
    o.box.firstElementChild!.textContent = label;
    this.outlines.push(o);
    this.place(o);
    this.follow();
    if (forMs > 0) o.timer = window.setTimeout(() => this.remove(o), forMs);
  }

  clear(): void {
    for (const o of this.outlines.splice(0)) {
      clearTimeout(o.timer);
      o.box.remove();
    }
  }

  private remove(o: Outline): void {
    const i = this.outlines.indexOf(o);
    if (i >= 0) this.outlines.splice(i, 1);
    o.box.remove();
  }

  destroy(): void {
    this.clear();
    this.setHover(null);
    this.badge?.remove();
    this.badge = null;
    cancelAnimationFrame(this.frame);
  }

  private box(kind: OutlineKind): HTMLElement {
    this.ui.mount();
    const box = document.createElement('div');
    box.className = kind === 'hover' ? 'eo' : `eo ${kind}`;
    box.appendChild(document.createElement('span'));
    this.ui.layer.appendChild(box);
    return box;
  }

  private place(o: Outline): void {
    const r = o.el.isConnected ? topViewportRect(o.el) : null;
    o.box.hidden = !r || (r.width === 0 && r.height === 0);
    if (!r) return;
    const s = o.box.style;
    s.left = r.x + 'px';
    s.top = r.y + 'px';
    s.width = r.width + 'px';
    s.height = r.height + 'px';
  }

  // Keeps outlines on their elements through scrolling, layout changes and
  // animations, one frame at a time, only while there is something to follow.
  private follow(): void {
    if (this.frame) return;
    const tick = () => {
      this.frame = 0;
      if (!this.hover && !this.outlines.length) return;
      if (this.hover) this.place(this.hover);
      for (const o of this.outlines) this.place(o);
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }
}
