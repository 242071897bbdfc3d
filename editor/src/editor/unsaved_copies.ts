// Copies of draft edits the collector does not have yet, kept in this
// browser (localStorage) so that a closed tab, a crash or a reload does not
// lose them. One copy per collector origin, app, guide and author: the whole
// guide document the editor would save, with the revision it is based on
// (restoring saves with If-Match on that revision, so a change made since
// meets the normal conflict notice instead of being overwritten).
//
// Bounded: a copy is at most MAX_COPY_CHARS serialized (a guide document may
// be 512 KiB at the collector, localStorage holds about 5 M characters per
// origin), at most MAX_COPIES are kept (the oldest is evicted), and a full
// storage evicts the oldest other copies before giving up. Errors are values:
// write() says whether the copy was kept; nothing here throws.
import type { JsonObject } from './guide_types';
import { isObject } from './guide_types';

export const MAX_COPY_CHARS = 800_000;
export const MAX_COPIES = 20;
const PREFIX = 'cairn:unsaved-draft:';

export interface UnsavedCopy {
  origin: string;
  app_id: string;
  guide_id: string;
  author_id: string;
  author_email: string;
  // The guide revision the edits were made on (sent in If-Match on restore).
  base_revision: number;
  saved_at_ms: number;
  guide: JsonObject;
}

// Who and what a copy is for.
export interface CopyOwner {
  appId: string;
  guideId: string;
  authorId: string;
}

// The part of the Web Storage API used here (localStorage, or a fake in tests).
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

//   kept: stored; too_large: over MAX_COPY_CHARS; no_room: the storage quota
//   is used up even after evicting every other copy; unavailable: the browser
//   refuses storage (disabled, private mode).
export type WriteResult = 'kept' | 'too_large' | 'no_room' | 'unavailable';

export interface CopyLimits {
  maxChars: number;
  maxCopies: number;
}

// localStorage, or null where the browser refuses it (reading the property can throw).
export function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage ?? null;
  } catch {
    return null;
  }
}

export class UnsavedCopies {
  constructor(private readonly storage: KeyValueStorage | null, private readonly origin: string,
              private readonly limits: CopyLimits = { maxChars: MAX_COPY_CHARS, maxCopies: MAX_COPIES }) {}

  // The copy for `owner`, or null (none, or unreadable: then it is removed).
  read(owner: CopyOwner): UnsavedCopy | null {
    const key = this.keyOf(owner);
    const text = this.get(key);
    if (text === null) return null;
    const copy = parseCopy(text);
    if (!copy || copy.origin !== this.origin || copy.app_id !== owner.appId || copy.guide_id !== owner.guideId
        || copy.author_id !== owner.authorId) {
      this.removeKey(key);
      return null;
    }
    return copy;
  }

  // Stores `copy` over the previous one of the same owner.
  write(copy: Omit<UnsavedCopy, 'origin'>): WriteResult {
    if (!this.storage) return 'unavailable';
    const key = this.keyOf({ appId: copy.app_id, guideId: copy.guide_id, authorId: copy.author_id });
    const text = JSON.stringify({ ...copy, origin: this.origin });
    if (text.length > this.limits.maxChars) return 'too_large';
    // A new copy may push the oldest others out; rewriting one never does.
    const others = this.get(key) === null ? this.othersOldestFirst(key) : null;
    while (others && others.length >= this.limits.maxCopies) this.removeKey(others.shift()!.key);
    let evictable = others;
    for (;;) {
      try {
        this.storage.setItem(key, text);
        return 'kept';
      } catch (e) {
        if (!isQuotaError(e)) return 'unavailable';
        evictable ??= this.othersOldestFirst(key);
        const oldest = evictable.shift();
        if (!oldest) return 'no_room';
        this.removeKey(oldest.key);
      }
    }
  }

  remove(owner: CopyOwner): void {
    this.removeKey(this.keyOf(owner));
  }

  // How many copies the storage holds, of every app, guide and author.
  count(): number {
    return this.copyKeys().length;
  }

  private keyOf(owner: CopyOwner): string {
    return PREFIX + JSON.stringify([this.origin, owner.appId, owner.guideId, owner.authorId]);
  }

  private copyKeys(): string[] {
    const keys: string[] = [];
    if (!this.storage) return keys;
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
    } catch {
      // An unreadable storage has nothing to evict.
    }
    return keys;
  }

  // The other copies, oldest first (unreadable ones count as oldest).
  private othersOldestFirst(except: string): Array<{ key: string; at: number }> {
    return this.copyKeys().filter((k) => k !== except)
      .map((key) => ({ key, at: parseCopy(this.get(key) ?? '')?.saved_at_ms ?? 0 }))
      .sort((a, b) => a.at - b.at);
  }

  private get(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private removeKey(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Nothing kept to remove.
    }
  }
}

function parseCopy(text: string): UnsavedCopy | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const { origin, app_id, guide_id, author_id, author_email, base_revision, saved_at_ms, guide } = value;
  if (typeof origin !== 'string' || typeof app_id !== 'string' || typeof guide_id !== 'string' || typeof author_id !== 'string'
      || typeof author_email !== 'string' || typeof base_revision !== 'number' || typeof saved_at_ms !== 'number' || !isObject(guide)) return null;
  return { origin, app_id, guide_id, author_id, author_email, base_revision, saved_at_ms, guide };
}

// Browsers name it differently (QuotaExceededError, NS_ERROR_DOM_QUOTA_REACHED, code 22/1014).
function isQuotaError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}
