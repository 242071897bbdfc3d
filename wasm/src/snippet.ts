// Classic-script entry (IIFE): defines window.Cairn and replays calls the
// inline snippet queued before this file loaded (window.Cairn = [[name, ...args]]).
import { Cairn } from './api/cairn';

type Queued = [string, ...unknown[]];
const w = window as unknown as { Cairn?: unknown };
const queued = Array.isArray(w.Cairn) ? (w.Cairn as Queued[]) : [];
w.Cairn = Cairn;
for (const [name, ...args] of queued) {
  const fn = (Cairn as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  if (typeof fn === 'function') fn.apply(Cairn, args);
}
