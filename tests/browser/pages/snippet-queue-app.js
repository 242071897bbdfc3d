// The host's own code, run before the async cairn.js (sdk_snippet_queue.test.mjs).
Cairn.identify('user-42', { plan: 'team' });
Cairn.track('Early', { n: 1 });
window.early = Cairn;
document.getElementById('save').addEventListener('click', () => { Cairn.track('Saved'); Cairn.flush(); });
window.queuedBefore = Array.isArray(Cairn) && Cairn.length;
