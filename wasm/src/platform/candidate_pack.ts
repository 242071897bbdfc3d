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
  // Strings are encoded as they are first seen, so page() only concatenates
  // sections: encoding them all at the end was one long task on a large page.
  readonly #encoder = new TextEncoder();
  #lengths = new Uint32Array(1024);
  #blob = new Uint8Array(64 * 1024);
  #blobUsed = 0;
  #stringCount = 1;
  #rows = new Int32Array(ROW_FIELDS * 1024);
  #rects = new Float64Array(4 * 1024);
  #lists = new Int32Array(4 * 1024);
  #listCount = 0;
  #count = 0;
  #candidateRows = 0;
  #body: Uint8Array | null = null;

  // Ancestors above the walked root, farthest first (so each is the next one's
  // parent); the root's parent is the last of them. Call before any add().
  addContext(levelsNearestFirst: AncestorLevel[]): void {
    for (let k = levelsNearestFirst.length - 1; k >= 0; k--) {
      // A level is a descriptor with only the tag, id, classes, role and index.
      this.#row(levelsNearestFirst[k]!, this.#count - 1, CONTEXT_ONLY);
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
    const sections: ArrayBufferView[] = [this.#lengths.subarray(0, this.#stringCount), this.#blob.subarray(0, this.#blobUsed),
      this.#rows.subarray(0, this.#count * ROW_FIELDS), this.#lists.subarray(0, this.#listCount), this.#rects.subarray(0, this.#count * 4)];
    let total = pad(PREFIX_WORDS * 4);
    for (const s of sections) total += pad(s.byteLength);
    const out = new Uint8Array(total);
    const prefix = new DataView(out.buffer);
    [MAGIC, 0, this.#stringCount, this.#blobUsed, this.#count, this.#listCount].forEach((v, k) => prefix.setUint32(k * 4, v, true));
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
      this.#rows = grown(this.#rows, this.#rows.length + 1);
      this.#rects = grown(this.#rects, this.#rects.length + 1);
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
    this.#rows[field] = this.#listCount;
    this.#rows[field + 1] = items.length;
    if (this.#listCount + items.length > this.#lists.length) this.#lists = grown(this.#lists, this.#listCount + items.length);
    for (const s of items) this.#lists[this.#listCount++] = this.#id(s);
  }

  #id(s: string | undefined): number {
    if (!s) return 0;
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.#stringCount++;
      this.#ids.set(s, id);
      this.#encode(id, s);
    }
    return id;
  }

  #encode(id: number, s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.#blobUsed + s.length * 3 > this.#blob.length) this.#blob = grown(this.#blob, this.#blobUsed + s.length * 3);
    if (id >= this.#lengths.length) this.#lengths = grown(this.#lengths, id + 1);
    const { written } = this.#encoder.encodeInto(s, this.#blob.subarray(this.#blobUsed));
    this.#lengths[id] = written;
    this.#blobUsed += written;
  }
}

// A copy of `a` with room for at least `needed` items (doubling).
function grown<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(a: T, needed: number): T {
  let size = a.length * 2;
  while (size < needed) size *= 2;
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}
