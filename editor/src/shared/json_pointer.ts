// RFC 6901 JSON Pointers: the collector reports every problem with one, and the
// editor registers each form field under the pointer of the value it edits.

export type Path = Array<string | number>;

export function toPointer(path: Path): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// The pointer one level up ("/steps/0/target" → "/steps/0"); "" has no parent.
export function parentPointer(pointer: string): string | null {
  if (pointer === '') return null;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}
