// Measures elements into the descriptors the core's locator reads
// (docs/fingerprint.md, format version 1). The adapter only writes descriptors;
// the core normalises, scores and builds fingerprints.
//
// All reads, no writes: a batch of descriptors costs one style/layout pass.
import { roleOf } from './element_roles';
import { placeInWalk } from './element_in_walk';
import { collapse, isMaskedElement, parentOf, sameTagIndex, type WalkedElement } from './page_walk';
import type { AncestorLevel, ElementDescriptor, Rect } from '../api/public_types';

// Public types (the debug hooks answer descriptors): defined with the API,
// used here and by the rest of the adapter from here.
export type { AncestorLevel, ElementDescriptor, Rect };

const TEST_IDS = ['data-testid', 'data-test', 'data-test-id', 'data-cy', 'data-qa', 'data-id', 'data-action', 'data-cairn-id'];
const IDENTITY_ATTRS = new Set(['name', 'type', 'role', 'href', 'src', 'alt', 'title', 'placeholder', 'for', ...TEST_IDS]);
const STATE_ARIA = new Set(['aria-hidden', 'aria-expanded', 'aria-selected', 'aria-checked', 'aria-pressed', 'aria-busy', 'aria-live', 'aria-describedby']);
const VALUE_INPUT_TYPES = new Set(['submit', 'button', 'reset']);
const FORM_FIELDS = new Set(['input', 'textarea', 'select']);
const MAX_TEXT = 256;
const MAX_ANCESTORS = 32;
const MAX_NEIGHBORS = 8;

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? text.slice(0, max) : text;
}

function attributesOf(el: Element): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  // Names, not el.attributes: reading the Attr nodes makes the browser create
  // one object per attribute, the costliest part of measuring a large page.
  const names = el.getAttributeNames();
  for (let k = 0; k < names.length; k++) {
    const n = names[k]!;
    const wanted =
      IDENTITY_ATTRS.has(n) ||
      (n.startsWith('aria-') && !STATE_ARIA.has(n)) ||
      (n === 'value' && (el.localName === 'button' ||
        (el.localName === 'input' && VALUE_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase()))));
    if (wanted) (out ??= {})[n] = el.getAttribute(n)!.slice(0, 1024);
  }
  return out;
}

// `mayHaveLabel` false skips `el.labels`, which for a button or an input makes
// the browser search the whole tree scope for <label> elements: a walk knows
// the answer is empty when no label names the element's id and none wraps it.
function labelOf(el: Element, mayHaveLabel = true): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const texts = labelledBy.split(/\s+/).map((id) => collapse(doc.getElementById(id)?.textContent));
    const joined = texts.filter(Boolean).join(' ');
    if (joined) return joined;
  }
  if (!mayHaveLabel) return '';
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length) return collapse(labels[0]!.textContent);
  return '';
}

// Containers of many elements (a page section, a table) get no text: it would
// be the page's text, which identifies nothing, and building it for every
// container makes measuring a large page quadratic. Capture and lookup use the
// same rule, so fingerprints and candidates agree.
const MAX_TEXT_SUBTREE = 64;

function textOf(el: Element, subtreeSize: number): string {
  if (FORM_FIELDS.has(el.localName) || subtreeSize > MAX_TEXT_SUBTREE) return '';
  return collapse(el.textContent);
}

function nameOf(el: Element, label: string, text: string): string {
  const aria = el.getAttribute('aria-label');
  if (el.getAttribute('aria-labelledby') && label) return label;
  if (aria && aria.trim()) return collapse(aria);
  if (label) return label;
  for (const a of ['alt', 'title', 'placeholder']) {
    const v = el.getAttribute(a);
    if (v && v.trim()) return collapse(v);
  }
  return text;
}

function ancestorLevel(el: Element, index: number): AncestorLevel {
  const level: AncestorLevel = { tag: el.localName, index };
  if (el.id) level.id = el.id;
  if (el.classList.length) level.classes = uniqueClasses(el);
  const role = roleOf(el);
  if (role) level.role = role;
  return level;
}

function uniqueClasses(el: Element): string[] {
  const out: string[] = [];
  const list = el.classList;
  for (let k = 0; k < list.length && out.length < 64; k++) {
    const c = list[k]!;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function isVisible(el: Element, rect: DOMRect): boolean {
  if (rect.width === 0 && rect.height === 0) return false;
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true }) : true;
}

// Where `doc`'s viewport sits in the top page: the offsets of the iframes it
// sits in plus the top window's scroll. The same for every element of a
// document, so a walk computes it once per document.
function documentOffset(doc: Document): { x: number; y: number } {
  let x = window.scrollX, y = window.scrollY;
  let win: Window | null = doc.defaultView;
  while (win && win !== window.top && win.frameElement) {
    const frame = win.frameElement.getBoundingClientRect();
    x += frame.x;
    y += frame.y;
    win = win.parent;
  }
  return { x, y };
}

const round = (v: number) => Math.round(v * 100) / 100;

