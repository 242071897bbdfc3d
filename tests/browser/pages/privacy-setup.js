// Starts Cairn on privacy.html with the stub collector and the init options the
// test puts in window.__cairnTest.options (consent, respectDoNotTrack, ...).
window.Cairn.init(Object.assign({ writeKey: 'test-key', host: window.__cairnTest.host, flushIntervalMs: 300 },
  window.__cairnTest.options || {}));
