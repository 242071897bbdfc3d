// Packs the page's candidates into the binary form the core's
// cairn_page_load reads (layout and caps:
// docs/fingerprint.md, "Packed candidates"). The same descriptors as the JSON list of
// docs/fingerprint.md, without the megabytes of JSON: each distinct string is
// sent once, each element is a row of integers, and the ancestor chain is a
// parent link (an ancestor level is the parent's tag, id, classes, role, index).
import type { AncestorLevel, ElementDescriptor } from './element_descriptor';

const MAGIC = 0x31504e43; // "CNP1"
const PREFIX_WORDS = 6;
const ROW_FIELDS = 16;
const VISIBLE = 1, HAS_RECT = 2, CONTEXT_ONLY = 4;
const pad = (n: number) => (n + 7) & ~7;

export class CandidatePacker {
  readonly #ids = new Map<string, number>([['', 0]]);
  readonly #strings: string[] = [''];
  #rows = new Int32Array(ROW_FIELDS * 1024);
  #rects = new Float64Array(4 * 1024);
  #lists: number[] = [];
  #count = 0;
  #candidateRows = 0;
  #body: Uint8Array | null = null;

  // Ancestors above the walked root, farthest first (so each is the next one's
  // parent); the root's parent is the last of them. Call before any add().
  addContext(levelsNearestFirst: AncestorLevel[]): void {
    for (let k = levelsNearestFirst.length - 1; k >= 0; k--) {
      const l = levelsNearestFirst[k]!;
      this.#row({ tag: l.tag, id: l.id, classes: l.classes, role: l.role, index: l.index }, this.#count - 1, CONTEXT_ONLY);
    }
  }

  // Adds the next candidate in document order. `parent` is the candidate index
  // of its parent (-1 for the walked root); `d.ancestors` is ignored.
  add(d: ElementDescriptor, parent: number): void {
    const context = this.#count - this.#candidateRows;
    this.#row(d, parent < 0 ? context - 1 : parent + context, 0);
    this.#candidateRows++;
  }

  // The packed page without a header (what cairn_page_load reads).
  page(): Uint8Array {
    return (this.#body ??= this.#encodeBody());
  }

  #encodeBody(): Uint8Array {
    const encoder = new TextEncoder();
    const lengths = new Uint32Array(this.#strings.length);
    // One buffer for every string: UTF-8 needs at most 3 bytes per UTF-16 unit.
    let capacity = 0;
    for (const s of this.#strings) capacity += s.length * 3;
    const blob = new Uint8Array(capacity);
    let used = 0;
    for (let i = 0; i < this.#strings.length; i++) {
      const { written } = encoder.encodeInto(this.#strings[i]!, blob.subarray(used));
      lengths[i] = written;
      used += written;
    }
    const lists = Int32Array.from(this.#lists);
    const sections: ArrayBufferView[] = [lengths, blob.subarray(0, used), this.#rows.subarray(0, this.#count * ROW_FIELDS),
      lists, this.#rects.subarray(0, this.#count * 4)];
    let total = pad(PREFIX_WORDS * 4);
    for (const s of sections) total += pad(s.byteLength);
    const out = new Uint8Array(total);
    const prefix = new DataView(out.buffer);
    [MAGIC, 0, this.#strings.length, used, this.#count, lists.length].forEach((v, k) => prefix.setUint32(k * 4, v, true));
    let at = pad(PREFIX_WORDS * 4);
    for (const s of sections) {
      out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
      at += pad(s.byteLength);
    }
    return out;
  }

  #row(d: ElementDescriptor, parent: number, flags: number): void {
    this.#body = null;
    if (this.#count * ROW_FIELDS >= this.#rows.length) {
      const rows = new Int32Array(this.#rows.length * 2);
      rows.set(this.#rows);
      this.#rows = rows;
      const rects = new Float64Array(this.#rects.length * 2);
      rects.set(this.#rects);
      this.#rects = rects;
    }
    const r = this.#rows;
    const at = this.#count * ROW_FIELDS;
    r[at] = this.#id(d.tag);
    r[at + 1] = this.#id(d.id);
    r[at + 2] = this.#id(d.role);
    r[at + 3] = this.#id(d.name);
    r[at + 4] = this.#id(d.text);
    r[at + 5] = this.#id(d.label);
    r[at + 6] = this.#id(d.heading);
    r[at + 7] = parent;
    r[at + 8] = d.index ?? 0;
    if (d.visible !== false) flags |= VISIBLE;
    if (d.rect) {
      flags |= HAS_RECT;
      this.#rects.set([d.rect.x, d.rect.y, d.rect.width, d.rect.height], this.#count * 4);
    }
    r[at + 9] = flags;
    this.#list(at + 10, d.classes ?? []);
    const attrs: string[] = [];
    if (d.attributes) for (const k in d.attributes) attrs.push(k, d.attributes[k]!);
    this.#list(at + 12, attrs);
    r[at + 13] = attrs.length / 2;
    this.#list(at + 14, d.neighbors ?? []);
    this.#count++;
  }

  #list(field: number, items: string[]): void {
    this.#rows[field] = this.#lists.length;
    this.#rows[field + 1] = items.length;
    for (const s of items) this.#lists.push(this.#id(s));
  }

  #id(s: string | undefined): number {
    if (!s) return 0;
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.#strings.length;
      this.#ids.set(s, id);
      this.#strings.push(s);
    }
    return id;
  }
}
