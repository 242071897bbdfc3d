// Starts Cairn from the ES module build (cairn.mjs), as an app without a
// bundler would, with the stub collector the harness started.
import Cairn from '/sdk/cairn.mjs';

window.Cairn = Cairn;
Cairn.init({ writeKey: 'test-key', host: window.__cairnTest.host, wasmUrl: '/sdk/cairn.wasm', flushIntervalMs: 300 });
