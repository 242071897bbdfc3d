// Measures elements into the descriptors the core's locator reads
// (docs/fingerprint.md, format version 1). The adapter only writes descriptors;
// the core normalises, scores and builds fingerprints.
//
// All reads, no writes: a batch of descriptors costs one style/layout pass.
import { roleOf } from './element_roles';
import { collapse, parentOf, sameTagIndex, walkPage, type WalkedElement } from './page_walk';

export interface Rect { x: number; y: number; width: number; height: number }

export interface AncestorLevel { tag: string; id?: string; classes?: string[]; role?: string; index: number }

export interface ElementDescriptor {
  tag: string;
  id?: string;
  classes?: string[];
  attributes?: Record<string, string>;
  role?: string;
  name?: string;
  text?: string;
  rect?: Rect;
  visible?: boolean;
  index?: number;
  ancestors?: AncestorLevel[];
  label?: string;
  heading?: string;
  neighbors?: string[];
}

const TEST_IDS = ['data-testid', 'data-test', 'data-test-id', 'data-cy', 'data-qa', 'data-id', 'data-action', 'data-cairn-id'];
const IDENTITY_ATTRS = ['name', 'type', 'role', 'href', 'src', 'alt', 'title', 'placeholder', 'for', ...TEST_IDS];
const STATE_ARIA = new Set(['aria-hidden', 'aria-expanded', 'aria-selected', 'aria-checked', 'aria-pressed', 'aria-busy', 'aria-live', 'aria-describedby']);
const VALUE_INPUT_TYPES = new Set(['submit', 'button', 'reset']);
const FORM_FIELDS = new Set(['input', 'textarea', 'select']);
const MAX_TEXT = 256;
const MAX_ANCESTORS = 32;
const MAX_NEIGHBORS = 8;

// Masked elements (data-cairn-mask, or inside one) never report their texts.
function isMasked(el: Element): boolean {
  return el.closest('[data-cairn-mask]') !== null;
}

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? text.slice(0, max) : text;
}

function attributesOf(el: Element): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let any = false;
  for (const attr of Array.from(el.attributes)) {
    const n = attr.name;
    const wanted =
      IDENTITY_ATTRS.includes(n) ||
      (n.startsWith('aria-') && !STATE_ARIA.has(n)) ||
      (n === 'value' && (el.localName === 'button' ||
        (el.localName === 'input' && VALUE_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase()))));
    if (wanted) {
      out[n] = attr.value.slice(0, 1024);
      any = true;
    }
  }
  return any ? out : undefined;
}

function labelOf(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const texts = labelledBy.split(/\s+/).map((id) => collapse(doc.getElementById(id)?.textContent));
    const joined = texts.filter(Boolean).join(' ');
    if (joined) return joined;
  }
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
  return Array.from(new Set(Array.from(el.classList))).slice(0, 64);
}

function isVisible(el: Element, rect: DOMRect): boolean {
  if (rect.width === 0 && rect.height === 0) return false;
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true }) : true;
}

