// Starts Cairn on the test pages with the stub collector the harness started.
window.Cairn.init({ writeKey: 'test-key', host: window.__cairnTest.host, flushIntervalMs: 300 });
