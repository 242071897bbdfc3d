// The picker: while active, an outline follows the pointer over the app —
// into open shadow roots (the event's composed path starts at the innermost
// element) and same-origin iframes (each frame's window gets the listeners) —
// and the next click is swallowed (neither the app nor Cairn's recorder sees
// it) and reported. Esc cancels. Cairn's own UI is never a candidate.
import { CAIRN_UI_TAG, walkPage } from '../platform/page_walk';
import type { EditorOverlay } from './editor_overlay';

// Everything a click is made of: each is swallowed so that an app reacting
// on pointerdown or mouseup does not act on the author's pick either.
const SWALLOWED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'];

export class ElementPicker {
  private readonly cleanups: Array<() => void> = [];

  constructor(private readonly overlay: EditorOverlay, private readonly onPick: (el: Element) => void,
              private readonly onCancel: () => void) {}

  get active(): boolean {
    return this.cleanups.length > 0;
  }

  start(): void {
    this.stop();
    for (const win of sameOriginWindows()) this.listen(win);
  }

  stop(): void {
    while (this.cleanups.length) this.cleanups.pop()!();
    this.overlay.setHover(null);
  }

  private listen(win: Window): void {
    const on = (type: string, fn: (e: Event) => void) => {
      win.addEventListener(type, fn, { capture: true });
      this.cleanups.push(() => win.removeEventListener(type, fn, { capture: true }));
    };
    on('pointermove', (e) => {
      const el = pickable(e);
      this.overlay.setHover(el, el ? label(el) : '');
    });
    for (const type of SWALLOWED) {
      on(type, (e) => {
        const el = pickable(e);
        if (!el) return;
        e.preventDefault();
        e.stopImmediatePropagation();
        if (type === 'click') {
          this.stop();
          this.onPick(el);
        }
      });
    }
    on('keydown', (e) => {
      if ((e as KeyboardEvent).key !== 'Escape') return;
      e.preventDefault();
      e.stopImmediatePropagation();
      this.stop();
      this.onCancel();
    });
  }
}

// This window and every same-origin frame inside it, at any depth.
function sameOriginWindows(): Window[] {
  const out: Window[] = [window];
  for (const w of walkPage(document.body)) {
    if (w.el.localName !== 'iframe') continue;
    try {
      const win = (w.el as HTMLIFrameElement).contentWindow;
      if (win && win.document) out.push(win);
    } catch {
      // Cross-origin frame: not ours to read.
    }
  }
  return out;
}

// The innermost element under the pointer, unless it is Cairn's own UI.
function pickable(e: Event): Element | null {
  const path = e.composedPath();
  const el = path.find((t): t is Element => (t as Node).nodeType === 1) ?? null;
  if (!el) return null;
  for (const t of path) {
    if ((t as Element).localName === CAIRN_UI_TAG) return null;
  }
  const tag = el.localName;
  if (tag === 'html' || tag === 'body') return null;
  // A shape inside an icon is not a target; the icon (the outermost svg) is.
  let svg = el.closest('svg');
  for (let up = svg?.parentElement?.closest('svg'); up; up = up.parentElement?.closest('svg')) svg = up;
  return svg ?? el;
}

function label(el: Element): string {
  const id = el.id ? '#' + el.id : '';
  const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
  return el.localName + id + cls;
}
