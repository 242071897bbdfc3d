// The editor's side of the bridge, reduced to what the test drives: log in,
// ask the collector for an editor token, open the app, post messages to it and
// keep every message the app posts back. The real editor does the same in
// editor/src/shared/app_bridge.ts.
window.bridgeTest = {
  messages: [],
  app: null,
  csrf: '',
  async login(email, password) {
    const r = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }) });
    this.csrf = (await r.json()).csrf_token || '';
    return r.status;
  },
  async token(appId, purpose) {
    const r = await fetch('/api/apps/' + appId + '/editor-token', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Cairn-CSRF': this.csrf }, body: JSON.stringify({ purpose }) });
    return { status: r.status, body: await r.json() };
  },
  open(url) {
    this.app = window.open(url, '_blank');
  },
  // Drafts in the packed form the SDK runs, by index (ArrayBuffers cannot
  // leave the page through the test driver), in `version`: the pack_version
  // of the app's `ready` (none: 1, what SDKs before it read).
  packs: [],
  async pack(appId, guide, version) {
    const accept = 'application/vnd.cairn.guides-pack' + (version ? '; v=' + version : '');
    const r = await fetch('/api/apps/' + appId + '/guides/pack', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Cairn-CSRF': this.csrf, Accept: accept },
      body: JSON.stringify(guide) });
    if (!r.ok) return { status: r.status, body: await r.json() };
    this.packs.push(await r.arrayBuffer());
    return { status: r.status, pack: this.packs.length - 1 };
  },
  // `pack`: the index of a packed draft to send as the message's packed_guide.
  send(message, targetOrigin, pack) {
    const m = Object.assign({ cairn: 1 }, message);
    if (pack !== undefined && pack !== null) m.packed_guide = this.packs[pack];
    this.app.postMessage(m, targetOrigin);
  },
};
window.addEventListener('message', (e) => {
  if (e.source === window.bridgeTest.app) window.bridgeTest.messages.push({ origin: e.origin, data: e.data });
});
