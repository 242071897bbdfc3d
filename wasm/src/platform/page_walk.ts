// One pass over the page in document order — open shadow roots and same-origin
// iframes included, where they sit — collecting every element a guide could
// target. The walk only reads the DOM (no style or layout reads), so measuring
// thousands of elements afterwards costs one layout, not one per element.
export const CAIRN_UI_TAG = 'cairn-ui';

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'link', 'meta', CAIRN_UI_TAG]);

// Fields ending in `_` never leave the adapter: build.mjs minifies their names.
export interface WalkedElement {
  el: Element;
  parent: number;     // index of the parent (shadow host / iframe count as parents), -1 at body
  sameTagIndex_: number;
  subtreeEnd_: number;  // one past the last descendant's index
  ownText_: string;     // collapsed text of the element's direct text children
  masked_: boolean;     // data-cairn-mask on it or on a parent (shadow hosts and frames included)
}

export function collapse(text: string | null | undefined): string {
  return text ? text.replace(/\s+/g, ' ').trim() : '';
}

function ownTextOf(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) text += n.nodeValue;
  }
  return text && collapse(text);
}

// An element's own text as the walk records it: an svg is a leaf without text.
export function walkedOwnText(el: Element): string {
  return el.localName === 'svg' ? '' : ownTextOf(el);
}

// Children of `el` in walk order: the open shadow root's children, then the
// light children, then a same-origin iframe's body.
function childrenOf(el: Element): Element[] {
  const out: Element[] = [];
  if (el.shadowRoot) {
    for (let c = el.shadowRoot.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  }
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  const body = frameBody(el);
  if (body) out.push(body);
  return out;
}

// The body of `el` when it is a same-origin iframe, else null.
export function frameBody(el: Element): Element | null {
  if (el.localName !== 'iframe') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument?.body ?? null;
  } catch {
    return null;  // Cross-origin frame: not ours to read.
  }
}

// Whether the walk enters `child`, one of childrenOf(parent).
function isWalkedChild(child: Element, parent: Element): boolean {
  const tag = child.localName;
  return !SKIPPED.has(tag) && (child.namespaceURI === parent.namespaceURI || tag === 'svg');
}

// The elements the walk visits right below `el`, in walk order (none below an
// svg: its internals are not targets).
export function walkedChildren(el: Element): Element[] {
  // Most elements are leaves: no list to build.
  if (el.localName === 'svg' || !el.firstElementChild && !el.shadowRoot && el.localName !== 'iframe') return [];
  return childrenOf(el).filter((c) => isWalkedChild(c, el));
}

export const MASK_ATTRIBUTE = 'data-cairn-mask';

// Whether `el` or one of its parents (as parentOf sees them) is masked, for an
// element reached without a walk.
export function isMaskedElement(el: Element): boolean {
  for (let p: Element | null = el; p; p = parentOf(p)) {
    if (p.hasAttribute(MASK_ATTRIBUTE)) return true;
  }
  return false;
}

interface Frame { me: number; children: Element[]; next: number; counts_: Map<string, number> | null }

// The walk as a resumable loop over an explicit stack, so a large page can be
// walked in slices (page_scan.ts); walkPage() runs it to the end at once.
export class PageWalker {
  readonly walked: WalkedElement[] = [];
  readonly #stack: Frame[] = [];
  readonly #limit: number;

  constructor(root: Element, limit = 20000) {
    this.#limit = limit;
    this.#enter(root, -1, 0);
  }

  // Walks until `deadline` (performance.now()); true when the walk is done.
  step(deadline: number): boolean {
    const out = this.walked;
    let entered = 0;
    while (this.#stack.length) {
      const frame = this.#stack[this.#stack.length - 1]!;
      if (frame.next >= frame.children.length || out.length >= this.#limit) {
        out[frame.me]!.subtreeEnd_ = out.length;
        this.#stack.pop();
        continue;
      }
      const child = frame.children[frame.next++]!;
      const parent = out[frame.me]!;
      const tag = child.localName;
      if (!isWalkedChild(child, parent.el)) continue;
      const counts = (frame.counts_ ??= new Map());
      const n = counts.get(tag) ?? 0;
      counts.set(tag, n + 1);
      // svg internals are not targets: the svg element itself is.
      if (tag === 'svg') {
        out.push({ el: child, parent: frame.me, sameTagIndex_: n, subtreeEnd_: out.length + 1, ownText_: '',
          masked_: parent.masked_ || child.hasAttribute(MASK_ATTRIBUTE) });
        continue;
      }
      this.#enter(child, frame.me, n);
      if ((++entered & 63) === 0 && performance.now() >= deadline) return false;
    }
    return true;
  }

  #enter(el: Element, parent: number, sameTagIndex: number): void {
    const out = this.walked;
    if (out.length >= this.#limit) return;
    const me = out.length;
    const masked = parent >= 0 ? out[parent]!.masked_ || el.hasAttribute(MASK_ATTRIBUTE) : isMaskedElement(el);
    out.push({ el, parent, sameTagIndex_: sameTagIndex, subtreeEnd_: me + 1, ownText_: ownTextOf(el), masked_: masked });
    this.#stack.push({ me, children: childrenOf(el), next: 0, counts_: null });
  }
}

export function walkPage(root: Element, limit = 20000): WalkedElement[] {
  const walker = new PageWalker(root, limit);
  walker.step(Infinity);
  return walker.walked;
}

// The element's same-tag position among its parent's children, for elements
// reached without a walk (ancestors of a single described element).
export function sameTagIndex(el: Element): number {
  let n = 0;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) {
    if (s.localName === el.localName) n++;
  }
  return n;
}

// The element's parent as the locator sees it: shadow host or iframe element
// when the element is the top of a shadow tree or a frame's body.
export function parentOf(el: Element): Element | null {
  if (el.parentElement && el.localName !== 'body') return el.parentElement;
  const parentNode = el.parentNode;
  if (parentNode && (parentNode as ShadowRoot).host) return (parentNode as ShadowRoot).host;
  if (el.localName === 'body') {
    try {
      return el.ownerDocument.defaultView?.frameElement ?? null;
    } catch {
      return null;
    }
  }
  return null;
}
