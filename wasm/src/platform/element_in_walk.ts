// Where one element sits in the page walk (page_walk.ts), found from the
// element's surroundings instead of by walking the whole page: its parents,
// its place among its parent's walked children, the walk's nearest heading and
// text-bearing elements around it, and the size of its subtree. A click's
// autocapture describes one element; walking 9,000 elements for it made every
// click on a large page a long task. Each answer is the one the walk gives
// (tests/browser/describe_parity.test.mjs compares every element of its
// pages), so a fingerprint captured from a click matches the candidates the
// page walk measures later.
//
// Walk order is pre-order over walkedChildren(): an element comes after its
// parent and before its next sibling, so the elements before it are its
// ancestors and whatever precedes them. The searches for a heading and for
// texts step through that order but pass over each subtree anyInSubtree()
// proves holds nothing they want: on a page without headings the search
// back goes through every preceding subtree in a cheap DOM loop rather than
// the walk's child lists.
import { frameBody, isMaskedElement, MASK_ATTRIBUTE, parentOf, walkedChildren, walkedOwnText } from './page_walk';

// Whether `top` or an element below it passes `test` (returns truthy),
// looked for as deep as the walk goes (light children, open shadow roots,
// same-origin frames) and wider (skipped tags, svg internals). False proves
// that nothing the walk visits in `top`'s subtree passes, so a search passes
// over the subtree whole. A loop over the DOM's own links, without the walk's
// child lists: several times cheaper per element than a step in walk order,
// which makes a search back through a page without headings fast.
function anyInSubtree(top: Element, test: (n: Element) => unknown): boolean {
  const pending = [top];
  for (let sub; (sub = pending.pop());) {
    for (let n: Element | null = sub, next: Element | null; n; n = next) {
      if (test(n)) return true;
      for (let c = n.shadowRoot?.firstElementChild; c; c = c.nextElementSibling) pending.push(c);
      // Only frames have a contentDocument: elsewhere a cheap property miss.
      if ((n as HTMLIFrameElement).contentDocument !== undefined) {
        const body = frameBody(n);
        if (body) pending.push(body);
      }
      next = n.firstElementChild;
      for (let up = n; !next && up !== sub; up = up.parentElement!) next = up.nextElementSibling;
    }
  }
  return false;
}

const everything = (): boolean => true;

// One of the walk's parents, with its own same-tag index.
export interface WalkParent { el: Element; sameTagIndex_: number }

export interface PlaceInWalk {
  // The walk's parents, nearest first, up to and including the root.
  parents_: WalkParent[];
  sameTagIndex_: number;
  masked_: boolean;
  insideLabel_: boolean;
  // Walked elements in the subtree, itself included, counted up to `cap` + 1.
  subtreeSize_: number;
  // The text of the nearest heading before it in walk order ('' when none).
  headingBefore_: string;
  // Own texts of the nearest unmasked text-bearing elements before it and
  // after its subtree, alternating, nearest first, at most `maxNeighbors`.
  neighbors_: string[];
}

