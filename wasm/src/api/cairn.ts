// The public API: window.Cairn in the snippet, the default export of the npm
// package. Calls made before the core has loaded are queued and replayed in
// order, so a host can call identify() right after init() without awaiting.
import { CoreModule } from '../core/core_module';
import { CairnClient } from './cairn_client';
import { argumentsProblem, flag, optional, record, shown, string, text, type Check } from './arguments';
import { mixedContentHost, optionsProblem, unknownOptions } from './options';
import type { CairnApi } from './public_types';
import { sdkFileUrl } from './sdk_file_url';
import { warnOnce } from './warn_once';

type Call = (c: CairnClient) => void;

let client: CairnClient | null = null;
// Calls made before the core has loaded. Null from shutdown() until the next
// init(): calls made then are dropped, not recorded by a later start (they
// were made to a stopped SDK).
let pending: Call[] | null = [];
let starting: Promise<void> | null = null;

function run(call: Call): void {
  if (client) call(client);
  else pending?.push(call);
}

// Runs (or queues) a public call whose arguments pass their checks; otherwise
// warns, naming the call and the argument, and drops the call: a wrong
// argument in the host's code must not throw into it.
function checked(name: string, checks: Record<string, Check>, args: unknown[], call: Call): void {
  const problem = argumentsProblem(checks, args);
  if (problem) warnOnce(`Cairn.${name}: ${problem}`);
  else run(call);
}

// Database ids are often numbers: a whole number is taken as its decimal text
// (what other SDKs do), so identify(42) and identify('42') are one person.
const idText = <T>(v: T): T | string => (Number.isSafeInteger(v) ? String(v) : v);

const userIdOrNull: Check = (v) => (v === null || !text(v) ? null : 'a non-empty string or null');

// The debug hooks are called by a developer at a console: a wrong argument
// throws there, at once, instead of answering like a real "not found".
function element(hook: string, el: unknown): Element {
  if ((el as Node | null)?.nodeType !== 1) throw new TypeError(`Cairn.debug.${hook}: expected an Element, got ${shown(el)}`);
  return el as Element;
}

// The contract of each call is in public_types.ts (CairnApi).
export const Cairn: CairnApi = {
  init(options) {
    if (starting) return starting;
    const problem = optionsProblem(options);
    if (problem) return Promise.reject(new Error(`Cairn.init: ${problem}`));
    for (const name of unknownOptions(options)) warnOnce(`Cairn.init: unknown option "${name}"`);
    if (mixedContentHost(options.host)) {
      warnOnce('Cairn.init: an http:// host is blocked on an https:// page (mixed content): no events, no guides. Give host an https:// URL', console.error);
    }
    pending ??= [];
    const source = options.wasmUrl ?? sdkFileUrl('cairn.wasm', options.host);
    const start: Promise<void> = starting = CoreModule.load(source).then(async (core) => {
      // shutdown() while the core loaded (a framework's mount, unmount and
      // mount again): this start is over, and a later init's runs alone.
      if (starting !== start) return;
      client = new CairnClient(core, options);
      const started = client.start();
      for (const call of pending!.splice(0)) call(client);
      await started;
    });
    // A core that cannot load (offline, blocked) is the network's fault, not
    // the host's: said on the console, not an unhandled rejection in the
    // host's error tracker; a later init tries again.
    start.catch((e) => {
      if (starting === start && !client) starting = null;
      console.warn(e?.message ?? e);
    });
    return start;
  },
  identify(userId, traits) {
    const id = idText(userId);
    checked('identify', { userId: userIdOrNull, traits: record }, [id, traits], (c) => c.identify(id as string | null, traits ?? {}));
  },
  track(event, properties) {
    checked('track', { event: text, properties: record }, [event, properties], (c) => c.track(event, properties ?? {}));
  },
  page(name, properties) {
    checked('page', { name: optional(string), properties: record }, [name, properties], (c) => c.page(name, properties ?? {}));
  },
  group(groupId, traits) {
    const id = idText(groupId);
    checked('group', { groupId: text, traits: record }, [id, traits], (c) => c.group(id as string, traits ?? {}));
  },
  reset() { run((c) => c.reset()); },
  consent(granted) { checked('consent', { granted: flag }, [granted], (c) => c.consent(granted)); },
  flush() { run((c) => c.flush()); },
  launch(guideId) { checked('launch', { guideId: text }, [guideId], (c) => c.launch(guideId)); },
  shutdown() {
    client?.shutdown();
    client = null;
    starting = null;
    pending = null;
  },
  debug: {
    describe(el) { return element('describe', el) && client ? client.describe(el) : null; },
    fingerprint(el) { return element('fingerprint', el) && client ? client.fingerprint(el) : null; },
    locate(fingerprint) {
      if (!fingerprint || record(fingerprint)) throw new TypeError(`Cairn.debug.locate: expected a fingerprint object, got ${shown(fingerprint)}`);
      return client ? client.locateElement(fingerprint) : null;
    },
    core() { return client ? client.core.info : null; },
  },
};

export default Cairn;
