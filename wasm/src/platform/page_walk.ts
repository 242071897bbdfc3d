// One pass over the page in document order — open shadow roots and same-origin
// iframes included, where they sit — collecting every element a guide could
// target. The walk only reads the DOM (no style or layout reads), so measuring
// thousands of elements afterwards costs one layout, not one per element.
export const CAIRN_UI_TAG = 'cairn-ui';

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'link', 'meta', CAIRN_UI_TAG]);

export interface WalkedElement {
  el: Element;
  parent: number;     // index of the parent (shadow host / iframe count as parents), -1 at body
  sameTagIndex: number;
  subtreeEnd: number;  // one past the last descendant's index
  ownText: string;     // collapsed text of the element's direct text children
}

export function collapse(text: string | null | undefined): string {
  return text ? text.replace(/\s+/g, ' ').trim() : '';
}

function ownTextOf(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) text += n.nodeValue;
  }
  return collapse(text);
}

// Children of `el` as the page renders them: light children, then the open
// shadow root's children, then a same-origin iframe's body.
function childrenOf(el: Element): Element[] {
  const out: Element[] = [];
  if (el.shadowRoot) out.push(...Array.from(el.shadowRoot.children));
  out.push(...Array.from(el.children));
  if (el.localName === 'iframe') {
    try {
      const body = (el as HTMLIFrameElement).contentDocument?.body;
      if (body) out.push(body);
    } catch {
      // Cross-origin frame: not ours to read.
    }
  }
  return out;
}

export function walkPage(root: Element, limit = 20000): WalkedElement[] {
  const out: WalkedElement[] = [];
  const visit = (el: Element, parent: number, sameTagIndex: number) => {
    if (out.length >= limit) return;
    const me = out.length;
    out.push({ el, parent, sameTagIndex, subtreeEnd: me + 1, ownText: ownTextOf(el) });
    const counts = new Map<string, number>();
    for (const child of childrenOf(el)) {
      const tag = child.localName;
      if (SKIPPED.has(tag) || child.namespaceURI !== el.namespaceURI && tag !== 'svg') continue;
      const n = counts.get(tag) ?? 0;
      counts.set(tag, n + 1);
      // svg internals are not targets: the svg element itself is.
      if (tag === 'svg') {
        if (out.length < limit) out.push({ el: child, parent: me, sameTagIndex: n, subtreeEnd: out.length + 1, ownText: '' });
        continue;
      }
      visit(child, me, n);
    }
    out[me]!.subtreeEnd = out.length;
  };
  visit(root, -1, 0);
  return out;
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