// `el`'s place in the walk rooted at `root`, or null when the walk does not
// reach it (detached, in a closed shadow root, inside an svg, or skipped).
export function placeInWalk(el: Element, root: Element, options: {
  textSubtreeCap_: number; maxNeighbors_: number; isHeading_: (el: Element) => boolean; headingText_: (el: Element) => string;
}): PlaceInWalk | null {
  // walkedChildren() and each child's place among them, memoised: the
  // navigation asks for the same lists again and again (a search back through
  // a thousand table rows must not look each row up in its list anew).
  const lists = new Map<Element, Element[]>();
  const places = new Map<Element, number>();
  const kids = (n: Element): Element[] => {
    let list = lists.get(n);
    if (!list) {
      lists.set(n, (list = walkedChildren(n)));
      list.forEach((c, k) => places.set(c, k));
    }
    return list;
  };
  // n's parent in the walk, its walked children and n's place among them (-1: not one).
  const among = (n: Element): [Element, Element[], number] => {
    const parent = parentOf(n)!;
    const siblings = kids(parent);
    const at = places.get(n);
    return [parent, siblings, at !== undefined && siblings[at] === n ? at : -1];
  };

  const parents: WalkParent[] = [];
  let sameTag = 0;
  for (let child = el; child !== root;) {
    if (!parentOf(child)) return null;
    const [parent, siblings, at] = among(child);
    if (at < 0) return null;
    let n = 0;
    for (let k = 0; k < at; k++) if (siblings[k]!.localName === child.localName) n++;
    if (child === el) sameTag = n;
    else parents[parents.length - 1]!.sameTagIndex_ = n;
    parents.push({ el: parent, sameTagIndex_: 0 });  // The root's index is 0; the others are set one level up.
    child = parent;
  }

  // Pre-order neighbours of `n` in the walk, passing over the subtrees where
  // `may` (for a subtree, its top included) proves there is nothing wanted.
  // Parents are never passed over: the caller tests what it gets.
  const lastIn = (s: Element, may: (s: Element) => boolean): Element => {
    for (;;) {
      const below = kids(s);
      let k = below.length - 1;
      while (k >= 0 && !may(below[k]!)) k--;
      if (k < 0) return s;
      s = below[k]!;
    }
  };
  const previous = (n: Element, may: (s: Element) => boolean): Element | null => {
    if (n === root) return null;
    const [parent, siblings, at] = among(n);
    for (let k = at - 1; k >= 0; k--) if (may(siblings[k]!)) return lastIn(siblings[k]!, may);
    return parent;
  };
  const afterSubtree = (n: Element, may: (s: Element) => boolean): Element | null => {
    for (; n !== root; n = parentOf(n)!) {
      const [, siblings, at] = among(n);
      for (let k = at + 1; k < siblings.length; k++) if (may(siblings[k]!)) return siblings[k]!;
    }
    return null;
  };
  const next = (n: Element, may: (s: Element) => boolean): Element | null => kids(n).find(may) ?? afterSubtree(n, may);

  const end = afterSubtree(el, everything);
  let subtreeSize = 1;
  for (let n = kids(el)[0] ?? null; n && n !== end && subtreeSize <= options.textSubtreeCap_; n = next(n, everything)) subtreeSize++;

  let heading = '';
  const mayHaveHeading = (s: Element): boolean => anyInSubtree(s, options.isHeading_);
  for (let n = previous(el, mayHaveHeading); n; n = previous(n, mayHaveHeading)) {
    if (options.isHeading_(n)) {
      heading = options.headingText_(n);
      break;
    }
  }

  // Masked elements (and everything inside one) bear no text for neighbours.
  const textOf = (n: Element | null): string => (!n || isMaskedElement(n) ? '' : walkedOwnText(n));
  const mayHaveText = (s: Element): boolean => !s.hasAttribute(MASK_ATTRIBUTE) && anyInSubtree(s, walkedOwnText);
  const neighbors: string[] = [];
  let before = previous(el, mayHaveText);
  let after = end;
  while (neighbors.length < options.maxNeighbors_ && (before || after)) {
    while (before && !textOf(before)) before = previous(before, mayHaveText);
    if (before) neighbors.push(textOf(before).slice(0, 128)), (before = previous(before, mayHaveText));
    while (after && !textOf(after)) after = next(after, mayHaveText);
    if (after && neighbors.length < options.maxNeighbors_) neighbors.push(textOf(after).slice(0, 128)), (after = next(after, mayHaveText));
  }

  return { parents_: parents, sameTagIndex_: sameTag, masked_: isMaskedElement(el), insideLabel_: parents.some((p) => p.el.localName === 'label'),
    subtreeSize_: subtreeSize, headingBefore_: heading, neighbors_: neighbors };
}
