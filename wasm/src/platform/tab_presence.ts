// Which tabs of this origin run the SDK (docs/sdk.md#several-tabs). Each tab
// holds a Web Lock named after its id while its SDK runs; the browser releases
// it when the page goes (closed, reloaded, crashed), so a stored queue whose
// tab holds no lock belongs to a tab that is gone, and a starting tab takes it
// over. The id lives in sessionStorage, so a reloaded tab keeps its queue's
// key; a duplicated tab copies it, finds the lock taken and draws its own.
// Without Web Locks (an old browser, a page not served over https) the id is
// '' and every tab shares the one queue key, as before tabs were told apart.
import { randomHex } from './random_hex';

const ID_KEY = 'cairn.tab';
const LOCK = 'cairn.tab.';

export interface Tab {
  id: string;
  // Ids of the tabs whose SDK ran when this one joined (this one's included).
  running: Set<string>;
  leave(): void;
}

export async function joinTabs(): Promise<Tab> {
  const locks = navigator.locks;
  let id = '';
  try { id = sessionStorage.getItem(ID_KEY) ?? ''; } catch { /* a fresh id each load: its queue is taken over once it is gone */ }
  // A second try only for a duplicated tab's copied id, which another tab holds.
  for (let attempt = 0; locks && attempt < 2; attempt++, id = '') {
    if (!/^[0-9a-f]{16}$/.test(id)) id = randomHex(8);
    const leave = await hold(locks, LOCK + id);
    if (leave) {
      try { sessionStorage.setItem(ID_KEY, id); } catch { /* see above */ }
      const held = (await locks.query()).held ?? [];
      // Only our locks: another script's lock must not read as a tab (a short
      // name would slice to '', the shared key's id, and keep it from being taken over).
      const ours = held.map((l) => l.name ?? '').filter((name) => name.startsWith(LOCK));
      return { id, running: new Set(ours.map((name) => name.slice(LOCK.length))), leave };
    }
  }
  return { id: '', running: new Set(), leave() {} };
}

// Takes the lock `name` if free and keeps it until the returned function is called.
function hold(locks: LockManager, name: string): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    locks.request(name, { ifAvailable: true }, (lock) => lock ? new Promise<void>((release) => resolve(release)) : resolve(null))
      .catch(() => resolve(null));
  });
}
