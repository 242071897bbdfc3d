// The SDK set-up the "New app" page shows, as docs/quickstart.md prints it
// (section 3, "With script tags, from the collector", and the collector's
// policy of section 5): two plain script files, no inline script, so a page
// with a strict Content Security Policy runs it. The start script queues the
// product's calls until cairn.js (loaded `async`) has run, and for good when
// it cannot load. tests/editor/sdk_setup.test.mjs holds this text to the
// quickstart's.

export const START_SCRIPT_PATH = '/js/start-cairn.js';

// The lines for the <head> of the product's pages.
export function headLines(host: string): string {
  return `<script src="${START_SCRIPT_PATH}"></script>\n<script async src="${host}/sdk/cairn.js"></script>`;
}

// The file the product serves at START_SCRIPT_PATH.
export function startScript(writeKey: string, host: string): string {
  return `// ${START_SCRIPT_PATH}
// Until cairn.js has run, and for good if it cannot load (the collector down,
// a blocker), window.Cairn queues your calls; cairn.js replays them in order.
if (!window.Cairn) {
  const queue = [];
  for (const name of ['init', 'identify', 'track', 'page', 'group', 'reset', 'consent', 'launch', 'flush', 'shutdown']) {
    queue[name] = (...args) => (window.Cairn === queue ? queue.push([name, ...args]) : window.Cairn[name](...args));
  }
  window.Cairn = queue;
}
Cairn.init({ writeKey: '${writeKey}', host: '${host}' });
`;
}

// The strictest Content-Security-Policy the set-up runs under.
export function contentSecurityPolicy(host: string): string {
  return `script-src 'self' ${host} 'wasm-unsafe-eval';\nstyle-src 'self';\nconnect-src ${host};`;
}
