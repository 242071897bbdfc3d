// The npm package's Cairn where there is no document: server-side rendering
// (a Next.js or Nuxt page) imports the package too. There is nothing to
// record or show there, so every call does nothing and keeps nothing: a
// queue kept for a later init would grow with each request and hold its
// users' traits. The ES module entry (index.ts) picks this or the browser's;
// cairn.js, a classic script, only ever runs in a browser.
import type { CairnApi } from './public_types';
import { warnOnce } from './warn_once';

const nothing = () => {};

export const ServerSideCairn: CairnApi = {
  // Resolved, not rejected: a render that awaits init goes on; the browser's
  // init is the one that starts.
  init() {
    warnOnce('Cairn.init: no document here (server-side rendering?): the SDK does nothing');
    return Promise.resolve();
  },
  identify: nothing, track: nothing, page: nothing, group: nothing, reset: nothing,
  consent: nothing, flush: nothing, launch: nothing, shutdown: nothing,
  debug: { describe: () => null, fingerprint: () => null, locate: () => null, core: () => null },
};
