// Which tabs of this origin run the SDK (docs/sdk.md#several-tabs). Each tab
// holds a Web Lock named after its id while its SDK runs; the browser releases
// it when the page goes (closed, reloaded, crashed), so a stored queue whose
// tab holds no lock belongs to a tab that is gone, and a starting tab takes it
// over. The id lives in sessionStorage, so a reloaded tab keeps its queue's
// key; a duplicated tab copies it, finds the lock taken and draws its own.
// Without Web Locks (an old browser, a page not served over https) the id is
// '' and every tab shares the one queue key, as before tabs were told apart.
const ID_KEY = 'cairn.tab';
const LOCK = 'cairn.tab.';

export interface TabPresence {
  id: string;
  // Ids of the tabs whose SDK runs now (this one's included).
  alive(): Promise<Set<string>>;
  leave(): void;
}

export async function joinTabs(): Promise<TabPresence> {
  const locks = navigator.locks;
  const none: TabPresence = { id: '', alive: async () => new Set(), leave() {} };
  if (!locks) return none;
  let id = '';
  try { id = sessionStorage.getItem(ID_KEY) ?? ''; } catch { /* a fresh id each load: its queue is taken over once it is gone */ }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!/^[0-9a-f]{16}$/.test(id)) id = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
    const release = await hold(locks, LOCK + id);
    if (release) {
      try { sessionStorage.setItem(ID_KEY, id); } catch { /* see above */ }
      return {
        id,
        alive: async () => new Set(((await locks.query()).held ?? []).map((l) => l.name?.slice(LOCK.length) ?? '')),
        leave: release,
      };
    }
    id = '';  // a duplicated tab's copied id: another tab holds it
  }
  return none;
}

// Takes the lock `name` if free and keeps it until the returned function is called.
function hold(locks: LockManager, name: string): Promise<(() => void) | null> {
  return new Promise((resolve) => {
    locks.request(name, { ifAvailable: true }, (lock) => lock ? new Promise<void>((release) => resolve(release)) : resolve(null))
      .catch(() => resolve(null));
  });
}