// Page coordinates of `el`, including the offsets of the iframes it sits in.
function pageRect(el: Element): { rect: DOMRect; page: Rect } {
  const rect = el.getBoundingClientRect();
  let x = rect.x, y = rect.y;
  let win: Window | null = el.ownerDocument.defaultView;
  while (win && win !== window.top && win.frameElement) {
    const frame = win.frameElement.getBoundingClientRect();
    x += frame.x;
    y += frame.y;
    win = win.parent;
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return { rect, page: { x: round(x + window.scrollX), y: round(y + window.scrollY), width: round(rect.width), height: round(rect.height) } };
}

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function isHeading(el: Element): boolean {
  return HEADING_TAGS.has(el.localName) || el.getAttribute('role') === 'heading';
}

// Describes every walked element, or only those at `only` indexes, with the
// document-order context (heading, neighbours) computed from the same walk.
export function describeWalk(walk: WalkedElement[], only?: number[]): ElementDescriptor[] {
  const indexes = only ?? walk.map((_, i) => i);
  // Nearest preceding heading for each element, in one forward pass.
  const headingBefore: string[] = new Array(walk.length);
  let lastHeading = '';
  for (let i = 0; i < walk.length; i++) {
    headingBefore[i] = lastHeading;
    const el = walk[i]!.el;
    if (isHeading(el)) lastHeading = clip(collapse(el.textContent));
  }
  const textBearing: number[] = [];
  for (let i = 0; i < walk.length; i++) {
    if (walk[i]!.ownText && !isMasked(walk[i]!.el)) textBearing.push(i);
  }
  const levels = new Map<number, AncestorLevel>();
  return indexes.map((i) => describeOne(walk, i, headingBefore[i]!, textBearing, levels));
}

// `levels` caches each walked element's ancestor level: every descendant
// repeats it.
function describeOne(walk: WalkedElement[], i: number, heading: string, textBearing: number[],
                     levels: Map<number, AncestorLevel>): ElementDescriptor {
  const w = walk[i]!;
  const el = w.el;
  const masked = isMasked(el);
  const d: ElementDescriptor = { tag: el.localName };
  if (el.id) d.id = el.id.slice(0, 256);
  if (el.classList.length) d.classes = uniqueClasses(el);
  const attrs = attributesOf(el);
  if (attrs) d.attributes = attrs;
  const role = roleOf(el);
  if (role) d.role = role;
  const label = masked ? '' : clip(labelOf(el));
  const text = masked ? '' : clip(textOf(el, w.subtreeEnd - i));
  const name = masked ? '' : clip(nameOf(el, label, text));
  if (name) d.name = name;
  if (text) d.text = text;
  const { rect, page } = pageRect(el);
  d.rect = page;
  d.visible = isVisible(el, rect);
  d.index = w.sameTagIndex;
  const ancestors: AncestorLevel[] = [];
  for (let p = w.parent; p >= 0 && ancestors.length < MAX_ANCESTORS; p = walk[p]!.parent) {
    let level = levels.get(p);
    if (!level) {
      level = ancestorLevel(walk[p]!.el, walk[p]!.sameTagIndex);
      levels.set(p, level);
    }
    ancestors.push(level);
  }
  // A walk rooted below the top body: continue with the DOM's own ancestors.
  let top = walk[0]!.el;
  if (w.parent < 0) top = el;
  for (let p = parentOf(top); p && ancestors.length < MAX_ANCESTORS && p.localName !== 'html'; p = parentOf(p)) {
    ancestors.push(ancestorLevel(p, sameTagIndex(p)));
  }
  if (ancestors.length) d.ancestors = ancestors;
  if (label) d.label = label;
  if (heading && !masked) d.heading = heading;
  if (!masked) {
    const neighbors = neighborsOf(walk, i, textBearing);
    if (neighbors.length) d.neighbors = neighbors;
  }
  return d;
}

// Nearest text-bearing elements before and after `i` outside its subtree,
// alternating before/after, nearest first.
function neighborsOf(walk: WalkedElement[], i: number, textBearing: number[]): string[] {
  const end = walk[i]!.subtreeEnd;
  // First text-bearing index >= end, and last < i (binary search).
  let lo = 0, hi = textBearing.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (textBearing[mid]! < i) lo = mid + 1; else hi = mid; }
  let before = lo - 1;
  lo = 0; hi = textBearing.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (textBearing[mid]! < end) lo = mid + 1; else hi = mid; }
  let after = lo;
  const out: string[] = [];
  while (out.length < MAX_NEIGHBORS && (before >= 0 || after < textBearing.length)) {
    if (before >= 0) out.push(walk[textBearing[before--]!]!.ownText.slice(0, 128));
    if (out.length < MAX_NEIGHBORS && after < textBearing.length) out.push(walk[textBearing[after++]!]!.ownText.slice(0, 128));
  }
  return out;
}

// The descriptor of one element, in the context of its whole page.
export function describeElement(el: Element): ElementDescriptor {
  const body = el.ownerDocument.defaultView?.top?.document.body ?? el.ownerDocument.body;
  const walk = walkPage(body);
  const i = walk.findIndex((w) => w.el === el);
  if (i < 0) {
    // Not reachable from the top body (detached, or in a closed shadow root).
    return describeWalk([{ el, parent: -1, sameTagIndex: sameTagIndex(el), subtreeEnd: 1, ownText: collapse(el.textContent) }])[0]!;
  }
  return describeWalk(walk, [i])[0]!;
}
