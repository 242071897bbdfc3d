// A structural diff of two guide documents for people: every path that was
// added, removed or changed, with the values. Arrays of objects with ids
// (steps, items, variants) are matched by id, so moving a step reads as a
// move, not as every later step changing.
import { isObject, type Json } from './guide_types';
import { toPointer, type Path } from '../shared/json_pointer';

export interface Change {
  kind: 'added' | 'removed' | 'changed' | 'moved';
  path: string;
  before?: Json;
  after?: Json;
  // The path counts array positions of the older document (an element
  // removed from an id-matched array); otherwise of the newer one.
  inOlder?: boolean;
}

export function diffJson(before: Json | undefined, after: Json | undefined, path: Path = [], out: Change[] = []): Change[] {
  if (before === undefined && after === undefined) return out;
  if (before === undefined) { out.push({ kind: 'added', path: toPointer(path), after }); return out; }
  if (after === undefined) { out.push({ kind: 'removed', path: toPointer(path), before }); return out; }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) diffJson(before[key], after[key], [...path, key], out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (idsOf(before) && idsOf(after)) diffById(before, after, path, out);
    else for (let i = 0; i < Math.max(before.length, after.length); i++) diffJson(before[i], after[i], [...path, i], out);
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ kind: 'changed', path: toPointer(path), before, after });
  return out;
}

function idsOf(array: Json[]): string[] | null {
  if (!array.length) return null;
  const ids = array.map((v) => (isObject(v) && typeof v.id === 'string' ? v.id : null));
  if (ids.some((id) => id === null) || new Set(ids).size !== ids.length) return null;
  return ids as string[];
}

// Paths name the element's position in the newer document (in the older one when removed).
function diffById(before: Json[], after: Json[], path: Path, out: Change[]): void {
  const beforeIds = idsOf(before)!;
  const afterIds = idsOf(after)!;
  beforeIds.forEach((id, i) => {
    if (!afterIds.includes(id)) out.push({ kind: 'removed', path: toPointer([...path, i]), before: before[i], inOlder: true });
  });
  afterIds.forEach((id, j) => {
    const i = beforeIds.indexOf(id);
    if (i < 0) { out.push({ kind: 'added', path: toPointer([...path, j]), after: after[j] }); return; }
    if (i !== j) out.push({ kind: 'moved', path: toPointer([...path, j]), before: i, after: j });
    diffJson(before[i], after[j], [...path, j], out);
  });
}

export function describeValue(value: Json | undefined): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

// Bookkeeping fields the collector sets on publish; not what an author changed.
const BOOKKEEPING = new Set(['/version', '/status', '/id']);

// What an author changed between two guide documents.
export function authorChanges(before: Json | undefined, after: Json | undefined): Change[] {
  return diffJson(before, after).filter((c) => !BOOKKEEPING.has(c.path));
}