// Page coordinates of `el`, including the offsets of the iframes it sits in.
function pageRect(el: Element, offsets: Map<Document, { x: number; y: number }>): { rect: DOMRect; page: Rect } {
  const rect = el.getBoundingClientRect();
  const doc = el.ownerDocument;
  let offset = offsets.get(doc);
  if (!offset) {
    offset = documentOffset(doc);
    offsets.set(doc, offset);
  }
  return { rect, page: { x: round(rect.x + offset.x), y: round(rect.y + offset.y), width: round(rect.width), height: round(rect.height) } };
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isHeading(el: Element): boolean {
  return HEADING_TAGS.has(el.localName) || el.getAttribute('role') === 'heading';
}

const headingText = (el: Element): string => clip(collapse(el.textContent));

// What describing an element needs from the rest of its walk, computed once
// per walk: the nearest preceding heading of each element, the text-bearing
// elements (for neighbours) and each element's ancestor level, which every
// descendant repeats. Fields ending in `_` are minified (build.mjs).
export interface WalkContext {
  walk: WalkedElement[];
  headingBefore_: string[];
  textBearing_: number[];
  levels_: Map<number, AncestorLevel>;
  offsets_: Map<Document, { x: number; y: number }>;
  labelFor_: Set<string>;      // `for` of every walked <label>
  insideLabel_: Uint8Array;    // 1 when a walked parent is a <label>
}

// Builds a WalkContext in one pass that can stop at a deadline and resume
// (page_scan.ts slices it; on a large page it is a long task of its own).
export class WalkContextBuilder {
  readonly #walk: WalkedElement[];
  readonly #headingBefore: string[];
  readonly #textBearing: number[] = [];
  readonly #labelFor = new Set<string>();
  readonly #insideLabel: Uint8Array;
  #lastHeading = '';
  #next = 0;

  constructor(walk: WalkedElement[]) {
    this.#walk = walk;
    this.#headingBefore = new Array(walk.length);
    this.#insideLabel = new Uint8Array(walk.length);
  }

  // Works until `deadline` (performance.now()); true when done.
  step(deadline: number): boolean {
    const walk = this.#walk;
    while (this.#next < walk.length) {
      const i = this.#next++;
      const w = walk[i]!;
      const el = w.el;
      this.#headingBefore[i] = this.#lastHeading;
      if (isHeading(el)) this.#lastHeading = headingText(el);
      if (w.ownText_ && !w.masked_) this.#textBearing.push(i);
      if (el.localName === 'label') {
        const target = el.getAttribute('for');
        if (target) this.#labelFor.add(target);
      }
      const p = w.parent;
      if (p >= 0) this.#insideLabel[i] = this.#insideLabel[p]! || walk[p]!.el.localName === 'label' ? 1 : 0;
      if ((i & 63) === 63 && performance.now() >= deadline) break;
    }
    return this.#next >= walk.length;
  }

  get context(): WalkContext {
    return { walk: this.#walk, headingBefore_: this.#headingBefore, textBearing_: this.#textBearing, levels_: new Map(), offsets_: new Map(),
      labelFor_: this.#labelFor, insideLabel_: this.#insideLabel };
  }
}

export function walkContext(walk: WalkedElement[]): WalkContext {
  const builder = new WalkContextBuilder(walk);
  builder.step(Infinity);
  return builder.context;
}

// Describes every walked element, or only those at `only` indexes.
export function describeWalk(walk: WalkedElement[], only?: number[]): ElementDescriptor[] {
  const context = walkContext(walk);
  const indexes = only ?? walk.map((_, i) => i);
  return indexes.map((i) => describeAt(context, i));
}

// What a descriptor needs besides the element itself: from a whole walk
// (describeAt) or found around the element (describeElement).
interface Surroundings {
  masked_: boolean;
  mayHaveLabel_: boolean;
  subtreeSize_: number;  // Walked elements in its subtree, itself included.
  sameTagIndex_: number;
  heading_: string;
  ancestors_: AncestorLevel[] | null;  // null: the caller sends the chain another way.
  neighbors_: string[];
}

function buildDescriptor(el: Element, s: Surroundings, offsets: Map<Document, { x: number; y: number }>): ElementDescriptor {
  const masked = s.masked_;
  const d: ElementDescriptor = { tag: el.localName };
  if (el.id) d.id = el.id.slice(0, 256);
  if (el.classList.length) d.classes = uniqueClasses(el);
  const attrs = attributesOf(el);
  if (attrs) d.attributes = attrs;
  const role = roleOf(el);
  if (role) d.role = role;
  const label = masked ? '' : clip(labelOf(el, s.mayHaveLabel_));
  const text = masked ? '' : clip(textOf(el, s.subtreeSize_));
  const name = masked ? '' : clip(nameOf(el, label, text));
  if (name) d.name = name;
  if (text) d.text = text;
  const { rect, page } = pageRect(el, offsets);
  d.rect = page;
  d.visible = isVisible(el, rect);
  d.index = s.sameTagIndex_;
  if (s.ancestors_?.length) d.ancestors = s.ancestors_;
  if (label) d.label = label;
  if (s.heading_ && !masked) d.heading = s.heading_;
  if (!masked && s.neighbors_.length) d.neighbors = s.neighbors_;
  return d;
}

// The descriptor of walk element `i`. Without ancestors when the caller sends
// the chain another way (parent links in a packed candidate list).
export function describeAt(context: WalkContext, i: number, withAncestors = true): ElementDescriptor {
  const { walk, textBearing_: textBearing, levels_: levels } = context;
  const w = walk[i]!;
  const el = w.el;
  return buildDescriptor(el, {
    masked_: w.masked_,
    // A walk rooted below the top body cannot see every wrapping label.
    mayHaveLabel_: w.parent < 0 || context.insideLabel_[i] === 1 || (el.id !== '' && context.labelFor_.has(el.id)),
    subtreeSize_: w.subtreeEnd_ - i,
    sameTagIndex_: w.sameTagIndex_,
    heading_: context.headingBefore_[i]!,
    ancestors_: withAncestors ? (() => {
      const ancestors: AncestorLevel[] = [];
      for (let p = w.parent; p >= 0 && ancestors.length < MAX_ANCESTORS; p = walk[p]!.parent) {
        let level = levels.get(p);
        if (!level) {
          level = ancestorLevel(walk[p]!.el, walk[p]!.sameTagIndex_);
          levels.set(p, level);
        }
        ancestors.push(level);
      }
      // A walk rooted below the top body: continue with the DOM's own ancestors.
      return withOuterLevels(ancestors, w.parent < 0 ? el : walk[0]!.el);
    })() : null,
    neighbors_: w.masked_ ? [] : neighborsOf(walk, i, textBearing),
  }, context.offsets_);
}

function withOuterLevels(ancestors: AncestorLevel[], top: Element): AncestorLevel[] {
  for (const level of outerLevels(top)) {
    if (ancestors.length >= MAX_ANCESTORS) break;
    ancestors.push(level);
  }
  return ancestors;
}

// The ancestor levels above `top`, nearest first, up to (not including) html:
// what a walk rooted at `top` cannot see (a frame's outer documents).
export function outerLevels(top: Element): AncestorLevel[] {
  const out: AncestorLevel[] = [];
  for (let p = parentOf(top); p && out.length < MAX_ANCESTORS && p.localName !== 'html'; p = parentOf(p)) {
    out.push(ancestorLevel(p, sameTagIndex(p)));
  }
  return out;
}

// Nearest text-bearing elements before and after `i` outside its subtree,
// alternating before/after, nearest first.
function neighborsOf(walk: WalkedElement[], i: number, textBearing: number[]): string[] {
  const end = walk[i]!.subtreeEnd_;
  // First text-bearing index >= end, and last < i (binary search).
  let lo = 0, hi = textBearing.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (textBearing[mid]! < i) lo = mid + 1; else hi = mid; }
  let before = lo - 1;
  lo = 0; hi = textBearing.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (textBearing[mid]! < end) lo = mid + 1; else hi = mid; }
  let after = lo;
  const out: string[] = [];
  while (out.length < MAX_NEIGHBORS && (before >= 0 || after < textBearing.length)) {
    if (before >= 0) out.push(walk[textBearing[before--]!]!.ownText_.slice(0, 128));
    if (out.length < MAX_NEIGHBORS && after < textBearing.length) out.push(walk[textBearing[after++]!]!.ownText_.slice(0, 128));
  }
  return out;
}

