// The published guides kept in localStorage between page loads, in the packed
// form the collector sends (sdk/guide/guide_pack.h) with its ETag: revalidated
// on the next load (a 304 runs the copy) and run as is when offline.
//
// Stored as {etag, packed: base64}. The key names the form: the JSON copies of
// SDKs before the packed form lived under "guides" and are never read back as
// packed bytes; a new pack version gets a new key.
import type { LocalStore } from './local_store';

const KEY = 'guides.pack1';
const JSON_FORM_KEY = 'guides';

export interface CachedGuides {
  etag: string | null;
  packed: Uint8Array;
}

export class GuidesCache {
  readonly #store: LocalStore;

  constructor(store: LocalStore) {
    this.#store = store;
    // The JSON copy is dead weight in the origin's storage quota.
    store.remove(JSON_FORM_KEY);
  }

  // The cached list, or null. An entry that is not base64 of our shape (an
  // edited or damaged store) is dropped, so the next fetch asks for the list whole.
  read(): CachedGuides | null {
    const entry = this.#store.get<{ etag?: unknown; packed?: unknown }>(KEY);
    const packed = typeof entry?.packed === 'string' ? fromBase64(entry.packed) : null;
    if (packed) return { etag: typeof entry!.etag === 'string' ? entry!.etag : null, packed };
    if (entry) this.drop();
    return null;
  }

  write(etag: string | null, packed: Uint8Array): void {
    let binary = '';
    // In slices: String.fromCharCode takes its bytes as arguments.
    for (let i = 0; i < packed.length; i += 0x8000) binary += String.fromCharCode(...packed.subarray(i, i + 0x8000));
    this.#store.set(KEY, { etag, packed: btoa(binary) });
  }

  drop(): void {
    this.#store.remove(KEY);
  }
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