// The descriptor of one element, in the context of its whole page: the one
// describeWalk() gives it in a walk from the top body, without that walk
// (element_in_walk.ts).
export function describeElement(el: Element): ElementDescriptor {
  const body = el.ownerDocument.defaultView?.top?.document.body ?? el.ownerDocument.body;
  const place = body ? placeInWalk(el, body, { textSubtreeCap_: MAX_TEXT_SUBTREE, maxNeighbors_: MAX_NEIGHBORS, isHeading_: isHeading, headingText_: headingText }) : null;
  const offsets = new Map<Document, { x: number; y: number }>();
  if (!place) {
    // Not reachable from the top body (detached, or in a closed shadow root):
    // described alone, as the root of a walk of its own.
    return buildDescriptor(el, { masked_: isMaskedElement(el), mayHaveLabel_: true, subtreeSize_: 1, sameTagIndex_: sameTagIndex(el),
      heading_: '', ancestors_: withOuterLevels([], el), neighbors_: [] }, offsets);
  }
  return buildDescriptor(el, {
    masked_: place.masked_,
    mayHaveLabel_: place.insideLabel_ || el.id !== '',
    subtreeSize_: place.subtreeSize_,
    sameTagIndex_: place.sameTagIndex_,
    heading_: place.headingBefore_,
    ancestors_: withOuterLevels(place.parents_.slice(0, MAX_ANCESTORS).map((p) => ancestorLevel(p.el, p.sameTagIndex_)), body),
    neighbors_: place.neighbors_,
  }, offsets);
}
